package dev.socketsamples.compare;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The one-command tour: every server started in-process, every client run against it, then three at once. */
public final class Demo {

    /** How long the slow client pauses between the pieces of its message. */
    private static final Duration PAUSE = Duration.ofMillis(300);

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    private Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo, printing to {@code out}; returns the exit code. */
    public static int run(PrintStream out) {
        try {
            new Demo(out).runAll();
            return 0;
        } catch (SampleFailure | IOException | ExecutionException e) {
            out.println("demo failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private void runAll() throws SampleFailure, IOException, InterruptedException, ExecutionException {
        out.println("""
                socket-samples demo. Each server starts on a free port of 127.0.0.1; each client sends one message
                and prints the echo. Every line names the thread that printed it: that is the lesson.""");
        // tag::demo-loop[]
        for (ServerKind serverKind : ServerKind.values()) {
            heading(serverKind.toString());
            try (EchoServer server = serverKind.start(ServerConfig.loopback().withConsole(line -> print("server", line)))) {
                for (ClientKind clientKind : ClientKind.values()) {
                    out.println();
                    out.println("-- the " + clientKind + " --");
                    String message = "Hello from the " + clientKind + Protocol.EOF;
                    ClientConfig config = ClientConfig.loopback(server.port(), message.getBytes(UTF_8))
                            .withConsole(line -> print("client", line));
                    clientKind.startClient(config);
                }
                out.println();
                threeAtOnce(server);
            }
        }
        // end::demo-loop[]
        heading("What to take away");
        out.println("""
                The one-at-a-time server made B and C wait until the slow client A had finished: one thread serves
                everyone, in turn. With a virtual thread per connection, with callbacks on a small pool, or with one
                thread that a Selector tells which connection is ready, B and C were answered at once while A was
                still typing. Same protocol, same clients, same echo.""");
    }

    /** A types its message slowly; B and C send theirs while A is still typing. Who waits for whom? */
    private void threeAtOnce(EchoServer server) throws IOException, InterruptedException, ExecutionException {
        out.println("-- three clients at once: A types its message in three pieces, "
                + PAUSE.toMillis() + " ms apart; B and C send theirs as soon as A has started --");
        List<Future<Echoed>> others = new ArrayList<>();
        Echoed a;
        long aFinishedTyping;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            long aStarted = elapsedMillis();
            OutputStream toServer = slow.getOutputStream();
            toServer.write("A is ".getBytes(UTF_8));
            for (String name : List.of("B", "C")) {
                others.add(clients.submit(() -> {
                    long started = elapsedMillis();
                    ClientKind.SYNC.startClient(
                            ClientConfig.loopback(server.port(), (name + Protocol.EOF).getBytes(UTF_8)));
                    return new Echoed(name, started, elapsedMillis());
                }));
            }
            pause();
            toServer.write("typing ".getBytes(UTF_8));
            pause();
            aFinishedTyping = elapsedMillis(); // before the write: a loaded machine may run the server first
            toServer.write(("slowly" + Protocol.EOF).getBytes(UTF_8));
            slow.getInputStream().readAllBytes();
            a = new Echoed("A", aStarted, elapsedMillis());
        }
        List<Echoed> all = new ArrayList<>(List.of(a, others.get(0).get(), others.get(1).get()));
        all.sort(Comparator.comparingLong(Echoed::doneMillis));
        for (Echoed echoed : all) {
            print("demo", String.format("client %s got its echo %4d ms after it started",
                    echoed.client(), echoed.doneMillis() - echoed.startedMillis()));
        }
        // B and C could only have waited for A if their echoes came after A's last piece: timing alone can tie.
        boolean waited = all.stream().allMatch(echoed -> echoed.doneMillis() >= aFinishedTyping);
        print("demo", waited ? "B and C waited for A: this server serves one connection at a time"
                : "B and C were answered while A was still typing: nobody waited");
        out.println();
    }

    private record Echoed(String client, long startedMillis, long doneMillis) {
    }

    private void pause() throws InterruptedException {
        Thread.sleep(PAUSE); // a person typing, for the demo's eyes: not a way to wait for something
    }

    private void heading(String title) {
        out.println();
        out.println("=== " + title + " ===");
    }

    /** One transcript line: who printed it, on which thread, and what. */
    private synchronized void print(String who, String line) {
        String thread = Thread.currentThread().getName();
        String text = line.startsWith("[" + thread + "] ") ? line.substring(thread.length() + 3) : line;
        out.printf("%6d ms  %-6s %-20s %s%n", elapsedMillis(), who, thread.isEmpty() ? "(virtual)" : thread, text);
    }

    private long elapsedMillis() {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
