package dev.socketsamples.compare.load;

import dev.socketsamples.compare.ServerKind;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A server in a JVM of its own, so that one server neither warms nor starves another, answering a few lines
 * on its standard input so that the benchmark can read its threads, connections and heap from outside.
 * The servers are the suite's {@link ServerKind}s, by name, and Netty, the reference.
 *
 * <pre>
 * out: listening PORT         once bound
 * in:  stats                  out: THREADS PEAK_THREADS OPEN_CONNECTIONS   (live platform threads)
 * in:  reset-peak             out: ok
 * in:  heap                   out: USED_BYTES after System.gc()
 * in:  quit, or end of input  the server closes and the JVM exits
 * </pre>
 */
public final class ServerProcess implements AutoCloseable {

    static final String NETTY = "netty";
    /** Every server JVM gets the same heap, so that the heap figures compare. */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g");
    /** Longer than the default 30 s, so that held connections outlast a slow opening on a busy machine. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    /** What the server JVM says of itself. */
    record Stats(int platformThreads, int peakPlatformThreads, int openConnections) {
    }

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader replies;
    private final InetSocketAddress address;

    private ServerProcess(Process process) throws IOException {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = replies.readLine();
        if (first == null || !first.startsWith("listening ")) {
            throw new IOException("the server JVM did not start: " + first);
        }
        this.address = new InetSocketAddress("127.0.0.1", Integer.parseInt(first.substring("listening ".length())));
    }

    /** Every server's name: the kinds of the suite, then Netty. */
    static List<String> names() {
        return Stream.concat(Arrays.stream(ServerKind.values()).map(ServerProcess::nameOf), Stream.of(NETTY)).toList();
    }

    static String nameOf(ServerKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Starts the server called {@code name} in this JVM. */
    static EchoServer startHere(String name, ServerConfig config) throws Exception {
        return name.equals(NETTY) ? NettyEchoServer.start(config)
                : ServerKind.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')).start(config);
    }

    /** Starts the server called {@code name} with {@code backlog} in a JVM of its own, this JVM's java. */
    static ServerProcess start(String name, int backlog) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(), name,
                String.valueOf(backlog)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            return new ServerProcess(process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    InetSocketAddress address() {
        return address;
    }

    synchronized Stats stats() throws IOException {
        int[] n = Arrays.stream(ask("stats").split(" ")).mapToInt(Integer::parseInt).toArray();
        return new Stats(n[0], n[1], n[2]);
    }

    synchronized void resetPeak() throws IOException {
        ask("reset-peak");
    }

    /** Used heap in the server JVM after a full collection there. */
    synchronized long usedHeapAfterGc() throws IOException {
        return Long.parseLong(ask("heap"));
    }

    /** Polls the server until {@code until} holds or {@code limit} has passed; returns the last stats. */
    Stats await(Predicate<Stats> until, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Stats stats = stats();
        while (!until.test(stats) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
            stats = stats();
        }
        return stats;
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

    /** The server JVM: {@code ServerProcess NAME BACKLOG}, silent but for the lines above. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ServerConfig config = ServerConfig.loopback().withIdleTimeout(IDLE_TIMEOUT)
                .withBacklog(Integer.parseInt(args[1]));
        try (EchoServer server = startHere(args[0], config);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println("listening " + server.port());
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                out.println(switch (line) {
                    case "stats" -> threads.getThreadCount() + " " + threads.getPeakThreadCount() + " "
                            + server.openConnections();
                    case "reset-peak" -> {
                        threads.resetPeakThreadCount();
                        yield "ok";
                    }
                    case "heap" -> {
                        for (int i = 0; i < 3; i++) {
                            System.gc();
                        }
                        yield String.valueOf(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    }
                    default -> "unknown " + line;
                });
            }
        }
        // Whatever the server left running, this JVM is done.
        System.exit(0);
    }
}
