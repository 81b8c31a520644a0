package dev.socketsamples.compare;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One client stalls mid-message. Does the next client get its echo? That is where sync and async differ. */
class AStalledClientTest {

    private static final byte[] NEXT = Messages.text("next in line");

    private final List<String> console = new CopyOnWriteArrayList<>();

    // tag::one-at-a-time-waits[]
    @Test
    void theOneAtATimeServerMakesTheNextClientWaitForTheStalledOne() throws Exception {
        try (EchoServer server = ServerKind.SYNC_ONE_AT_A_TIME.start(ServerConfig.loopback().withConsole(console::add));
             RawClient stalled = RawClient.connect(server.port());
             ExecutorService next = Executors.newSingleThreadExecutor()) {
            stalled.send("I am typ".getBytes(UTF_8));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 1);

            CompletableFuture<byte[]> nextEcho = CompletableFuture.supplyAsync(() -> exchange(server.port()), next);
            // Half a second without an answer: the next client is queued behind the stalled one.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !nextEcho.isDone());

            stalled.send("ing<EOF>".getBytes(UTF_8));
            assertThat(stalled.readToEnd()).asString(UTF_8).isEqualTo("I am typing<EOF>");
            assertThat(nextEcho.get(10, TimeUnit.SECONDS)).isEqualTo(NEXT);
        }
        assertThat(console).filteredOn(line -> line.contains("<EOF>"))
                .as("the server finished the stalled client before it read the next one")
                .extracting(line -> line.contains("I am typing") ? "stalled" : "next")
                .startsWith("stalled");
    }
    // end::one-at-a-time-waits[]

    // tag::others-answer-at-once[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServerKind.class, names = {"SYNC_VIRTUAL_THREADS", "ASYNC_CALLBACKS", "SELECTOR"})
    void virtualThreadsCallbacksAndTheSelectorAnswerTheNextClientWhileOneIsStalled(ServerKind kind) throws Exception {
        try (EchoServer server = kind.start(ServerConfig.loopback());
             RawClient stalled = RawClient.connect(server.port())) {
            stalled.send("I am typ".getBytes(UTF_8));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 1);

            assertThat(exchange(server.port())).isEqualTo(NEXT); // while the first is still mid-message

            stalled.send("ing<EOF>".getBytes(UTF_8));
            assertThat(stalled.readToEnd()).asString(UTF_8).isEqualTo("I am typing<EOF>");
        }
    }
    // end::others-answer-at-once[]

    private static byte[] exchange(int port) {
        try {
            return RawClient.exchange(port, NEXT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
