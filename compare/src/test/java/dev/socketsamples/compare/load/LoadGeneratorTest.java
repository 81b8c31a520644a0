package dev.socketsamples.compare.load;

import dev.socketsamples.shared.ServerConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generator against an in-process Netty echo server: few connections, few messages, no timing asserted. */
class LoadGeneratorTest {

    private static final byte[] MESSAGE = "Hello<EOF>".getBytes(StandardCharsets.US_ASCII);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void everyExchangeWithNettyIsCountedAndNoneFails() throws Exception {
        try (NettyEchoServer server = NettyEchoServer.start(ServerConfig.loopback())) {
            LoadResult result = new LoadGenerator(server.localAddress(), MESSAGE, TIMEOUT).runExchanges(4, 5);

            assertThat(result.messages()).isEqualTo(20);
            assertThat(result.errors()).isZero();
            assertThat(result.p99Nanos()).isGreaterThanOrEqualTo(result.p50Nanos()).isPositive();
        }
    }

    @Test
    void heldConnectionsAreOpenInTheServerThenAllComplete() throws Exception {
        try (NettyEchoServer server = NettyEchoServer.start(ServerConfig.loopback())) {
            AtomicInteger openWhileHeld = new AtomicInteger();
            HeldConnections.Outcome outcome = new HeldConnections(server.localAddress(), MESSAGE, TIMEOUT)
                    .hold(20, TIMEOUT,
                            opened -> await().atMost(TIMEOUT).until(() -> server.openConnections() >= opened),
                            held -> {
                                await().atMost(TIMEOUT).until(() -> server.openConnections() == held);
                                openWhileHeld.set(server.openConnections());
                            });

            assertThat(outcome).isEqualTo(new HeldConnections.Outcome(20, 0));
            assertThat(openWhileHeld).hasValue(20);
            await().atMost(TIMEOUT).until(() -> server.openConnections() == 0);
        }
    }

    @Test
    void exchangesWithNothingListeningAreErrors() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket closedAtOnce = new ServerSocket(0)) {
            nobody = new InetSocketAddress("127.0.0.1", closedAtOnce.getLocalPort());
        }
        LoadResult result = new LoadGenerator(nobody, MESSAGE, TIMEOUT).runExchanges(1, 3);

        assertThat(result.messages()).isZero();
        assertThat(result.errors()).isEqualTo(3);
    }

    @Test
    void anEchoIsWholeOnlyWhenEveryByteCameBackInOrder() throws IOException {
        assertThat(LoadGenerator.readEcho(oneByteAtATime(MESSAGE), MESSAGE)).isTrue();
        assertThat(LoadGenerator.readEcho(new ByteArrayInputStream("Hello".getBytes(StandardCharsets.US_ASCII)),
                MESSAGE)).as("closed before the marker").isFalse();
        assertThat(LoadGenerator.readEcho(new ByteArrayInputStream("Jello<EOF>".getBytes(StandardCharsets.US_ASCII)),
                MESSAGE)).as("a changed byte").isFalse();
    }

    private static InputStream oneByteAtATime(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }
}
