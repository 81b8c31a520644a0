package dev.socketsamples.shared.testing;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a sample's {@code main} in a JVM of its own, as a user runs it, so that its exit code and its output
 * are the real ones; {@link #close()} stops whatever is still running. A test class registers it as a field,
 * {@code @RegisterExtension}, and it closes after each test, after the class's own {@code @AfterEach}.
 */
public final class ChildJvm implements AutoCloseable, AfterEachCallback {

    /** Long enough for a JVM to start and run a main that ends by itself, on a loaded machine. */
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);

    private final List<Process> started = new ArrayList<>();

    /** A main that ran to its end: its exit code and the lines it printed. */
    public record Exited(int code, List<String> stdout, List<String> stderr) {
    }

    /** Runs {@code mainClass} with this test's JDK and class path. */
    public Process start(Class<?> mainClass, String... args) throws IOException {
        return start(List.of(), List.of(), mainClass, List.of(args));
    }

    /** Runs {@code mainClass} to its end, as a one-off command such as {@code --help} does: at most 20 s. */
    public Exited run(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        ChildProcess child = ChildProcess.of(start(mainClass, args));
        int code = child.exitCode(RUN_LIMIT);
        return new Exited(code, child.stdout(), child.stderr());
    }

    /**
     * Runs {@code mainClass} as {@link #start(Class, String...)} does, with {@code jvmOptions} such as
     * {@code -Xmx128m}, and under {@code launcher} if not empty: a command that runs the rest of the command
     * line, such as {@code prlimit --nofile=256:256}.
     */
    public Process start(List<String> launcher, List<String> jvmOptions, Class<?> mainClass, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }

    /**
     * Runs a test only where {@link #terminate} lets the JVM run its shutdown hooks: Linux and macOS send SIGTERM,
     * Windows has no such signal and kills the process outright.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @EnabledIf(value = "dev.socketsamples.shared.testing.ChildJvm#terminatesGracefully",
            disabledReason = "this OS kills a process without running its shutdown hook")
    public @interface WhereTerminateIsGraceful {
    }

    /** Whether {@link #terminate} lets a JVM run its shutdown hooks, as Ctrl+C does. */
    public static boolean terminatesGracefully() {
        return ProcessHandle.current().supportsNormalTermination();
    }

    /**
     * Asks {@code process} to end as Ctrl+C does, so that its shutdown hook runs; our end of its pipes stays open
     * to read what it printed last ({@link Process#destroy()} would close it).
     */
    public static void terminate(Process process) {
        process.toHandle().destroy();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            for (Process process : started) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            started.clear();
        }
    }
}
