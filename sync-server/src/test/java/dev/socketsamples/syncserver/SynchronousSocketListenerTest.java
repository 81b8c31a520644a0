package dev.socketsamples.syncserver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import dev.socketsamples.syncserver.SynchronousSocketListener.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server on a real socket, in both modes: the exchange, every bad-input row, and a clean close. */
@Timeout(30)
class SynchronousSocketListenerTest {

    private static final byte[] MESSAGE = "This is a test<EOF>".getBytes(UTF_8);

    private final Console console = new Console();
    private SynchronousSocketListener server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    private SynchronousSocketListener start(ServerConfig config, Threads threads) throws SampleFailure {
        server = SynchronousSocketListener.start(config.withConsole(console), threads);
        return server;
    }

    private SynchronousSocketListener start(Threads threads) throws SampleFailure {
        return start(ServerConfig.loopback(), threads);
    }

    /** After any bad input, the next client is served as if nothing had happened. */
    private void assertANormalExchangeStillWorks() throws IOException {
        assertThat(RawClient.exchange(server.port(), MESSAGE)).isEqualTo(MESSAGE);
        await().until(() -> server.openConnections() == 0);
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void echoesTheMessageAndPrintsTheLinesOfTheOriginal(Threads threads) throws Exception {
        start(threads);

        assertThat(RawClient.exchange(server.port(), MESSAGE)).isEqualTo(MESSAGE);

        assertThat(server.port()).isPositive();
        await().untilAsserted(() -> assertThat(console.texts()).containsSubsequence(
                "Local address and port : 127.0.0.1:" + server.port(),
                "Waiting for a connection...",
                "Text received : This is a test<EOF>",
                "Sent 19 bytes to client."));
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aClientLeavingBeforeTheMarkerIsLoggedWithTheByteCountAndClosed(Threads threads) throws Exception {
        start(threads);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send("abc".getBytes(UTF_8)).shutdownOutput();
            assertThat(client.readToEnd()).isEmpty();
        }
        await().until(() -> console.texts().contains(
                "Client closed the connection after 3 bytes, before <EOF>; closed it without echo."));
        assertANormalExchangeStillWorks();
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aClientLeavingWithoutAWordIsLoggedAndClosed(Threads threads) throws Exception {
        start(threads);
        RawClient.connect(server.port()).close();

        await().until(() -> console.texts().contains(
                "Client closed the connection after 0 bytes, before <EOF>; closed it without echo."));
        assertANormalExchangeStillWorks();
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aResetIsLoggedAndTheConnectionClosed(Threads threads) throws Exception {
        start(threads);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send("abc".getBytes(UTF_8));
            await().until(() -> server.openConnections() == 1);
            client.reset();
        }

        await().until(() -> server.openConnections() == 0);
        assertThat(console.texts())
                .anyMatch(line -> line.matches("Closed the connection after \\d bytes: connection reset\\."));
        assertANormalExchangeStillWorks();
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aMessageOverTheLimitIsClosedWithoutEcho(Threads threads) throws Exception {
        start(ServerConfig.loopback().withMaxMessageBytes(4096), threads);
        try (RawClient client = RawClient.connect(server.port())) {
            byte[] tooLong = new byte[10_000];
            Arrays.fill(tooLong, (byte) 'x');
            client.send(tooLong);
            assertThat(client.awaitClosedByServer()).isTrue();
        }
        await().until(() -> server.openConnections() == 0);
        assertThat(console.texts())
                .contains("Closed the connection without echo: no <EOF> within the maximum message size of 4096 bytes.")
                .noneMatch(line -> line.startsWith("Sent"));
        assertANormalExchangeStillWorks();
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aFloodStopsBeingReadAtTheLimit(Threads threads) throws Exception {
        start(ServerConfig.loopback().withMaxMessageBytes(64 * 1024), threads);
        byte[] block = new byte[1024 * 1024];
        Arrays.fill(block, (byte) 'x');

        // 256 MiB is far more than the socket buffers hold: the write can only fail if the server stopped reading.
        try (Socket flood = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = flood.getOutputStream();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 256; i++) {
                    out.write(block);
                }
            }).isInstanceOf(IOException.class);
        }
        await().until(() -> server.openConnections() == 0);
        assertThat(console.texts()).contains(
                "Closed the connection without echo: no <EOF> within the maximum message size of 65536 bytes.");
        assertANormalExchangeStillWorks();
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aSilentClientIsClosedAfterTheIdleTimeout(Threads threads) throws Exception {
        start(ServerConfig.loopback().withIdleTimeout(Duration.ofMillis(200)), threads);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send("abc".getBytes(UTF_8));
            assertThat(client.awaitClosedByServer()).isTrue();
        }
        await().until(() -> console.texts().contains(
                "Closed the connection after 3 bytes: silent for longer than 0.2 s, the idle timeout."));
        assertANormalExchangeStillWorks();
    }

    // tag::split-characters[]
    @ParameterizedTest
    @EnumSource(Threads.class)
    void aClientThatNeverReadsItsEchoIsClosedAfterTheIdleTimeout(Threads threads) throws Exception {
        start(ServerConfig.loopback().withMaxMessageBytes(64 * 1024 * 1024).withIdleTimeout(Duration.ofMillis(300)),
                threads);
        byte[] message = new byte[32 * 1024 * 1024]; // far more than the socket buffers hold
        Arrays.fill(message, (byte) 'x');
        System.arraycopy(MESSAGE, 0, message, message.length - MESSAGE.length, MESSAGE.length);

        try (RawClient client = RawClient.connect(server.port())) {
            client.send(message); // and never read the echo
            await().until(() -> console.texts().contains("Closed the connection after " + message.length
                    + " bytes: silent for longer than 0.3 s, the idle timeout."));
        }
        assertANormalExchangeStillWorks();
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void oneByteAtATimeSplittingCharactersIsEchoedExactlyAndPrintedWhole(Threads threads) throws Exception {
        start(threads);
        byte[] message = "héllo € 😀<EOF>".getBytes(UTF_8);
        try (RawClient client = RawClient.connect(server.port())) {
            assertThat(client.sendInFragments(message, 1).readToEnd()).isEqualTo(message);
        }
        await().until(() -> console.texts().contains("Text received : héllo € 😀<EOF>"));
        assertANormalExchangeStillWorks();
    }
    // end::split-characters[]

    @ParameterizedTest
    @EnumSource(Threads.class)
    void malformedUtf8IsEchoedByteExact(Threads threads) throws Exception {
        start(threads);
        byte[] message = {'a', (byte) 0xFF, (byte) 0xC3, 'b', '<', 'E', 'O', 'F', '>'};

        assertThat(RawClient.exchange(server.port(), message)).isEqualTo(message);
        await().until(() -> console.texts().contains("Text received : a\uFFFD\uFFFDb<EOF>"));
        assertANormalExchangeStillWorks();
    }

    @Test
    void aPortInUseIsOneLineNamingTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> start(ServerConfig.loopback().withPort(port), Threads.ONE_AT_A_TIME))
                    .isInstanceOf(SampleFailure.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port
                            + ": address already in use; is another server running? choose another port with --port");
        }
        assertThat(server).isNull();
    }

    // tag::close[]
    @ParameterizedTest
    @EnumSource(Threads.class)
    void closeClosesTheOpenConnectionsAndEndsEveryThreadItStarted(Threads threads) throws Exception {
        start(threads);
        try (RawClient stalled = RawClient.connect(server.port())) {
            stalled.send("half".getBytes(UTF_8));
            await().until(() -> server.openConnections() == 1);

            server.close();

            assertThat(stalled.awaitClosedByServer()).isTrue();
        }
        assertThat(server.openConnections()).isZero();
        // Closing the socket ended the blocked read, and every thread that served is gone.
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("sync-"));
    }
    // end::close[]

    @Test
    void closeIsIdempotentAndLeavesNoListenerThread() throws Exception {
        start(Threads.ONE_AT_A_TIME);
        int port = server.port();

        server.close();
        server.close();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("sync-listener"));
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the port is free again").isEqualTo(port);
        }
    }
}
