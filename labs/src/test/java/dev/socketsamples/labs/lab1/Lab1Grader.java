package dev.socketsamples.labs.lab1;

import static dev.socketsamples.labs.grading.Wait.PATIENCE;
import static dev.socketsamples.labs.grading.Wait.QUIET;
import static dev.socketsamples.labs.grading.Wait.seconds;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.labs.grading.Code;
import dev.socketsamples.labs.grading.EchoChecks;
import dev.socketsamples.labs.grading.Expect;
import dev.socketsamples.labs.grading.Grader;
import dev.socketsamples.labs.grading.OneConnection;
import dev.socketsamples.labs.grading.PassesOnTheStarter;
import dev.socketsamples.labs.grading.ServerUnderTest;
import dev.socketsamples.labs.lab1.SynchronousSocketListener.Threads;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.Answer;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Lab 1's checks: each starts the server one client at a time and sends it a message cut as a network may cut it. */
@Grader
@DisplayName("Lab 1: read until the marker")
class Lab1Grader {

    private static final String READ_AGAIN = "One read returns the bytes that have arrived so far, at most"
            + " BUFFER_SIZE of them, not the whole message: read again until data.isComplete() (TODO lab 1, step 1).";

    /** Longer than any nap that a server takes to let the rest arrive, and far within the idle timeout. */
    private static final Duration SLOW = Duration.ofSeconds(2);
    private static final String MESSAGE = EchoChecks.MESSAGE;

    private final ServerUnderTest server;
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final ServerConfig config = ServerConfig.loopback().withConsole(console::add);

    Lab1Grader(Code code) {
        server = code.pick(config -> SynchronousSocketListener.start(config, Threads.ONE_AT_A_TIME),
                config -> dev.socketsamples.syncserver.SynchronousSocketListener.start(config,
                        dev.socketsamples.syncserver.SynchronousSocketListener.Threads.ONE_AT_A_TIME),
                config -> dev.socketsamples.labs.cheats.lab1.SynchronousSocketListener.start(config,
                        dev.socketsamples.labs.cheats.lab1.SynchronousSocketListener.Threads.ONE_AT_A_TIME));
    }

    @Test
    @Order(1)
    @PassesOnTheStarter
    void aMessageThatArrivesInOneReadIsEchoed() throws Exception {
        try (OneConnection connection = OneConnection.to(server.start(config))) {
            EchoChecks.wholeMessage(connection.client());
        }
    }

    @Test
    @Order(2)
    void aMessageInPiecesIsEchoedWholeOnceItsMarkerHasCome() throws Exception {
        try (OneConnection connection = OneConnection.to(server.start(config))) {
            EchoChecks.inPieces(connection.client(), READ_AGAIN);
        }
    }

    @Test
    @Order(3)
    void aLongMessageTakesSeveralReadsAndComesBackByteForByte() throws Exception {
        try (OneConnection connection = OneConnection.to(server.start(config))) {
            EchoChecks.longMessage(connection.client(), READ_AGAIN);
        }
    }

    @Test
    @Order(4)
    void aClientThatLeavesBeforeTheMarkerIsClosedWithoutAnEcho() throws Exception {
        try (OneConnection connection = OneConnection.to(server.start(config))) {
            EchoChecks.leavesEarly(connection.client(), "From then on read returns -1, again and again: stop"
                    + " reading there and return (TODO lab 1, step 2).", "when read returns -1, log one line and"
                    + " return (TODO lab 1, step 2).");
            Expect.that(connection.servedWithin(PATIENCE), "serve did not return after the client left.");
            Expect.that(console.stream().anyMatch(line -> line.contains("Client closed the connection after 3"
                    + " bytes")), "The server closed the connection, but its console said nothing about it: drop it"
                    + " with connections.drop(handler, data, null), which logs one line (TODO lab 1, step 2). It"
                    + " printed: %s", console);
        }
    }

    @Test
    @Order(5)
    void aSilentClientIsClosedAfterTheIdleTimeoutWhileASlowOneIsServed() throws Exception {
        Duration idleTimeout = Duration.ofSeconds(2);
        ServerConfig quick = config.withIdleTimeout(idleTimeout);
        try (OneConnection silent = OneConnection.to(server.start(quick));
             OneConnection slow = OneConnection.to(server.start(quick))) {
            // Five pieces 0.5 s apart: each pause well within the idle timeout, the whole message longer than it.
            Answer echo = sendWithPauses(slow.client(), QUIET, "This", " is", " a test", "<EO", "F>");
            Answer answer = silent.client().answerWithin(idleTimeout.plus(PATIENCE));

            Expect.that(answer.closed(), "A client connected and said nothing; %s later the server was still"
                    + " waiting, though its idle timeout is %s. Bound every read with handler.setSoTimeout (TODO"
                    + " lab 1, step 3).", seconds(idleTimeout.plus(PATIENCE)), seconds(idleTimeout));
            Expect.that(answer.isClosedWithoutEcho(), "The server should close a silent client's connection"
                    + " without an echo; it answered %s.", answer);
            Expect.that(echo.is(MESSAGE.getBytes(UTF_8)), "Meanwhile another client sent \"%s\" in five pieces"
                    + " %s apart, %s in all, more than the idle timeout of %s; it got %s. The idle timeout bounds"
                    + " each read, not the whole message: set it once with handler.setSoTimeout, before the"
                    + " loop (TODO lab 1, step 3).", MESSAGE, seconds(QUIET), seconds(QUIET.multipliedBy(4)),
                    seconds(idleTimeout), echo);
        }
    }

    // tag::slow-pieces[]
    @Test
    @Order(6)
    void aMessageWhosePiecesComeSecondsApartIsEchoedWhole() throws Exception {
        try (OneConnection connection = OneConnection.to(server.start(config))) {
            Answer answer = sendWithPauses(connection.client(), SLOW, "This is ", "a test<E", "OF>");

            Expect.that(answer.is(MESSAGE.getBytes(UTF_8)), "The client sent \"%s\" in three pieces, %s"
                    + " apart, as a slow network may; the server answered %s. Waiting a while, then taking what"
                    + " has come, is a guess that a slower client beats: read again until data.isComplete()"
                    + " (TODO lab 1, step 1).", MESSAGE, seconds(SLOW), answer);
        }
    }
    // end::slow-pieces[]

    /**
     * Sends {@code pieces} with {@code pause} between them, listening meanwhile (the pause is a timed read, not a
     * sleep): what came back after the last piece, or what the server answered during a pause.
     */
    private static Answer sendWithPauses(RawClient client, Duration pause, String... pieces) throws IOException {
        for (int i = 0; i < pieces.length - 1; i++) {
            Answer early = client.send(pieces[i]).answerWithin(pause);
            if (!early.isSilence()) {
                return early;
            }
        }
        return client.send(pieces[pieces.length - 1]).answer();
    }
}
