package dev.socketsamples.labs.lab4;

import static dev.socketsamples.labs.grading.Wait.PATIENCE;
import static dev.socketsamples.labs.grading.Wait.seconds;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.labs.grading.Bounded;
import dev.socketsamples.labs.grading.Code;
import dev.socketsamples.labs.grading.Expect;
import dev.socketsamples.labs.grading.Grader;
import dev.socketsamples.labs.grading.PassesOnTheStarter;
import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.testing.ClosedPort;
import dev.socketsamples.shared.testing.FakeServer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Lab 4's checks: each runs {@code startClient} against a server of the grader's that echoes, resets or stays
 * silent. The client's own timeout is a minute unless the check is about it: "at once" means within
 * {@link dev.socketsamples.labs.grading.Wait#PATIENCE}, which only a thread that was woken can make.
 */
@Grader
@DisplayName("Lab 4: never hang")
class Lab4Grader {

    private static final byte[] MESSAGE = "This is a test<EOF>".getBytes(UTF_8);
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    private final EchoClient client;

    Lab4Grader(Code code) {
        client = code.pick(AsynchronousClient::startClient,
                dev.socketsamples.asyncclient.AsynchronousClient::startClient);
    }

    @Test
    @Order(1)
    @PassesOnTheStarter
    void anEchoServerGivesTheMessageBack() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.ECHO)) {
            Bounded<byte[]> echo = startClient(config(server.port(), MESSAGE, A_MINUTE), PATIENCE);

            Expect.that(echo.finished() && echo.thrown() == null, "Against a server that echoes, startClient"
                    + " should return the echo, but it %s.", outcome(echo));
            Expect.that(Arrays.equals(echo.value(), MESSAGE), "startClient returned \"%s\", not the echo.",
                    new String(echo.value(), UTF_8));
        }
    }

    // tag::refused[]
    @Test
    @Order(2)
    void nothingListeningFailsAtOnceSayingConnectionRefused() throws Exception {
        try (ClosedPort nobody = ClosedPort.hold()) {
            int port = nobody.port();

            Bounded<byte[]> echo = startClient(config(port, MESSAGE, A_MINUTE), PATIENCE);

            Expect.that(echo.finished(), "Nothing listens on port %d, so the connect fails at once; %s later"
                    + " startClient was still waiting. connectCallback.failed ran, but nothing woke the thread in"
                    + " waitOne(connectDone): record the failure and set connectDone (TODO lab 4, step 1).", port,
                    seconds(PATIENCE));
            expectFailure(echo, "cannot connect to 127.0.0.1:" + port + ": connection refused", "step 1");
        }
    }
    // end::refused[]

    @Test
    @Order(3)
    void aServerThatResetsWhileTheMessageIsSentFailsAtOnce() throws Exception {
        byte[] message = new byte[32 * 1024 * 1024]; // more than the sockets' buffers hold: the send cannot end
        message[message.length - 1] = '>';
        try (FakeServer server = FakeServer.start(connection -> {
            connection.getInputStream().read(); // the client is connected and sending: now reset
            connection.setSoLinger(true, 0); // the close that follows is a reset
        })) {
            Bounded<byte[]> echo = startClient(config(server.port(), message, A_MINUTE), PATIENCE);

            Expect.that(echo.finished(), "The server reset the connection while the client was sending 32 MiB;"
                    + " %s later startClient was still waiting. SendCallback.failed ran, but nothing woke the"
                    + " thread in waitOne(sendDone): record the failure and set sendDone (TODO lab 4, step 2).",
                    seconds(PATIENCE));
            expectFailure(echo, "connection to 127.0.0.1:" + server.port() + " lost", "step 2");
        }
    }

    @Test
    @Order(4)
    void aServerThatResetsInsteadOfAnsweringFailsAtOnce() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.RESET)) {
            Bounded<byte[]> echo = startClient(config(server.port(), MESSAGE, A_MINUTE), PATIENCE);

            Expect.that(echo.finished(), "The server read the message, then reset the connection instead of"
                    + " answering; %s later startClient was still waiting. receiveCallback.failed ran, but"
                    + " nothing woke the thread in waitOne(receiveDone): record the failure and set receiveDone"
                    + " (TODO lab 4, step 3).", seconds(PATIENCE));
            expectFailure(echo, "connection to 127.0.0.1:" + server.port() + " lost", "step 3");
        }
    }

    // tag::deadline[]
    @Test
    @Order(5)
    void aServerThatNeverAnswersIsGivenUpOnAtTheDeadline() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (FakeServer server = FakeServer.start(FakeServer::awaitClientClose)) {
            Bounded<byte[]> echo = startClient(config(server.port(), MESSAGE, timeout), timeout.plus(PATIENCE));

            Expect.that(echo.finished(), "The server took the message and never answered; the client's timeout"
                    + " is %s, and %s later startClient was still waiting. Wait at most deadline.remaining()"
                    + " in waitOne, and throw onTimeout when the time is up (TODO lab 4, step 4).",
                    seconds(timeout), seconds(timeout.plus(PATIENCE)));
            expectFailure(echo, "no echo from 127.0.0.1:" + server.port() + " within 1s", "step 4");
        }
    }
    // end::deadline[]

    private Bounded<byte[]> startClient(ClientConfig config, Duration limit) throws InterruptedException {
        return Bounded.call(limit, () -> client.startClient(config));
    }

    private static ClientConfig config(int port, byte[] message, Duration timeout) {
        return ClientConfig.loopback(port, message).withTimeout(timeout);
    }

    /** The call threw a SampleFailure whose one line starts with {@code expected}. */
    private static void expectFailure(Bounded<byte[]> echo, String expected, String step) {
        Expect.that(echo.thrown() instanceof SampleFailure failure && failure.getMessage().startsWith(expected),
                "startClient should fail with a SampleFailure saying \"%s\", but it %s. Record the failure with"
                + " fail(...) before you set the event (TODO lab 4, %s).", expected, outcome(echo), step);
    }

    private static String outcome(Bounded<byte[]> echo) {
        if (!echo.finished()) {
            return "was still running";
        }
        return echo.thrown() == null ? "returned " + echo.value().length + " bytes" : "threw " + echo.thrown();
    }
}
