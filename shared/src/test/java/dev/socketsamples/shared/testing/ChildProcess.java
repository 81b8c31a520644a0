package dev.socketsamples.shared.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process that {@link ChildJvm} started, with every line it printed so far, read as it comes: a test can
 * wait for a line, and a child that prints a lot never blocks on a full pipe.
 */
public final class ChildProcess {

    /** What a server prints once bound, followed by {@code HOST:PORT}. */
    public static final String BOUND = "Local address and port : ";

    private final Process process;
    private final List<String> stdout = new ArrayList<>(); // guarded by this
    private final List<String> stderr = new ArrayList<>(); // guarded by this
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ChildProcess(Process process) {
        this.process = process;
        this.stdoutReader = reader("stdout", process.getInputStream(), stdout);
        this.stderrReader = reader("stderr", process.getErrorStream(), stderr);
    }

    /** Starts reading the lines of {@code process}. */
    public static ChildProcess of(Process process) {
        return new ChildProcess(process);
    }

    private Thread reader(String name, InputStream stream, List<String> lines) {
        return Thread.ofPlatform().name("child-" + name).daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the child is gone: what it printed is all there is
            }
            synchronized (this) {
                notifyAll();
            }
        });
    }

    public Process process() {
        return process;
    }

    /** The lines printed to standard output so far. */
    public synchronized List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** The lines printed to standard error so far. */
    public synchronized List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Both, standard output first. */
    public synchronized List<String> allLines() {
        List<String> all = new ArrayList<>(stdout);
        all.addAll(stderr);
        return all;
    }

    /** Waits up to {@code timeout} for a line on standard output that matches, and returns it. */
    public String awaitStdout(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        return awaitStdout(wanted, 1, timeout).getLast();
    }

    /** Waits up to {@code timeout} for {@code count} lines on standard output that match, and returns them. */
    public synchronized List<String> awaitStdout(Predicate<String> wanted, int count, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> found = stdout.stream().filter(wanted).toList();
            if (found.size() >= count) {
                return found.subList(0, count);
            }
            long left = end - System.nanoTime();
            if (left <= 0 || !stdoutReader.isAlive()) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + count
                        + " such lines, got " + found.size() + (stdoutReader.isAlive() ? "" : "; the child ended")
                        + "; it printed:\n" + String.join("\n", allLines()));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits for a server's {@code Local address and port : HOST:PORT} line and returns the port. */
    public int awaitBoundPort(Duration timeout) throws InterruptedException {
        String line = awaitStdout(printed -> printed.startsWith(BOUND), timeout);
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
    }

    /** Waits up to {@code timeout} for the process to end and its output to be read; returns its exit code. */
    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("still running after " + timeout.toSeconds() + " s; it printed:\n"
                    + String.join("\n", allLines()));
        }
        stdoutReader.join(timeout);
        stderrReader.join(timeout);
        return process.exitValue();
    }

    /** Asks the process to end with {@link ChildJvm#terminate}, as Ctrl+C does, and returns its exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        ChildJvm.terminate(process);
        return exitCode(timeout);
    }
}
