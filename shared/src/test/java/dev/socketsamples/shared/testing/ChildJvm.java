package dev.socketsamples.shared.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a sample's {@code main} in a JVM of its own, as a user runs it, so that its exit code and its output
 * are the real ones; {@link #close()} stops whatever is still running. Close it in {@code @AfterEach}.
 */
public final class ChildJvm implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** Runs {@code mainClass} with this test's JDK and class path. */
    public Process start(Class<?> mainClass, String... args) throws IOException {
        return start(List.of(), List.of(), mainClass, List.of(args));
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
