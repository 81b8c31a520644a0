/**
 * Stops the build with one sentence when the JDK the toolchains plugin chose, the newest on this machine, is
 * older than the release the suite compiles for. Run by the root pom as a source file: {@code java RequireJdk.java 21}.
 */
public class RequireJdk {

    public static void main(String[] args) {
        int needed = Integer.parseInt(args[0]);
        if (Runtime.version().feature() < needed) {
            System.err.printf("socket-samples needs a JDK %d or newer, and the newest JDK found on this machine is %s"
                    + " (%s): install a JDK %d or newer (Eclipse Temurin, or your system's openjdk-%d-jdk package)"
                    + " anywhere, and run the command again.%n",
                    needed, Runtime.version(), System.getProperty("java.home"), needed, needed);
            System.exit(1);
        }
    }
}
