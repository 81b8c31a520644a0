package dev.socketsamples.labs.grading;

import static dev.socketsamples.labs.grading.Wait.PATIENCE;
import static dev.socketsamples.labs.grading.Wait.QUIET;
import static dev.socketsamples.labs.grading.Wait.seconds;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.shared.testing.Answer;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;

/**
 * What every echo server of the labs must do with a client's message, checked the same way for the blocking
 * server of lab 1 and the callbacks of lab 3. Each check takes the lab's own advice for when it fails.
 */
public final class EchoChecks {

    /** The message of the .NET samples. */
    public static final String MESSAGE = "This is a test<EOF>";

    private EchoChecks() {
    }

    /** The message in one piece comes back, and the connection closes. */
    public static void wholeMessage(RawClient client) throws IOException {
        Answer answer = client.send(MESSAGE).answer();

        Expect.that(answer.is(bytes(MESSAGE)), "The client sent \"%s\" in one piece; the server should send it"
                + " back and close the connection, but it answered %s.", MESSAGE, answer);
    }

    // tag::in-pieces[]
    /** The message in three pieces, the marker cut in two: no answer before the marker, then the echo. */
    public static void inPieces(RawClient client, String readAgain) throws IOException {
        Answer early = client.send("This is ").answerWithin(QUIET);
        Expect.that(early.isSilence(), "The client sent \"This is \" and paused; the server answered %s instead"
                + " of waiting for the rest. %s", early, readAgain);
        early = client.send("a test<E").answerWithin(QUIET);
        Expect.that(early.isSilence(), "The client sent \"This is a test<E\", the marker cut in two; the server"
                + " answered %s instead of waiting for \"OF>\". %s", early, readAgain);
        Answer answer = client.send("OF>").answer();
        Expect.that(answer.is(bytes(MESSAGE)), "After the last piece, \"OF>\", the server should echo \"%s\" and"
                + " close; it answered %s.", MESSAGE, answer);
    }
    // end::in-pieces[]

    /** 3005 bytes, more than one read of 1024 takes, every character two bytes: they come back, byte for byte. */
    public static void longMessage(RawClient client, String readAgain) throws IOException {
        byte[] message = bytes("é".repeat(1500) + "<EOF>");

        Answer answer = client.send(message).answer();

        Expect.that(answer.is(message), "The client sent a message of %d bytes; the server answered %s. %s",
                message.length, answer, readAgain);
    }

    /** "abc", then the client closes its side: the server closes too, without an echo. */
    public static void leavesEarly(RawClient client, String stopAtTheEnd, String noMarkerNoEcho)
            throws IOException {
        Answer answer = client.send("abc").shutdownOutput().answer();

        Expect.that(answer.closed(), "The client sent \"abc\" and closed its side; %s later the server had not"
                + " closed the connection. %s", seconds(PATIENCE), stopAtTheEnd);
        Expect.that(answer.isClosedWithoutEcho(), "The client sent \"abc\" and closed its side, without a"
                + " marker; the server answered %s. No marker, no echo: %s", answer, noMarkerNoEcho);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
