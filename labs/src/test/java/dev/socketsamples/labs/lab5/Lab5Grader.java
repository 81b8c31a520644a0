package dev.socketsamples.labs.lab5;

import static dev.socketsamples.labs.grading.Wait.PATIENCE;
import static dev.socketsamples.labs.grading.Wait.seconds;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.labs.grading.Bounded;
import dev.socketsamples.labs.grading.Code;
import dev.socketsamples.labs.grading.Expect;
import dev.socketsamples.labs.grading.Grader;
import dev.socketsamples.labs.grading.PassesOnTheStarter;
import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.testing.ClosedPort;
import dev.socketsamples.shared.testing.FakeServer;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Lab 5's checks: each calls {@code exchange} against a server of the grader's, then looks at the future. */
@Grader
@DisplayName("Lab 5: compose the exchange")
class Lab5Grader {

    private static final byte[] MESSAGE = "This is a test<EOF>".getBytes(UTF_8);
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    private final Function<ClientConfig, CompletableFuture<byte[]>> exchange;

    Lab5Grader(Code code) {
        exchange = code.pick(CompletableFutureClient::exchange,
                dev.socketsamples.asyncclient.CompletableFutureClient::exchange);
    }

    @Test
    @Order(1)
    @PassesOnTheStarter
    void anEchoServerCompletesTheFutureWithTheEcho() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.ECHO)) {
            CompletableFuture<byte[]> echo = exchange(config(server.port(), A_MINUTE), "a server that echoes");

            Expect.that(Arrays.equals(result(echo, "a server that echoes"), MESSAGE),
                    "The future completed, but not with the echo.");
        }
    }

    // tag::returns-at-once[]
    @Test
    @Order(2)
    void exchangeReturnsBeforeTheServerHasAnswered() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        try (FakeServer server = FakeServer.start(connection -> {
            answer.await(); // holds the echo back until the check lets it go
            connection.getOutputStream().write(FakeServer.readMessage(connection));
        })) {
            Bounded<CompletableFuture<byte[]>> call = Bounded.call(PATIENCE,
                    () -> exchange.apply(config(server.port(), A_MINUTE)));
            answer.countDown();

            Expect.that(call.finished(), "The server held its answer back, and %s later exchange() had not"
                    + " returned: it waits (join) for each step on the caller's thread. Chain the steps with"
                    + " thenCompose and return the future at once (TODO lab 5, step 1).", seconds(PATIENCE));
            Expect.that(call.thrown() == null, "exchange() threw %s; it should return a future that fails"
                    + " instead (TODO lab 5, step 1).", call.thrown());
            Expect.that(Arrays.equals(result(call.value(), "a server that answers late"), MESSAGE),
                    "The future completed, but not with the echo.");
        }
    }
    // end::returns-at-once[]

    @Test
    @Order(3)
    void nothingListeningFailsTheFutureSayingConnectionRefused() throws Exception {
        try (ClosedPort nobody = ClosedPort.hold()) {
            int port = nobody.port();
            CompletableFuture<byte[]> echo = exchange(config(port, A_MINUTE), "nothing listening");

            Throwable failure = failure(echo, "Nothing listens on port " + port + ", so the connect fails at once;"
                    + " %s later the future had not completed. A failed step must complete its future"
                    + " exceptionally, or every step after it waits for ever (TODO lab 5, step 2).");

            Expect.that(failure instanceof ConnectException || failure instanceof SampleFailure sampleFailure
                    && sampleFailure.getMessage().endsWith("connection refused"), "Nothing listens on port %d;"
                    + " the future should fail with \"connection refused\", but it failed with %s.", port, failure);
        }
    }

    @Test
    @Order(4)
    void aServerThatNeverAnswersFailsTheFutureAtTheDeadline() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer::awaitClientClose)) {
            CompletableFuture<byte[]> echo = exchange(config(server.port(), Duration.ofSeconds(1)),
                    "a server that never answers");

            Throwable failure = failure(echo, "The server took the message and never answered; the client's"
                    + " timeout is 1 s, and %s later the future had not completed. Give the whole chain one"
                    + " deadline with orTimeout (TODO lab 5, step 3).");

            Expect.that(failure instanceof TimeoutException || failure instanceof SampleFailure sampleFailure
                    && sampleFailure.getMessage().startsWith("no echo"), "The server never answered; the future"
                    + " should fail with a timeout, but it failed with %s.", failure);
        }
    }

    // tag::closes[]
    @Test
    @Order(5)
    void aFailedExchangeClosesItsConnectionAndSaysWhyInOneLine() throws Exception {
        CompletableFuture<Void> clientClosed = new CompletableFuture<>();
        try (FakeServer server = FakeServer.start(connection -> {
            FakeServer.awaitClientClose(connection);
            clientClosed.complete(null);
        })) {
            CompletableFuture<byte[]> echo = exchange(config(server.port(), Duration.ofSeconds(1)),
                    "a server that never answers");
            Throwable failure = failure(echo, "The server never answered; the client's timeout is 1 s, and %s"
                    + " later the future had not completed (TODO lab 5, step 3).");

            Expect.that(failure instanceof SampleFailure sampleFailure && sampleFailure.getMessage()
                    .equals("no echo from 127.0.0.1:" + server.port() + " within 1s"), "The future failed with %s;"
                    + " turn a failure into the protocol's one line in handle, with asSampleFailure (TODO lab 5,"
                    + " step 4).", failure);
            Expect.that(completesWithin(clientClosed), "The exchange failed, but the client's"
                    + " connection stayed open: the server was still connected %s later. Close the channel in"
                    + " handle, which runs after success and failure alike (TODO lab 5, step 4).",
                    seconds(PATIENCE));
        }
    }
    // end::closes[]

    /** Calls exchange on a thread of its own: it must return, and return a future. */
    private CompletableFuture<byte[]> exchange(ClientConfig config, String against) throws InterruptedException {
        Bounded<CompletableFuture<byte[]>> call = Bounded.call(PATIENCE, () -> exchange.apply(config));
        Expect.that(call.finished(), "Against %s, exchange() had not returned %s later: it waits (join) on the"
                + " caller's thread for a step that never ends. Chain the steps with thenCompose and return the"
                + " future at once (TODO lab 5, step 1), and complete a failed step's future (step 2).", against,
                seconds(PATIENCE));
        Expect.that(call.thrown() == null, "Against %s, exchange() threw %s; it should return a future that"
                + " fails instead (TODO lab 5, step 1).", against, call.thrown());
        return call.value();
    }

    private static byte[] result(CompletableFuture<byte[]> echo, String against) throws InterruptedException {
        Bounded<byte[]> result = Bounded.await(echo, PATIENCE);
        Expect.that(result.finished(), "Against %s, the future had not completed %s later.", against,
                seconds(PATIENCE));
        Expect.that(result.thrown() == null, "Against %s, the future failed with %s.", against, result.thrown());
        return result.value();
    }

    /** What the future failed with, within the 1 s timeout and then some; {@code ifNotDone} names the wait %s. */
    private static Throwable failure(CompletableFuture<byte[]> echo, String ifNotDone) throws InterruptedException {
        Duration wait = Duration.ofSeconds(1).plus(PATIENCE);
        Bounded<byte[]> result = Bounded.await(echo, wait);
        Expect.that(result.finished(), ifNotDone, seconds(wait));
        Expect.that(result.thrown() != null, "The future completed with %d bytes; it should have failed.",
                result.finished() && result.value() != null ? result.value().length : 0);
        return result.thrown();
    }

    private static boolean completesWithin(CompletableFuture<Void> future) throws InterruptedException {
        Bounded<Void> ended = Bounded.await(future, PATIENCE);
        return ended.finished() && ended.thrown() == null;
    }

    private static ClientConfig config(int port, Duration timeout) {
        return ClientConfig.loopback(port, MESSAGE).withTimeout(timeout);
    }
}
