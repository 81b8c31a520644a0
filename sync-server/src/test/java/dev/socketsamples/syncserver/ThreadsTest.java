package dev.socketsamples.syncserver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import dev.socketsamples.syncserver.SynchronousSocketListener.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same per-connection code, run by two different threads: the accepting thread (a stalled client holds up
 * the next one, as in .NET) or a virtual thread per connection (it does not).
 */
@Timeout(30)
class ThreadsTest {

    private final Console console = new Console();
    private SynchronousSocketListener server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneAtATimeServesTheSecondClientOnlyAfterTheFirstHasFinished() throws Exception {
        server = SynchronousSocketListener.start(ServerConfig.loopback().withConsole(console), Threads.ONE_AT_A_TIME);

        try (RawClient first = RawClient.connect(server.port());
             RawClient second = RawClient.connect(server.port())) {
            first.send(bytes("fir"));
            await().until(() -> server.openConnections() == 1);
            second.send(bytes("second<EOF>")); // whole, and waiting in the backlog

            first.send(bytes("st<EOF>"));
            assertThat(first.readToEnd()).isEqualTo(bytes("first<EOF>"));
            assertThat(second.readToEnd()).isEqualTo(bytes("second<EOF>"));
        }

        await().until(() -> console.texts().size() == 8);
        assertThat(console.texts()).containsExactly(
                "Local address and port : 127.0.0.1:" + server.port(),
                "Waiting for a connection...",
                "Text received : first<EOF>",
                "Sent 10 bytes to client.",
                "Waiting for a connection...",
                "Text received : second<EOF>",
                "Sent 11 bytes to client.",
                "Waiting for a connection...");
        assertThat(console.first("Text received : first").thread().getName()).isEqualTo("sync-listener");
        assertThat(console.first("Text received : second").thread().getName()).isEqualTo("sync-listener");
    }

    @Test
    void virtualThreadsServeTheSecondClientWhileTheFirstIsStalled() throws Exception {
        server = SynchronousSocketListener.start(ServerConfig.loopback().withConsole(console), Threads.VIRTUAL);

        try (RawClient first = RawClient.connect(server.port())) {
            first.send(bytes("fir"));
            await().until(() -> server.openConnections() == 1);

            // The first client is still stalled half-way, and the second one gets its echo all the same.
            assertThat(RawClient.exchange(server.port(), bytes("second<EOF>"))).isEqualTo(bytes("second<EOF>"));
            await().until(() -> server.openConnections() == 1);
            assertThat(console.texts()).noneMatch(line -> line.startsWith("Text received : first"));

            first.send(bytes("st<EOF>"));
            assertThat(first.readToEnd()).isEqualTo(bytes("first<EOF>"));
        }

        await().until(() -> console.texts().contains("Sent 10 bytes to client."));
        assertThat(console.texts()).containsSubsequence("Text received : second<EOF>", "Text received : first<EOF>");
        Thread servedFirst = console.first("Text received : first").thread();
        Thread servedSecond = console.first("Text received : second").thread();
        assertThat(servedFirst.isVirtual()).isTrue();
        assertThat(servedSecond.isVirtual()).isTrue();
        assertThat(servedFirst.getName()).matches("sync-connection-\\d+");
        assertThat(servedSecond.getName()).matches("sync-connection-\\d+").isNotEqualTo(servedFirst.getName());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
