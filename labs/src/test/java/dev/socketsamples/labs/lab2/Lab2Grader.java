package dev.socketsamples.labs.lab2;

import static dev.socketsamples.labs.grading.Wait.PATIENCE;
import static dev.socketsamples.labs.grading.Wait.seconds;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.labs.grading.Code;
import dev.socketsamples.labs.grading.Expect;
import dev.socketsamples.labs.grading.Grader;
import dev.socketsamples.labs.grading.PassesOnTheStarter;
import dev.socketsamples.labs.grading.ServerUnderTest;
import dev.socketsamples.labs.lab2.SynchronousSocketListener.Threads;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.Quietly;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.Answer;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Lab 2's checks: each starts the server with {@code --threads virtual} and connects clients that hold their
 * message half sent, to see how many it serves at once and on which threads.
 */
@Grader
@DisplayName("Lab 2: serve many")
class Lab2Grader {

    private static final String MESSAGE = "This is a test<EOF>";
    private static final String HALF = "This is ";

    private final ServerUnderTest server;
    private final List<RawClient> clients = new ArrayList<>();
    /** The threads that printed "Text received": a server's console line runs on the thread that serves. */
    private final Set<Thread> servingThreads = ConcurrentHashMap.newKeySet();
    private EchoServer running;

    Lab2Grader(Code code) {
        server = code.pick(config -> SynchronousSocketListener.start(config, Threads.VIRTUAL),
                config -> dev.socketsamples.syncserver.SynchronousSocketListener.start(config,
                        dev.socketsamples.syncserver.SynchronousSocketListener.Threads.VIRTUAL));
    }

    @Test
    @Order(1)
    @PassesOnTheStarter
    void aClientIsServed() throws Exception {
        start();

        Answer answer = connect().send(MESSAGE).answer();

        Expect.that(answer.is(MESSAGE.getBytes(UTF_8)), "The client sent \"%s\" and got %s. Does the runner"
                + " still serve every connection it is handed?", MESSAGE, answer);
    }

    // tag::at-once[]
    @Test
    @Order(2)
    void tenClientsAreServedAtTheSameTime() throws Exception {
        start();

        for (int i = 0; i < 10; i++) {
            connect().send(HALF); // the rest of the message later: until then, serve waits on this client
        }

        Expect.that(openConnectionsReach(10), "Ten clients connected and sent half a message each; %s later the"
                + " server had accepted %d of them. The accepting thread serves each client itself, so the next"
                + " one waits its turn: start a virtual thread for every connection (TODO lab 2).",
                seconds(PATIENCE), running.openConnections());
        for (RawClient client : clients) {
            Expect.that(client.send(MESSAGE.substring(HALF.length())).answer().is(MESSAGE.getBytes(UTF_8)),
                    "Ten clients were being served at once, but not every one got its echo.");
        }
    }
    // end::at-once[]

    @Test
    @Order(3)
    void everyConnectionIsServedOnAVirtualThread() throws Exception {
        start();

        for (int i = 0; i < 3; i++) {
            connect().send(MESSAGE).answer();
        }

        Expect.that(servingThreads.size() >= 1, "Three clients were served, but the server printed no \"Text"
                + " received\" line.");
        for (Thread thread : servingThreads) {
            Expect.that(thread.isVirtual(), "serve ran on the thread \"%s\", a platform thread. Each blocked"
                    + " connection would hold one of those, and a machine has a few thousand at most: start virtual"
                    + " threads, Thread.ofVirtual() (TODO lab 2).", thread.getName());
        }
    }

    // tag::waits[]
    @Test
    @Order(4)
    @PassesOnTheStarter
    void closingTheServerWaitsForTheConnectionInFlight() throws Exception {
        start();
        RawClient inFlight = connect().send(HALF);
        Expect.that(openConnectionsReach(1), "A client connected, but the server did not accept it.");

        CompletableFuture<Void> closed = CompletableFuture.runAsync(running::close); // as Ctrl+C does
        Answer answer = inFlight.send(MESSAGE.substring(HALF.length())).answer();

        Expect.that(answer.is(MESSAGE.getBytes(UTF_8)), "The server was closed while a client was half way"
                + " through its message; the client then sent the rest and got %s, not its echo.", answer);
        closed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }
    // end::waits[]

    private void start() throws Exception {
        ServerConfig config = ServerConfig.loopback().withConsole(line -> {
            if (line.startsWith("Text received")) {
                servingThreads.add(Thread.currentThread());
            }
        });
        running = server.start(config);
    }

    private boolean openConnectionsReach(int count) {
        try {
            await().atMost(PATIENCE).until(() -> running.openConnections() >= count);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private RawClient connect() throws IOException {
        RawClient client = RawClient.connect(running.port());
        clients.add(client);
        return client;
    }

    @AfterEach
    void stop() {
        clients.forEach(Quietly::close);
        if (running != null) {
            running.close();
        }
    }
}
