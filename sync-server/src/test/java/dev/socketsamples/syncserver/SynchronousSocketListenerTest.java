package dev.socketsamples.syncserver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import dev.socketsamples.syncserver.SynchronousSocketListener.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server on a real socket, in both modes: its console lines and a clean close. The rows of the protocol's
 * bad-input table run against every server in compare's EveryServerSurvivesBadInputTest and EveryServerMainTest.
 */
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

    /** The drain's own connect wakes the waiting accept; the server says nothing of it, least of all "Waiting". */
    @ParameterizedTest
    @EnumSource(Threads.class)
    void closingAnIdleServerPrintsNoLineOfItsOwnWakeUp(Threads threads) throws Exception {
        start(threads);
        await().until(() -> console.texts().contains("Waiting for a connection..."));

        server.close();

        assertThat(console.texts()).containsExactly("Local address and port : 127.0.0.1:" + server.port(),
                "Waiting for a connection...");
    }

    /** The .NET original's lines, client after client: one thread accepts, serves, and waits again. */
    @Test
    void oneAtATimeServesEachClientOnTheAcceptingThreadThenWaitsAgain() throws Exception {
        start(Threads.ONE_AT_A_TIME);
        byte[] first = "first<EOF>".getBytes(UTF_8);
        byte[] second = "second<EOF>".getBytes(UTF_8);

        assertThat(RawClient.exchange(server.port(), first)).isEqualTo(first);
        assertThat(RawClient.exchange(server.port(), second)).isEqualTo(second);

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

    // tag::split-characters[]
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
