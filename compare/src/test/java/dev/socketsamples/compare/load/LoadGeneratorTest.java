package dev.socketsamples.compare.load;

import dev.socketsamples.compare.load.Tally.Outcome;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.ClosedPort;
import dev.socketsamples.shared.testing.FakeServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

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
        try (FakeServer server = FakeServer.start(FakeServer.SILENT)) {
            Tally tally = new LoadGenerator(address(server.port()), MESSAGE, SHORT_TIMEOUT)
                    .closedLoop(1, Duration.ZERO, Duration.ofMillis(200));

            assertThat(tally.started()).isEqualTo(1);
            assertThat(tally.count(Outcome.TIMED_OUT)).isEqualTo(1);
            assertThat(tally.count(Outcome.ECHOED)).isZero();
            assertThat(tally.maxMillis()).as("a timed-out exchange is in the latencies").isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void everyExchangeIsCountedOnceByHowItEndedAndAgreesWithTheServer() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.inTurn(FakeServer.ECHO, FakeServer.RESET,
                FakeServer.CLOSE_WITHOUT_ECHO, FakeServer.SILENT))) {
            Tally tally = new LoadGenerator(address(server.port()), MESSAGE, SHORT_TIMEOUT).burst(12);

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
        try (ClosedPort nobody = ClosedPort.hold()) {
            Tally tally = new LoadGenerator(address(nobody.port()), MESSAGE, TIMEOUT).burst(3);

            assertThat(tally.count(Outcome.REFUSED)).isEqualTo(3);
            assertThat(tally.started()).isEqualTo(3);
        }
    }

    /**
     * A server that answers one exchange at a time, each after 100 ms: the open loop still starts one every 50 ms,
     * and the k-th exchange waits for the k before it, so its latency from its planned start is at least
     * {@code 100 (k + 1) - 50 k} ms: 550 ms for the tenth. A closed loop of one client would see 100 ms each.
     */
    @Test
    void theOpenLoopStartsOnScheduleAndChargesTheWaitToTheServer() throws Exception {
        try (FakeServer server = FakeServer.start(slowEchoOneAtATime())) {
            Tally tally = new LoadGenerator(address(server.port()), MESSAGE, TIMEOUT).openLoop(20, Duration.ofMillis(500));

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

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Reads the message and echoes it 100 ms later, one connection at a time, in the order they came. */
    private static FakeServer.Behaviour slowEchoOneAtATime() {
        Lock oneAtATime = new ReentrantLock(true);
        return socket -> {
            oneAtATime.lock();
            try {
                byte[] message = FakeServer.readMessage(socket);
                Thread.sleep(100); // the server's work, not a test waiting
                socket.getOutputStream().write(message);
            } finally {
                oneAtATime.unlock();
            }
        };
    }
}
