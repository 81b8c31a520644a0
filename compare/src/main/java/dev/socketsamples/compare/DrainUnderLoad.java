package dev.socketsamples.compare;

import dev.socketsamples.compare.LoopingClients.Outcome;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code compare drain}: each server, on a free loopback port, is closed while clients loop connect-send-echo
 * against it, as Ctrl+C closes it; every exchange they started is counted once, with how it ended.
 */
public final class DrainUnderLoad {

    /** How many clients loop at once. */
    public static final int CLIENTS = 50;

    /** How many echoes the clients must have had before the close. */
    private static final long ECHOES_FIRST = 10L * CLIENTS;

    private static final Duration BOUND = Duration.ofSeconds(60);

    private DrainUnderLoad() {
    }

    /** One server's drain: how long its close took, and how the exchanges connected before and after it ended. */
    public record Result(ServerKind kind, Duration drainTimeout, Duration closing, Map<Outcome, Integer> before,
                         Map<Outcome, Integer> after) {

        /** Two console lines: the server, then what its close did. */
        String lines() {
            return kind + "\n  closed in " + closing.toMillis() + " ms (grace " + ConsoleText.seconds(drainTimeout)
                    + " s); connected before the close: " + counts(before) + "; after it: " + counts(after);
        }

        private static String counts(Map<Outcome, Integer> counts) {
            StringJoiner joined = new StringJoiner(", ");
            counts.forEach((outcome, count) -> joined.add(count + " " + outcome));
            return joined.toString();
        }
    }

    // tag::measure[]
    /** Starts {@code kind}, lets the clients loop, closes it with the protocol's grace period, and counts. */
    public static Result measure(ServerKind kind) throws SampleFailure, InterruptedException {
        ServerConfig config = ServerConfig.loopback().withDrainTimeout(Protocol.DRAIN_TIMEOUT);
        EchoServer server = kind.start(config);
        LoopingClients clients = LoopingClients.start(server.localAddress(), CLIENTS);
        long closeCalled;
        Duration closing;
        try {
            clients.awaitEchoed(ECHOES_FIRST, BOUND); // the loops are running
            closeCalled = System.nanoTime();
            server.close();
            closing = Duration.ofNanos(System.nanoTime() - closeCalled);
        } finally {
            server.close(); // at once if closed already
            clients.close(); // each loop ends with its exchange: refused, or stopped
        }
        return new Result(kind, config.drainTimeout(), closing, clients.countSince(closeCalled, false),
                clients.countSince(closeCalled, true));
    }
    // end::measure[]

    /** Measures every kind in turn and prints two lines for each; 0 when each ran, 1 when one could not start. */
    public static int run(PrintStream out) {
        out.println(CLIENTS + " clients loop connect-send-echo-close against each server; then it is closed.");
        for (ServerKind kind : ServerKind.values()) {
            try {
                out.println(measure(kind).lines());
            } catch (SampleFailure e) {
                out.println("compare: " + e.getMessage());
                return CommandLine.EXIT_FAILURE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CommandLine.EXIT_FAILURE;
            }
        }
        return CommandLine.EXIT_OK;
    }
}
