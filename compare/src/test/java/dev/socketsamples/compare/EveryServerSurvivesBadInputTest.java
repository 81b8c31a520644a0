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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The protocol's table "Limits and bad input", every row that a server in this JVM can show, run against
 * every server from one place: a server that forgets a row shows up as one red row. After each case the
 * server still answers a well-behaved client. The rows that need a JVM of their own (a small heap, few file
 * descriptors, a signal, an exit code) are in {@link EveryServerMainTest}.
 */
class EveryServerSurvivesBadInputTest {

    private static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** The subject of one test, and long enough that a loaded machine does not close a slow client by mistake. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final List<String> console = new CopyOnWriteArrayList<>();
    private EchoServer server;

    private EchoServer start(ServerKind kind, UnaryOperator<ServerConfig> settings) throws SampleFailure {
        server = kind.start(settings.apply(ServerConfig.loopback().withConsole(console::add)));
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
    void aClientThatLeavesBeforeTheMarkerIsLoggedWithItsByteCountAndClosed(ServerKind kind) throws Exception {
        start(kind, config -> config);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(bytes("half a")).shutdownOutput();
            assertThat(bytesBeforeTheServerCloses(client)).isEmpty();
        }
        awaitOneLineEndingWith("Client closed the connection after 6 bytes, before <EOF>; closed it without echo.");
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aClientThatResetsTheConnectionIsLoggedAndClosed(ServerKind kind) throws Exception {
        start(kind, config -> config);
        RawClient client = RawClient.connect(server.port());
        client.send(bytes("abc"));
        await().atMost(BOUND).until(() -> server.openConnections() == 1);

        client.reset();

        awaitNoOpenConnection();
        // 0 or 3: a reset throws away what the server had not read yet.
        assertThat(console).filteredOn(line ->
                line.matches(".*Closed the connection after [03] bytes: connection reset.*"))
                .hasSize(1);
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void noMarkerWithinTheMaximumSizeIsLoggedAndClosedWithoutEchoAndReadingStops(ServerKind kind) throws Exception {
        start(kind, config -> config.withMaxMessageBytes(MAX_MESSAGE_BYTES));
        byte[] block = new byte[1024 * 1024];
        Arrays.fill(block, (byte) 'x');

        // 256 MiB is far more than the socket buffers hold: the writes can only fail if the server stopped reading.
        try (Socket flood = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = flood.getOutputStream();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 256; i++) {
                    out.write(block);
                }
            }).isInstanceOf(IOException.class);
        }

        awaitNoOpenConnection();
        awaitOneLineEndingWith("Closed the connection without echo: no <EOF> within the maximum message size of "
                + MAX_MESSAGE_BYTES + " bytes.");
        assertThat(console).noneMatch(line -> line.contains("Sent "));
        assertStillServing();
    }

    // tag::error-in-one-connection[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void anErrorWhileServingOneConnectionClosesItInOneLineAndTheNextClientIsServed(ServerKind kind)
            throws Exception {
        // The line that prints the received text throws an Error, as an OutOfMemoryError or a bug would.
        Consumer<String> brokenConsole = line -> {
            if (line.contains("poison pill")) {
                throw new Error("The console broke");
            }
            console.add(line);
        };
        start(kind, config -> config.withConsole(brokenConsole));
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(bytes("poison pill<EOF>"));
            assertThat(bytesBeforeTheServerCloses(client)).as("no echo").isEmpty();
        }

        awaitNoOpenConnection();
        assertThat(console).filteredOn(line -> line.contains("Closed the connection"))
                .singleElement().asString().endsWith("Closed the connection after 16 bytes: the console broke.");
        assertStillServing();
    }
    // end::error-in-one-connection[]

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aClientSilentLongerThanTheIdleTimeoutIsClosed(ServerKind kind) throws Exception {
        start(kind, config -> config.withIdleTimeout(IDLE_TIMEOUT).withMaxMessageBytes(8 * 1024 * 1024));

        try (RawClient stopsSending = RawClient.connect(server.port())) {
            stopsSending.send(bytes("abc"));
            assertThat(bytesBeforeTheServerCloses(stopsSending)).isEmpty();
        }
        awaitOneLineEndingWith("Closed the connection after 3 bytes: silent for longer than 1 s, the idle timeout.");

        byte[] large = Messages.ofLength(8 * 1024 * 1024); // its echo is more than the socket buffers hold
        try (RawClient neverReads = RawClient.connect(server.port())) {
            neverReads.send(large);
            awaitOneLineEndingWith("Closed the connection after " + large.length
                    + " bytes: silent for longer than 1 s, the idle timeout.");
        }
        assertStillServing();
    }

    // tag::burst[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the table promises it on Linux: macOS and Windows cap a backlog"
            + " far lower by default (kern.ipc.somaxconn 128, SOMAXCONN 200)")
    void aBurstOfAThousandConnectsIsAbsorbedByTheDefaultBacklogOnLinux(ServerKind kind) throws Exception {
        int clients = 1000;
        start(kind, config -> config); // the default backlog
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> echoes = new ArrayList<>();
        try (ExecutorService burst = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                byte[] message = Messages.text("client " + i + " in the burst");
                echoes.add(burst.submit(() -> {
                    go.await();
                    try (RawClient client = RawClient.connect(server.port())) {
                        int half = message.length / 2; // two writes, as a client that types would send
                        client.send(Arrays.copyOfRange(message, 0, half));
                        client.send(Arrays.copyOfRange(message, half, message.length));
                        return client.readToEnd();
                    }
                }));
            }
            go.countDown(); // every client connects at once

            long end = System.nanoTime() + BOUND.toNanos();
            for (int i = 0; i < clients; i++) {
                assertThat(echoes.get(i).get(end - System.nanoTime(), TimeUnit.NANOSECONDS))
                        .as("client %d of %d", i, clients).isEqualTo(Messages.text("client " + i + " in the burst"));
            }
        }
    }
    // end::burst[]

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void malformedUtf8IsEchoedByteExactAndPrintedWithReplacementCharacters(ServerKind kind) throws Exception {
        start(kind, config -> config);
        byte[] message = Messages.withMarker(new byte[] {'o', 'k', (byte) 0xFF, (byte) 0xE2, (byte) 0x82});

        assertThat(RawClient.exchange(server.port(), message)).isEqualTo(message);
        await().atMost(BOUND).until(() -> console.stream().anyMatch(line -> line.contains("ok\uFFFD")));
    }

    private void awaitNoOpenConnection() {
        await().atMost(BOUND).until(() -> server.openConnections() == 0);
    }

    /** Waits for the server's one line about a dropped client; a thread name may come first. */
    private void awaitOneLineEndingWith(String line) {
        await().atMost(BOUND).untilAsserted(() -> assertThat(console).filteredOn(printed -> printed.endsWith(line))
                .hasSize(1));
    }

    private void assertStillServing() throws IOException {
        byte[] message = Messages.text("still there?");
        assertThat(RawClient.exchange(server.port(), message)).isEqualTo(message);
    }

    /**
     * What arrived before the server closed the connection; a reset (the server closed with bytes unread)
     * counts as a close. Fails if the server keeps the connection open for the client's whole read timeout.
     */
    private static byte[] bytesBeforeTheServerCloses(RawClient client) {
        try {
            return client.readToEnd();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection", e);
        } catch (IOException reset) {
            return new byte[0];
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
