package dev.socketsamples.compare.load;

import dev.socketsamples.compare.load.Tally.Outcome;
import dev.socketsamples.shared.Quietly;
import dev.socketsamples.shared.ServerConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generator against small servers in this JVM, on loopback: few exchanges, no speed asserted. */
class LoadGeneratorTest {

    private static final byte[] MESSAGE = "Hello<EOF>".getBytes(StandardCharsets.US_ASCII);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The client timeout where timing out is the subject: short, so the test is. */
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

    /** The old generator counted only exchanges that ended inside the window: this one counted none. */
    @Test
    void anExchangeThatNeverGetsAnEchoIsCountedAsTimedOut() throws Exception {
        try (ScriptedServer server = new ScriptedServer(List.of(Script.STALL))) {
            Tally tally = new LoadGenerator(server.address(), MESSAGE, SHORT_TIMEOUT)
                    .closedLoop(1, Duration.ZERO, Duration.ofMillis(200));

            assertThat(tally.started()).isEqualTo(1);
            assertThat(tally.count(Outcome.TIMED_OUT)).isEqualTo(1);
            assertThat(tally.count(Outcome.ECHOED)).isZero();
            assertThat(tally.maxMillis()).as("a timed-out exchange is in the latencies").isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void everyExchangeIsCountedOnceByHowItEndedAndAgreesWithTheServer() throws Exception {
        try (ScriptedServer server = new ScriptedServer(List.of(Script.ECHO, Script.RESET, Script.CLOSE, Script.STALL))) {
            Tally tally = new LoadGenerator(server.address(), MESSAGE, SHORT_TIMEOUT).burst(12);

            assertThat(server.accepted()).isEqualTo(12);
            assertThat(tally.started()).isEqualTo(12);
            for (Outcome outcome : List.of(Outcome.ECHOED, Outcome.RESET, Outcome.OTHER, Outcome.TIMED_OUT)) {
                assertThat(tally.count(outcome)).as(outcome.name()).isEqualTo(3);
            }
            assertThat(tally.errors()).isEqualTo(9);
        }
    }

    @Test
    void nothingListeningIsRefused() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket closedAtOnce = new ServerSocket(0)) {
            nobody = new InetSocketAddress("127.0.0.1", closedAtOnce.getLocalPort());
        }
        Tally tally = new LoadGenerator(nobody, MESSAGE, TIMEOUT).burst(3);

        assertThat(tally.count(Outcome.REFUSED)).isEqualTo(3);
        assertThat(tally.started()).isEqualTo(3);
    }

    /**
     * A server that answers one exchange at a time, each after 100 ms: the open loop still starts one every 50 ms,
     * and the k-th exchange waits for the k before it, so its latency from its planned start is at least
     * {@code 100 (k + 1) - 50 k} ms: 550 ms for the tenth. A closed loop of one client would see 100 ms each.
     */
    @Test
    void theOpenLoopStartsOnScheduleAndChargesTheWaitToTheServer() throws Exception {
        try (ScriptedServer server = new ScriptedServer(List.of(Script.SLOW_ECHO))) {
            Tally tally = new LoadGenerator(server.address(), MESSAGE, TIMEOUT).openLoop(20, Duration.ofMillis(500));

            assertThat(tally.started()).isEqualTo(10);
            assertThat(tally.count(Outcome.ECHOED)).isEqualTo(10);
            assertThat(tally.maxMillis()).isGreaterThanOrEqualTo(550);
            assertThat(tally.millisAt(50)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void theClosedLoopCountsWhatNettyEchoed() throws Exception {
        try (NettyEchoServer server = NettyEchoServer.start(ServerConfig.loopback())) {
            Tally tally = new LoadGenerator(server.localAddress(), MESSAGE, TIMEOUT)
                    .closedLoop(4, Duration.ofMillis(100), Duration.ofMillis(300));

            assertThat(tally.started()).isPositive();
            assertThat(tally.count(Outcome.ECHOED)).isEqualTo(tally.started());
            assertThat(tally.millisAt(99)).isPositive();
        }
    }

    @Test
    void heldConnectionsAreOpenInTheServerAtOnceThenAllComplete() throws Exception {
        try (NettyEchoServer server = NettyEchoServer.start(ServerConfig.loopback())) {
            Tally tally = new Tally();
            int openWhileHeld = new LoadGenerator(server.localAddress(), MESSAGE, TIMEOUT).hold(20, tally,
                    opened -> await().atMost(TIMEOUT).until(() -> server.openConnections() >= opened),
                    server::openConnections);

            assertThat(openWhileHeld).isEqualTo(20);
            assertThat(tally.started()).isEqualTo(20);
            assertThat(tally.count(Outcome.ECHOED)).isEqualTo(20);
            await().atMost(TIMEOUT).until(() -> server.openConnections() == 0);
        }
    }

    /** What the scripted server does with a connection, once it has read the message. */
    private enum Script { ECHO, RESET, CLOSE, STALL, SLOW_ECHO }

    /**
     * Accepts on a free loopback port and, connection by connection, follows its scripts in turn; SLOW_ECHO
     * serves one connection at a time, the others each on a virtual thread.
     */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor;

        ScriptedServer(List<Script> scripts) throws IOException {
            acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket socket = listener.accept();
                        sockets.add(socket);
                        Script script = scripts.get(accepted.getAndIncrement() % scripts.size());
                        if (script == Script.SLOW_ECHO) {
                            serve(socket, script);
                        } else {
                            Thread.ofVirtual().start(() -> serve(socket, script));
                        }
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            });
        }

        private static void serve(Socket socket, Script script) {
            try {
                InputStream in = socket.getInputStream();
                byte[] message = in.readNBytes(MESSAGE.length);
                switch (script) {
                    case ECHO -> socket.getOutputStream().write(message);
                    case RESET -> socket.setSoLinger(true, 0);
                    case CLOSE, STALL -> { }
                    case SLOW_ECHO -> {
                        Thread.sleep(100); // the server's work, not a test waiting
                        socket.getOutputStream().write(message);
                    }
                }
                if (script != Script.STALL) {
                    socket.close();
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up: nothing to serve
            }
        }

        InetSocketAddress address() {
            return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            Quietly.join(acceptor, Duration.ofSeconds(10)); // ends once the listener is closed
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
