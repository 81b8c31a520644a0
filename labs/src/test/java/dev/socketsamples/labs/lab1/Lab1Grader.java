package dev.socketsamples.labs.lab1;

import static dev.socketsamples.labs.grading.Wait.PATIENCE;
import static dev.socketsamples.labs.grading.Wait.seconds;

import dev.socketsamples.labs.grading.Answer;
import dev.socketsamples.labs.grading.Code;
import dev.socketsamples.labs.grading.EchoChecks;
import dev.socketsamples.labs.grading.Expect;
import dev.socketsamples.labs.grading.Grader;
import dev.socketsamples.labs.grading.OneConnection;
import dev.socketsamples.labs.grading.PassesOnTheStarter;
import dev.socketsamples.shared.ServerConfig;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Lab 1's checks: each connects a client to {@code serve} and sends its message the way a network may cut it. */
@Grader
@DisplayName("Lab 1: read until the marker")
class Lab1Grader {

    private static final String READ_AGAIN = "One read returns the bytes that have arrived so far, at most"
            + " BUFFER_SIZE of them, not the whole message: read again until data.isComplete() (TODO lab 1, step 1).";

    private final Function<ServerConfig, Consumer<Socket>> server;
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final ServerConfig config = ServerConfig.loopback().withConsole(console::add);

    Lab1Grader(Code code) {
        server = code.pick(config -> new SynchronousSocketListener(config)::serve,
                config -> new dev.socketsamples.labs.solutions.lab1.SynchronousSocketListener(config)::serve);
    }

    @Test
    @Order(1)
    @PassesOnTheStarter
    void aMessageThatArrivesInOneReadIsEchoed() throws Exception {
        try (OneConnection connection = OneConnection.servedBy(server.apply(config))) {
            EchoChecks.wholeMessage(connection.client());
        }
    }

    @Test
    @Order(2)
    void aMessageInPiecesIsEchoedWholeOnceItsMarkerHasCome() throws Exception {
        try (OneConnection connection = OneConnection.servedBy(server.apply(config))) {
            EchoChecks.inPieces(connection.client(), READ_AGAIN);
        }
    }

    @Test
    @Order(3)
    void aLongMessageTakesSeveralReadsAndComesBackByteForByte() throws Exception {
        try (OneConnection connection = OneConnection.servedBy(server.apply(config))) {
            EchoChecks.longMessage(connection.client(), READ_AGAIN);
        }
    }

    @Test
    @Order(4)
    void aClientThatLeavesBeforeTheMarkerIsClosedWithoutAnEcho() throws Exception {
        try (OneConnection connection = OneConnection.servedBy(server.apply(config))) {
            EchoChecks.leavesEarly(connection.client(), "From then on read returns -1, again and again: stop"
                    + " reading there and return (TODO lab 1, step 2).", "when read returns -1, log one line and"
                    + " return (TODO lab 1, step 2).");
            Expect.that(connection.servedWithin(PATIENCE), "serve did not return after the client left.");
            Expect.that(console.stream().anyMatch(line -> line.contains("Client closed the connection after 3"
                    + " bytes")), "The server closed the connection, but its console said nothing about it: log"
                    + " SampleFailure.dropped(data.byteCount(), null, config.idleTimeout()) (TODO lab 1,"
                    + " step 2). It printed: %s", console);
        }
    }

    @Test
    @Order(5)
    void aSilentClientIsClosedAfterTheIdleTimeout() throws Exception {
        Duration idleTimeout = Duration.ofSeconds(1);
        try (OneConnection connection = OneConnection.servedBy(server.apply(config.withIdleTimeout(idleTimeout)))) {
            Answer answer = connection.client().send("ab").answerWithin(idleTimeout.plus(PATIENCE));

            Expect.that(answer.closed(), "The client sent \"ab\" and then nothing; %s later the server was"
                    + " still waiting, though its idle timeout is %s. Bound every read with"
                    + " handler.setSoTimeout (TODO lab 1, step 3).", seconds(idleTimeout.plus(PATIENCE)),
                    seconds(idleTimeout));
            Expect.that(answer.isClosedWithoutEcho(), "The server should close a silent client's connection"
                    + " without an echo; it answered %s.", answer);
        }
    }
}
