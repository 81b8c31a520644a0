package dev.socketsamples.compare;

import static dev.socketsamples.compare.InProcess.assertPasses;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.compare.check.ContractCheck;
import dev.socketsamples.compare.check.Outcome;
import dev.socketsamples.compare.check.Target;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The protocol's table "Limits and bad input", every row that a server in this JVM can show, run against
 * every server from one place: a server that forgets a row shows up as one red row. Each row runs the
 * {@link ContractCheck} that {@code compare check} runs against any server, which also sees that the server
 * still answers a well-behaved client afterwards, then asserts what only this JVM can see: the server's line.
 * The rows that need a JVM of their own (a small heap, few file descriptors, a signal, an exit code) are in
 * {@link EveryServerMainTest}; the checks with nothing more to see here run in {@link EveryServerPassesEveryCheckTest}.
 */
class EveryServerSurvivesBadInputTest {

    private static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** The subject of one test, and long enough that a loaded machine does not close a slow client by mistake. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final List<String> console = new CopyOnWriteArrayList<>();
    private EchoServer server;

    /** Starts the server, and returns it as the contract checks see it. */
    private Target start(ServerKind kind, UnaryOperator<ServerConfig> settings) throws SampleFailure {
        ServerConfig config = settings.apply(ServerConfig.loopback().withConsole(console::add));
        server = kind.start(config);
        return InProcess.target(server, config);
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
        assertPasses(ContractCheck.EARLY_CLOSE, start(kind, config -> config));

        awaitOneLineEndingWith("Client closed the connection after 6 bytes, before <EOF>; closed it without echo.");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aClientThatResetsTheConnectionIsLoggedAndClosed(ServerKind kind) throws Exception {
        // The check resets once the server has accepted the connection, then sends the next client.
        assertPasses(ContractCheck.RESET, start(kind, config -> config));

        awaitNoOpenConnection();
        // 0 or 3: a reset throws away what the server had not read yet.
        assertThat(console).filteredOn(line ->
                line.matches(".*Closed the connection after [03] bytes: connection reset.*"))
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void noMarkerWithinTheMaximumSizeIsLoggedAndClosedWithoutEchoAndReadingStops(ServerKind kind) throws Exception {
        // 256 MiB past the limit is far more than the socket buffers hold: the check's writes can only fail
        // if the server stopped reading.
        assertPasses(ContractCheck.OVER_THE_LIMIT, start(kind, config -> config.withMaxMessageBytes(MAX_MESSAGE_BYTES)));

        awaitNoOpenConnection();
        awaitOneLineEndingWith("Closed the connection without echo: no <EOF> within the maximum message size of "
                + MAX_MESSAGE_BYTES + " bytes.");
        assertThat(console).filteredOn(line -> line.contains("Sent "))
                .as("the only echo is the next client's").singleElement().asString()
                .contains("Sent " + ContractCheck.STILL_THERE.length + " bytes");
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
        // 8 MiB allowed: the check's client that never reads sends a message whose echo the buffers cannot hold.
        assertPasses(ContractCheck.IDLE_TIMEOUT,
                start(kind, config -> config.withIdleTimeout(IDLE_TIMEOUT).withMaxMessageBytes(8 * 1024 * 1024)));

        awaitOneLineEndingWith("Closed the connection after 3 bytes: silent for longer than 1 s, the idle timeout.");
        awaitOneLineEndingWith("Closed the connection after " + 8 * 1024 * 1024
                + " bytes: silent for longer than 1 s, the idle timeout.");
    }

    // tag::burst[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the table promises it on Linux: macOS and Windows cap a backlog"
            + " far lower by default (kern.ipc.somaxconn 128, SOMAXCONN 200)")
    void aBurstOfAThousandConnectsIsAbsorbedByTheDefaultBacklogOnLinux(ServerKind kind) throws Exception {
        // A thousand clients connect at once, each writing its message in two pieces: every one gets its echo.
        Outcome burst = assertPasses(ContractCheck.BURST_OF_CONNECTS, start(kind, config -> config)); // the default backlog

        assertThat(burst.got()).isEqualTo("1000 of 1000 echoed");
    }
    // end::burst[]

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void malformedUtf8IsEchoedByteExactAndPrintedWithReplacementCharacters(ServerKind kind) throws Exception {
        assertPasses(ContractCheck.MALFORMED_UTF8, start(kind, config -> config));

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
