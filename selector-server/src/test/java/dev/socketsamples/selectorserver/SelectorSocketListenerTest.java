package dev.socketsamples.selectorserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The selector server on a real port: what one thread and a deadline per key teach. */
class SelectorSocketListenerTest {

    private final List<String> console = new CopyOnWriteArrayList<>();
    private SelectorSocketListener server;

    @AfterEach
    void closeServerAndCheckNoThreadIsLeft() {
        if (server != null) {
            server.close();
        }
        assertThat(selectorThreads()).as("threads left after close()").isEmpty();
    }

    @Test
    void twentyConnectionsMidMessageAtOnceAreAllServedByTheOneLoopThread() throws Exception {
        start(config -> config);
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(RawClient.connect(server.port()).send(bytes("client " + i + " is ")));
            }
            await().until(() -> server.openConnections() == 20); // each one waiting for the rest of its message
            assertThat(selectorThreads()).containsExactly("selector-loop");

            for (int i = 0; i < 20; i++) {
                assertThat(clients.get(i).send(bytes("done<EOF>")).readToEnd()).asString(StandardCharsets.UTF_8)
                        .isEqualTo("client " + i + " is done<EOF>");
            }
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
        await().untilAsserted(() -> assertThat(console).containsSubsequence(
                "[selector-loop] Read 21 bytes from socket.",
                "[selector-loop] Data : client 7 is done<EOF>",
                "[selector-loop] Sent 21 bytes to client."));
        assertThat(console).filteredOn(line -> line.startsWith("[")).hasSize(60)
                .allMatch(line -> line.startsWith("[selector-loop] "));
    }

    // tag::deadline-per-key[]
    @Test
    void everyReadMovesTheIdleDeadlineOfItsOwnConnectionOnly() throws Exception {
        start(config -> config.withIdleTimeout(Duration.ofMillis(800)));
        byte[] message = bytes("slow but steady<EOF>"); // 20 bytes, one every 100 ms: 2 s in all
        try (RawClient silent = RawClient.connect(server.port());
             RawClient steady = RawClient.connect(server.port());
             ScheduledExecutorService typist = Executors.newSingleThreadScheduledExecutor()) {
            silent.send(bytes("hi"));
            List<ScheduledFuture<RawClient>> typed = new ArrayList<>();
            for (int i = 0; i < message.length; i++) {
                byte[] oneByte = Arrays.copyOfRange(message, i, i + 1);
                typed.add(typist.schedule(() -> steady.send(oneByte), 100L * i, TimeUnit.MILLISECONDS));
            }

            assertThat(silent.awaitClosedByServer()).as("the silent one, after 0.8 s").isTrue();
            typed.getLast().get(20, TimeUnit.SECONDS);
            assertThat(steady.readToEnd()).as("the steady one, 2 s after it started").isEqualTo(message);
        }
        assertThat(console).filteredOn(line -> line.contains("idle timeout")).containsExactly(
                "[selector-loop] Closed the connection after 2 bytes: silent for longer than 0.8 s, the idle timeout.");
    }
    // end::deadline-per-key[]

    @Test
    void theMemoryBudgetIsSharedByEveryConnectionOfTheLoop() throws Exception {
        // 2000 bytes without the marker grow a message to 2048, 1024 of them past the first KiB that every
        // message holds without asking the budget: one fits in 1500 bytes, two unfinished do not.
        start(config -> config.withMaxMessageBytes(2100).withMemoryBudget(1500));
        byte[] message = bytes("x".repeat(2000) + "<EOF>");
        List<RawClient> clients = List.of(RawClient.connect(server.port()), RawClient.connect(server.port()));
        for (RawClient client : clients) {
            client.send(Arrays.copyOf(message, 2000));
        }
        await().until(() -> console.stream().anyMatch(line -> line.contains("memory budget"))); // the second

        List<byte[]> received = new ArrayList<>();
        for (RawClient client : clients) {
            try (client) {
                received.add(client.send(bytes("<EOF>")).readToEnd());
            } catch (SocketException closedOrReset) { // the one that was dropped: nothing comes back
                received.add(new byte[0]);
            }
        }
        assertThat(received).satisfiesExactlyInAnyOrder(
                echo -> assertThat(echo).isEqualTo(message),
                nothing -> assertThat(nothing).isEmpty());
        assertThat(console).containsOnlyOnce("[selector-loop] Closed the connection without echo: the server's"
                + " memory budget of 1500 bytes for unfinished messages is spent.");
        assertStillServing(); // the finished message gave its memory back
    }

    @Test
    void anAcceptFailureIsOneLineAndAcceptingGoesOnAfterThePause() throws Exception {
        start(config -> config);

        server.acceptFailed(new IOException("Too many open files"));

        assertThat(console).contains("[" + Thread.currentThread().getName() + "] Accept failed: too many open files"
                + " (1 time since the last such line); pausing 0.1 s, still serving the open connections.");
        assertStillServing(); // the connection waits in the backlog until the pause is over
    }

    // tag::drain[]
    @Test
    void closeStopsAcceptingAndLetsTheExchangeInFlightFinish() throws Exception {
        start(config -> config.withDrainTimeout(Duration.ofSeconds(10)));
        try (RawClient inFlight = RawClient.connect(server.port())) {
            inFlight.send(bytes("half a "));
            await().until(() -> server.openConnections() == 1);

            CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
            await().untilAsserted(() -> assertThatThrownBy(() -> RawClient.connect(server.port()).close())
                    .as("no longer accepting").isInstanceOf(IOException.class));
            assertThat(closed).isNotDone();

            inFlight.send(bytes("message<EOF>"));
            assertThat(inFlight.readToEnd()).isEqualTo(bytes("half a message<EOF>"));
            closed.get(10, TimeUnit.SECONDS);
        }
    }
    // end::drain[]

    @Test
    void closeCutsOffWhatIsStillInFlightAfterTheDrainTimeoutAndIsIdempotent() throws Exception {
        start(config -> config.withDrainTimeout(Duration.ofMillis(300)));
        try (RawClient stalled = RawClient.connect(server.port())) {
            stalled.send(bytes("half a mess"));
            await().until(() -> server.openConnections() == 1);

            server.close();

            assertThat(stalled.awaitClosedByServer()).isTrue();
        }
        assertThat(server.openConnections()).isZero();
        assertThat(selectorThreads()).isEmpty();
        server.close();
        assertThat(console).noneMatch(line -> line.contains("Closed the connection"));
    }

    private void start(UnaryOperator<ServerConfig> settings) throws SampleFailure {
        server = SelectorSocketListener.start(settings.apply(ServerConfig.loopback().withConsole(console::add)));
    }

    private void assertStillServing() throws IOException {
        assertThat(RawClient.exchange(server.port(), bytes("still there?<EOF>"))).isEqualTo(bytes("still there?<EOF>"));
    }

    private static List<String> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("selector-")).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
