package dev.socketsamples.syncclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.testing.FakeServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client against servers that echo, echo in pieces, keep the connection open, send half an echo or reset.
 * Nothing listening, a silent or slow server and a server closing without echo are rows of the protocol's table,
 * run against every client in compare's EveryClientSurvivesBadServersTest.
 */
@Timeout(30)
class SynchronousSocketClientTest {

    private static final byte[] MESSAGE = "This is a test<EOF>".getBytes(UTF_8);

    private final List<String> console = new ArrayList<>();

    private ClientConfig config(int port, byte[] message) {
        return ClientConfig.loopback(port, message).withConsole(console::add);
    }

    @Test
    void sendsTheMessageAndPrintsTheEchoAsTheOriginalDoes() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.ECHO)) {
            assertThat(SynchronousSocketClient.startClient(config(server.port(), MESSAGE))).isEqualTo(MESSAGE);

            assertThat(console).containsExactly(
                    "Socket connected to 127.0.0.1:" + server.port(),
                    "Sent 19 bytes to server.",
                    "Echoed text = This is a test<EOF>");
        }
    }

    // tag::echo-in-pieces[]
    @Test
    void anEchoArrivingOneByteAtATimeIsReadWhole() throws Exception {
        byte[] message = "héllo € 😀<EOF>".getBytes(UTF_8);
        try (FakeServer server = FakeServer.start(FakeServer.ECHO_ONE_BYTE_AT_A_TIME)) {
            assertThat(SynchronousSocketClient.startClient(config(server.port(), message))).isEqualTo(message);

            assertThat(console).last().isEqualTo("Echoed text = héllo € 😀<EOF>");
        }
    }
    // end::echo-in-pieces[]

    @Test
    void stopsAtTheEchoedMarkerWhenTheServerKeepsTheConnectionOpen() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.ECHO_AND_STAY_OPEN)) {
            assertThat(SynchronousSocketClient.startClient(config(server.port(), MESSAGE))).isEqualTo(MESSAGE);
        }
    }

    // tag::half-an-echo[]
    @Test
    void halfAnEchoIsNotTakenForTheWhole() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.HALF_AN_ECHO_THEN_CLOSE)) {
            assertThatThrownBy(() -> SynchronousSocketClient.startClient(config(server.port(), MESSAGE)))
                    .isInstanceOf(SampleFailure.class)
                    .hasMessage("127.0.0.1:" + server.port()
                            + " closed the connection without echoing the message (9 bytes received, no <EOF>)");
            assertThat(console).noneMatch(line -> line.startsWith("Echoed text"));
        }
    }
    // end::half-an-echo[]

    @Test
    void aResetIsConnectionLost() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.RESET)) {
            assertThatThrownBy(() -> SynchronousSocketClient.startClient(config(server.port(), MESSAGE)))
                    .isInstanceOf(SampleFailure.class)
                    .hasMessage("connection to 127.0.0.1:" + server.port() + " lost: connection reset");
        }
    }
}
