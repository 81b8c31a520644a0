package dev.socketsamples.compare;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bad-input table of the protocol, run against every server from one place: a server that forgets a
 * row shows up as one red row. After each case, the server still answers a well-behaved client.
 */
class EveryServerSurvivesBadInputTest {

    private static final int MAX_MESSAGE_BYTES = 64;
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(300);

    private final List<String> console = new CopyOnWriteArrayList<>();
    private EchoServer server;

    private EchoServer start(ServerKind kind) throws SampleFailure {
        server = kind.start(ServerConfig.loopback()
                .withMaxMessageBytes(MAX_MESSAGE_BYTES)
                .withIdleTimeout(IDLE_TIMEOUT)
                .withConsole(console::add));
        return server;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aClientThatLeavesBeforeTheMarkerIsClosedAndForgotten(ServerKind kind) throws Exception {
        start(kind);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send("half a".getBytes(UTF_8)).shutdownOutput();
            assertThat(client.readToEnd()).isEmpty();
        }
        awaitNoOpenConnection();
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aClientThatResetsIsClosedAndForgotten(ServerKind kind) throws Exception {
        start(kind);
        RawClient client = RawClient.connect(server.port());
        client.send(new byte[] {'a', 'b', 'c'});
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 1);
        client.reset();
        awaitNoOpenConnection();
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aMessageLargerThanTheMaximumIsDroppedWithoutEcho(ServerKind kind) throws Exception {
        start(kind);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(Messages.ofLength(MAX_MESSAGE_BYTES + 1));
            assertThat(receivedBeforeClose(client)).isEmpty();
        }
        awaitNoOpenConnection();
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aSilentClientIsClosedAfterTheIdleTimeout(ServerKind kind) throws Exception {
        start(kind);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(new byte[] {'h', 'i'});
            assertThat(client.awaitClosedByServer()).isTrue();
        }
        awaitNoOpenConnection();
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void malformedUtf8IsEchoedExactlyAndPrintedAsReplacementCharacters(ServerKind kind) throws Exception {
        start(kind);
        byte[] message = Messages.withMarker(new byte[] {'o', 'k', (byte) 0xFF, (byte) 0xE2, (byte) 0x82});

        assertThat(RawClient.exchange(server.port(), message)).isEqualTo(message);
        await().atMost(Duration.ofSeconds(5)).until(() -> console.stream().anyMatch(line -> line.contains("ok\uFFFD")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aPortAlreadyInUseIsOneLineThatNamesTheFix(ServerKind kind) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> kind.start(ServerConfig.loopback().withPort(taken.getLocalPort())))
                    .isInstanceOf(SampleFailure.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": address already in use; is another server running? choose another port with --port");
        }
    }

    private void awaitNoOpenConnection() {
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    }

    private void assertStillServing() throws IOException {
        byte[] message = Messages.text("still there?");
        assertThat(RawClient.exchange(server.port(), message)).isEqualTo(message);
    }

    /** What arrived before the server closed; a reset (the server closed with our bytes unread) counts as a close. */
    private static byte[] receivedBeforeClose(RawClient client) {
        try {
            return client.readToEnd();
        } catch (IOException reset) {
            return new byte[0];
        }
    }
}
