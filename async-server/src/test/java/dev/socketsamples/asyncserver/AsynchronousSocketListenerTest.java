package dev.socketsamples.asyncserver;

import dev.socketsamples.asyncserver.AsynchronousSocketListener.Accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server on a real port, against clients that behave and clients that do not. */
class AsynchronousSocketListenerTest {

    private final List<String> console = new CopyOnWriteArrayList<>();
    private AsynchronousSocketListener server;

    @AfterEach
    void closeServerAndCheckNoThreadIsLeft() {
        if (server != null) {
            server.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> serverThreads().isEmpty());
    }

    @Test
    void printsTheRealBoundPortThenWaits() throws Exception {
        start(config -> config);

        assertThat(server.port()).isPositive();
        assertThat(console.getFirst()).isEqualTo("Local address and port : 127.0.0.1:" + server.port());
        await().until(() -> console.contains("Waiting for a connection..."));
    }

    @Test
    void echoesAMessageCutIntoSingleBytesAndNamesTheThreads() throws Exception {
        start(config -> config);
        byte[] message = bytes("Hello, world<EOF>");

        byte[] echo;
        try (RawClient client = RawClient.connect(server.port())) {
            echo = client.sendInFragments(message, 1).readToEnd();
        }

        assertThat(echo).isEqualTo(message);
        String thread = "\\[async-server-\\d+\\] ";
        await().untilAsserted(() -> assertThat(console)
                .anyMatch(line -> line.matches(thread + "Read 17 bytes from socket\\."))
                .anyMatch(line -> line.matches(thread + "Data : Hello, world<EOF>"))
                .anyMatch(line -> line.matches(thread + "Sent 17 bytes to client\\.")));
    }

    @Test
    void echoesAnyBytesExactlyAndPrintsMalformedOnesAsReplacement() throws Exception {
        start(config -> config);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(bytes("héllo 🌍 "));
        message.write(0xFF);
        message.writeBytes(bytes("<EOF>"));

        byte[] echo = RawClient.exchange(server.port(), message.toByteArray());

        assertThat(echo).isEqualTo(message.toByteArray());
        await().untilAsserted(() -> assertThat(console)
                .anyMatch(line -> line.endsWith("Read " + message.size() + " bytes from socket."))
                .anyMatch(line -> line.endsWith("Data : héllo 🌍 \uFFFD<EOF>")));
    }

    // tag::after-marker[]
    @Test
    void echoesAnEmptyMessageAndNothingAfterTheMarker() throws Exception {
        start(config -> config);

        assertThat(RawClient.exchange(server.port(), bytes("<EOF>"))).isEqualTo(bytes("<EOF>"));
        assertThat(RawClient.exchange(server.port(), bytes("one<EOF>two<EOF>"))).isEqualTo(bytes("one<EOF>"));
    }
    // end::after-marker[]

    @Test
    void aClientLeavingBeforeTheMarkerIsClosedAndLoggedWithItsByteCount() throws Exception {
        start(config -> config);

        try (RawClient client = RawClient.connect(server.port())) {
            client.send(bytes("abc")).shutdownOutput();
            assertThat(client.awaitClosedByServer()).isTrue();
        }

        await().until(() -> server.openConnections() == 0);
        await().untilAsserted(() -> assertThat(console).anyMatch(line -> line.endsWith(
                "Client closed the connection after 3 bytes, before <EOF>; closed it without echo.")));
        assertStillServing();
    }

    @Test
    void aResetIsLoggedOnceAndTheServerGoesOn() throws Exception {
        start(config -> config);

        RawClient client = RawClient.connect(server.port()).send(bytes("abcd"));
        await().until(() -> server.openConnections() == 1);
        client.reset();

        await().until(() -> server.openConnections() == 0);
        await().untilAsserted(() -> assertThat(console).filteredOn(line -> line.contains("Closed the connection after 4 bytes: connection reset"))
                .hasSize(1));
        assertStillServing();
    }

    @Test
    void aMessageWithoutMarkerWithinTheLimitIsClosedWithoutEcho() throws Exception {
        start(config -> config.withMaxMessageBytes(64));

        try (RawClient client = RawClient.connect(server.port())) {
            client.send(bytes("x".repeat(100)));
            assertThat(receivedBeforeClose(client)).isEmpty();
        }

        await().until(() -> server.openConnections() == 0);
        assertThat(console).anyMatch(line -> line.endsWith(
                "Closed the connection without echo: no <EOF> within the maximum message size of 64 bytes."));
        assertStillServing();
    }

    @Test
    void aSilentClientIsClosedAfterTheIdleTimeout() throws Exception {
        start(config -> config.withIdleTimeout(Duration.ofMillis(200)));

        try (RawClient client = RawClient.connect(server.port())) {
            client.send(bytes("abc"));
            assertThat(client.awaitClosedByServer()).isTrue();
        }

        await().until(() -> server.openConnections() == 0);
        assertThat(console).anyMatch(line -> line.endsWith("Closed the connection after 3 bytes: silent for longer than 0.2 s, the idle timeout."));
        assertStillServing();
    }

    @Test
    void aPortInUseIsOneClearFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> start(config -> config.withPort(port)))
                    .isInstanceOf(SampleFailure.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void fiftyClientsAtOnceEachGetTheirOwnEcho() throws Exception {
        start(config -> config);
        CountDownLatch ready = new CountDownLatch(50);
        List<Future<byte[]>> echoes = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                byte[] message = bytes("client " + i + " says hello<EOF>");
                echoes.add(clients.submit(() -> {
                    try (RawClient client = RawClient.connect(server.port())) {
                        ready.countDown();
                        ready.await(); // all connected before anyone sends
                        return client.sendInFragments(message, 7).readToEnd();
                    }
                }));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(echoes.get(i).get(30, TimeUnit.SECONDS))
                        .isEqualTo(bytes("client " + i + " says hello<EOF>"));
            }
        }
    }

    @Test
    void closeClosesOpenConnectionsStopsEveryThreadAndIsIdempotent() throws Exception {
        start(config -> config);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(bytes("half a mess"));
            await().until(() -> server.openConnections() == 1);

            server.close();

            assertThat(client.awaitClosedByServer()).isTrue();
        }
        assertThat(server.openConnections()).isZero();
        server.close();
        await().until(() -> serverThreads().isEmpty());
        assertThat(console).noneMatch(line -> line.contains("Closed the connection"));
    }

    @Test
    void thePoolHasAtLeastTwoThreads() throws Exception {
        start(config -> config);

        assertThat(serverThreads()).contains("async-listener")
                .filteredOn(name -> name.startsWith("async-server-")).hasSizeGreaterThanOrEqualTo(2);
    }

    private void start(UnaryOperator<ServerConfig> settings) throws SampleFailure {
        server = AsynchronousSocketListener.start(settings.apply(ServerConfig.loopback().withConsole(console::add)),
                Accept.ALL_DONE_LOOP);
    }

    private void assertStillServing() throws IOException {
        assertThat(RawClient.exchange(server.port(), bytes("still there?<EOF>"))).isEqualTo(bytes("still there?<EOF>"));
    }

    /** What the server sent before closing; a reset (unread bytes at close) counts as nothing sent. */
    private static byte[] receivedBeforeClose(RawClient client) throws IOException {
        try {
            return client.readToEnd();
        } catch (SocketException reset) {
            return new byte[0];
        }
    }

    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("async-server-") || name.equals("async-listener")).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
