package dev.socketsamples.labs.lab3;

import static dev.socketsamples.labs.grading.Wait.PATIENCE;
import static dev.socketsamples.labs.grading.Wait.QUIET;
import static dev.socketsamples.labs.grading.Wait.seconds;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.labs.grading.Code;
import dev.socketsamples.labs.grading.EchoChecks;
import dev.socketsamples.labs.grading.Expect;
import dev.socketsamples.labs.grading.Grader;
import dev.socketsamples.labs.grading.PassesOnTheStarter;
import dev.socketsamples.labs.grading.ServerUnderTest;
import dev.socketsamples.labs.lab3.AsynchronousSocketListener.Accept;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.Quietly;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.Answer;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Lab 3's checks: each starts the student's server on a free port, its callbacks on two pool threads. */
@Grader
@DisplayName("Lab 3: callbacks that re-arm themselves")
class Lab3Grader {

    private static final String MESSAGE = EchoChecks.MESSAGE;
    private static final String READ_AGAIN = "readCallback runs once per chunk, of at most the buffer's 1024"
            + " bytes: while append returns false, start the next read and return (TODO lab 3, step 1).";

    private final ServerUnderTest server;
    private final List<RawClient> clients = new ArrayList<>();
    private EchoServer running;
    private int port;

    Lab3Grader(Code code) {
        server = code.pick(config -> AsynchronousSocketListener.start(config, Accept.CHAINED),
                config -> dev.socketsamples.asyncserver.AsynchronousSocketListener.start(config,
                        dev.socketsamples.asyncserver.AsynchronousSocketListener.Accept.CHAINED),
                config -> dev.socketsamples.labs.cheats.lab3.AsynchronousSocketListener.start(config,
                        dev.socketsamples.labs.cheats.lab3.AsynchronousSocketListener.Accept.CHAINED));
    }

    @BeforeEach
    void startTheServer() throws Exception {
        running = server.start(ServerConfig.loopback());
        port = running.port();
    }

    @AfterEach
    void stopTheServer() {
        clients.forEach(Quietly::close);
        running.close(); // closes the listener and, after the drain timeout, every connection
    }

    @Test
    @Order(1)
    @PassesOnTheStarter
    void aMessageThatArrivesWholeIsEchoed() throws Exception {
        EchoChecks.wholeMessage(connect());
    }

    @Test
    @Order(2)
    void aMessageInPiecesIsEchoedWholeOnceItsMarkerHasCome() throws Exception {
        EchoChecks.inPieces(connect(), READ_AGAIN);
    }

    @Test
    @Order(3)
    void aLongMessageTakesSeveralReadsAndComesBackByteForByte() throws Exception {
        EchoChecks.longMessage(connect(), READ_AGAIN);
    }

    @Test
    @Order(4)
    void aClientThatLeavesBeforeTheMarkerIsClosedWithoutAnEcho() throws Exception {
        EchoChecks.leavesEarly(connect(), "Every read from then on completes with -1 at once, so a callback that"
                + " reads again spins: drop the connection when bytesRead < 0 (TODO lab 3, step 2).", "read"
                + " again while the marker has not come (TODO lab 3, step 1), and drop the connection when"
                + " bytesRead < 0 (step 2).");
    }

    @Test
    @Order(5)
    void aSecondClientIsServedAfterTheFirst() throws Exception {
        connect().send(MESSAGE).answer();

        expectTheNextClientEchoedAfter("A first client was served", "The listener accepts once for every accept"
                + " started: start the next one in acceptCallback (TODO lab 3, step 3).");
    }

    // tag::silent-first[]
    @Test
    @Order(6)
    void aSilentClientDoesNotHoldUpTheNextOne() throws Exception {
        connect(); // connects, then says nothing

        expectTheNextClientEchoedAfter("A first client connected and said nothing", "Start the next accept first"
                + " thing in acceptCallback.completed, before this connection is read (TODO lab 3, step 3).");
    }

    /** A second client sends the message and must get its echo, whatever the first one did. */
    private void expectTheNextClientEchoedAfter(String whatTheFirstDid, String advice) throws IOException {
        Answer answer = connect().send(MESSAGE).answer();

        Expect.that(answer.is(bytes(MESSAGE)), "%s; a second client then sent \"%s\" and got %s. %s",
                whatTheFirstDid, MESSAGE, answer, advice);
    }
    // end::silent-first[]

    // tag::no-waiting[]
    @Test
    @Order(7)
    void manyClientsThatPauseMidMessageAreAllEchoed() throws Exception {
        int poolThreads = Math.max(2, Runtime.getRuntime().availableProcessors()); // as the server sizes its pool
        List<RawClient> slow = new ArrayList<>();
        for (int i = 0; i < poolThreads + 2; i++) { // more clients than the pool has threads
            slow.add(connect().send("This is "));
        }
        slow.getLast().answerWithin(QUIET); // the pause, long enough for each first piece to be read
        for (RawClient client : slow) {
            client.send("a test<EOF>");
        }

        long end = System.nanoTime() + PATIENCE.toNanos();
        int echoed = 0;
        for (RawClient client : slow) { // served side by side: once one echo is here, the others are too
            Duration left = Duration.ofNanos(Math.max(end - System.nanoTime(), QUIET.toNanos()));
            echoed += client.answerWithin(left).is(bytes(MESSAGE)) ? 1 : 0;
        }
        Expect.that(echoed == slow.size(), "%d clients each sent \"This is \", paused, then sent the rest;"
                + " %s later %d of them had their echo. A callback that waits (a Future's get, join, sleep)"
                + " holds one of the pool's %d threads, and once all wait, none is left to run the callbacks:"
                + " start the next read with read(state) and return (TODO lab 3, step 1).", slow.size(),
                seconds(PATIENCE), echoed, poolThreads);
    }
    // end::no-waiting[]

    private RawClient connect() throws IOException {
        RawClient client = RawClient.connect(port);
        clients.add(client);
        return client;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
