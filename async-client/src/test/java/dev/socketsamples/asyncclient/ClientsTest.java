package dev.socketsamples.asyncclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Named.named;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.testing.ClosedPort;
import dev.socketsamples.shared.testing.FakeServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both asynchronous clients: the threads their callbacks run on, the future nobody waits for, an unknown host.
 * The rows of the protocol's table for clients (a silent, slow or junk-answering server, one that closes without
 * echo) run against every client in compare's EveryClientSurvivesBadServersTest; nothing listening stays here too
 * because the pitfalls page shows it.
 */
class ClientsTest {

    /** Far above what any of these exchanges needs: only a hang would reach it. */
    private static final Duration HANG = Duration.ofSeconds(20);

    private static final byte[] MESSAGE = "This is a test<EOF>".getBytes(StandardCharsets.UTF_8);

    /** Either client's {@code startClient}. */
    interface Client {
        byte[] startClient(ClientConfig config) throws SampleFailure;
    }

    static Stream<Arguments> clients() {
        return Stream.of(
                Arguments.of(named("AsynchronousClient", (Client) AsynchronousClient::startClient)),
                Arguments.of(named("CompletableFutureClient", (Client) CompletableFutureClient::startClient)));
    }

    private final List<String> console = new CopyOnWriteArrayList<>();

    @AfterEach
    void noClientThreadIsLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> clientThreads().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("clients")
    void receivesAnEchoThatArrivesOneByteAtATime(Client client) throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.ECHO_ONE_BYTE_AT_A_TIME)) {
            byte[] echo = bounded(() -> client.startClient(config(server.port())));

            assertThat(echo).isEqualTo(MESSAGE);
            String thread = "\\[(async|future)-client-\\d+\\] "; // the pool threads of either client
            assertThat(console).hasSize(3);
            assertThat(console.get(0)).matches(thread + "Socket connected to 127\\.0\\.0\\.1:" + server.port());
            assertThat(console.get(1)).matches(thread + "Sent 19 bytes to server\\.");
            assertThat(console.get(2)).endsWith("Response received : This is a test<EOF>");
        }
    }

    // tag::nothing-listening[]
    @ParameterizedTest
    @MethodSource("clients")
    void nothingListeningIsConnectionRefused(Client client) throws Exception {
        try (ClosedPort nobody = ClosedPort.hold()) {
            int port = nobody.port();

            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> client.startClient(config(port)))
                    .isInstanceOf(SampleFailure.class)
                    .hasMessage("cannot connect to 127.0.0.1:" + port + ": connection refused"));
        }
    }
    // end::nothing-listening[]

    @ParameterizedTest
    @MethodSource("clients")
    void anUnknownHostIsOneClearFailure(Client client) {
        ClientConfig config = new ClientConfig("no-such-host.invalid", 11000, MESSAGE, HANG, console::add);

        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> client.startClient(config))
                .isInstanceOf(SampleFailure.class)
                .hasMessage("cannot connect to no-such-host.invalid:11000: unknown host"));
    }

    // tag::future-without-waiting[]
    @Test
    void theFutureCompletesWithTheEchoWithoutAnyoneWaiting() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.ECHO)) {
            byte[] echo = CompletableFutureClient.exchange(config(server.port())).get(HANG.toSeconds(),
                    TimeUnit.SECONDS);

            assertThat(echo).isEqualTo(MESSAGE);
        }
    }
    // end::future-without-waiting[]

    @Test
    void theFutureFailsWithTheSampleFailure() throws Exception {
        try (ClosedPort nobody = ClosedPort.hold()) {
            int port = nobody.port();

            assertThat(CompletableFutureClient.exchange(config(port)))
                    .failsWithin(HANG)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(SampleFailure.class)
                    .withMessage("cannot connect to 127.0.0.1:" + port + ": connection refused");
        }
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC},
            disabledReason = "this OS refuses a connect when the accept queue is full, where Linux and macOS drop it")
    void theFutureAloneGivesUpConnectingAfterTheTimeoutWhereAFullAcceptQueueDropsConnects() throws Exception {
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket neverAccepts = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = neverAccepts.getLocalPort();
            // Fill the accept queue: the next connect gets no answer at all, as from a host that is down.
            while (connects(port, queued)) {
                assertThat(queued).as("the accept queue should fill up").hasSizeLessThan(20);
            }
            ClientConfig config = config(port).withTimeout(Duration.ofMillis(300));

            assertThat(CompletableFutureClient.exchange(config))
                    .failsWithin(HANG)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(SampleFailure.class)
                    .withMessage("cannot connect to 127.0.0.1:" + port + ": timed out");
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    /** Connects a plain socket to {@code port}; false once the server's accept queue is full. */
    private static boolean connects(int port, List<Socket> queued) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            queued.add(socket);
            return true;
        } catch (SocketTimeoutException e) {
            socket.close();
            return false;
        }
    }

    private ClientConfig config(int port) {
        return ClientConfig.loopback(port, MESSAGE).withConsole(console::add);
    }

    private static <T> T bounded(ThrowingSupplier<T> exchange) {
        return assertTimeoutPreemptively(HANG, exchange);
    }

    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(AsynchronousClient.THREAD_PREFIX) || name.startsWith("future-client-"))
                .toList();
    }
}
