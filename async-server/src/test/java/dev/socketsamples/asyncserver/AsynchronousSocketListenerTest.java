package dev.socketsamples.asyncserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.asyncserver.AsynchronousSocketListener.Accept;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server on a real port: its console lines, the threads that print them, and a clean close. The rows of the
 * protocol's bad-input table run against every server in compare's EveryServerSurvivesBadInputTest and
 * EveryServerMainTest.
 */
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
        start();

        assertThat(server.port()).isPositive();
        assertThat(console.getFirst()).isEqualTo("Local address and port : 127.0.0.1:" + server.port());
        await().until(() -> console.contains("Waiting for a connection..."));
    }

    @Test
    void echoesAMessageCutIntoSingleBytesAndNamesTheThreads() throws Exception {
        start();
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

    // tag::after-marker[]
    @Test
    void echoesAnEmptyMessageAndNothingAfterTheMarker() throws Exception {
        start();

        assertThat(RawClient.exchange(server.port(), bytes("<EOF>"))).isEqualTo(bytes("<EOF>"));
        assertThat(RawClient.exchange(server.port(), bytes("one<EOF>two<EOF>"))).isEqualTo(bytes("one<EOF>"));
    }
    // end::after-marker[]

    @Test
    void closeClosesOpenConnectionsStopsEveryThreadAndIsIdempotent() throws Exception {
        start();
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
        start();

        assertThat(serverThreads()).contains("async-listener")
                .filteredOn(name -> name.startsWith("async-server-")).hasSizeGreaterThanOrEqualTo(2);
    }

    private void start() throws SampleFailure {
        server = AsynchronousSocketListener.start(ServerConfig.loopback().withConsole(console::add),
                Accept.ALL_DONE_LOOP);
    }

    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("async-server-") || name.equals("async-listener")).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
