package dev.socketsamples.compare.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A target running in a JVM of its own, so that one server neither warms nor starves another. */
final class TargetProcess implements AutoCloseable {

    /** Every server JVM gets the same heap, so that the heap figures compare. */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g");

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader replies;
    private final InetSocketAddress address;

    private TargetProcess(Process process) throws IOException {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = replies.readLine();
        if (first == null || !first.startsWith("listening ")) {
            throw new IOException("the server JVM did not start: " + first);
        }
        this.address = new InetSocketAddress("127.0.0.1", Integer.parseInt(first.substring("listening ".length())));
    }

    /** Starts {@code target} with this JVM's java and class path. */
    static TargetProcess start(Target target) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TargetServer.class.getName());
        command.add(target.key());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            return new TargetProcess(process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    InetSocketAddress address() {
        return address;
    }

    synchronized ServerStats stats() throws IOException {
        return ServerStats.parse(ask("stats"));
    }

    synchronized void resetPeakThreads() throws IOException {
        ask("reset-peak");
    }

    /** Used heap in the server JVM after a full collection there. */
    synchronized long usedHeapAfterGc() throws IOException {
        return Long.parseLong(ask("heap").substring("heap ".length()));
    }

    private String ask(String command) throws IOException {
        commands.println(command);
        String reply = replies.readLine();
        if (reply == null) {
            throw new IOException("the server JVM exited");
        }
        return reply;
    }

    @Override
    public void close() {
        commands.println("quit");
        commands.close();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
