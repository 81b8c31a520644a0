package dev.socketsamples.labs.lab2;

import static dev.socketsamples.labs.grading.Wait.PATIENCE;
import static dev.socketsamples.labs.grading.Wait.QUIET;
import static dev.socketsamples.labs.grading.Wait.seconds;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.labs.grading.Answer;
import dev.socketsamples.labs.grading.Code;
import dev.socketsamples.labs.grading.Expect;
import dev.socketsamples.labs.grading.Grader;
import dev.socketsamples.labs.grading.LabClient;
import dev.socketsamples.labs.grading.PassesOnTheStarter;
import dev.socketsamples.shared.Quietly;
import dev.socketsamples.shared.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Lab 2's checks: each starts {@code startListening} on a thread named {@code lab2-listener}, with a {@code serve}
 * of the grader's that notes which thread runs it and how many run at once.
 */
@Grader
@DisplayName("Lab 2: serve many")
class Lab2Grader {

    private static final String MESSAGE = "This is a test<EOF>";

    private final BiFunction<ServerSocket, Consumer<Socket>, Runnable> server;
    private final List<LabClient> clients = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger inServe = new AtomicInteger();
    private ServerSocket listener;
    private Thread listenerThread;
    private volatile int inServeWhenItReturned = -1;

    Lab2Grader(Code code) {
        server = code.pick((listener, serve) -> new SynchronousSocketListener(listener, serve)::startListening,
                (listener, serve) -> new dev.socketsamples.labs.solutions.lab2.SynchronousSocketListener(listener,
                        serve)::startListening);
    }

    @Test
    @Order(1)
    @PassesOnTheStarter
    void aClientIsServed() throws Exception {
        listen(new dev.socketsamples.labs.solutions.lab1.SynchronousSocketListener(ServerConfig.loopback())::serve);

        Answer answer = connect().send(MESSAGE).answer();

        Expect.that(answer.is(MESSAGE.getBytes(UTF_8)), "The client sent \"%s\"; serve echoes it, but the client"
                + " got %s. Does startListening still hand every connection to serve?", MESSAGE, answer);
    }

    // tag::at-once[]
    @Test
    @Order(2)
    void tenClientsAreServedAtTheSameTime() throws Exception {
        CountDownLatch allInServe = new CountDownLatch(10);
        listen(handler -> {
            allInServe.countDown();
            waitForRelease(handler);
        });

        for (int i = 0; i < 10; i++) {
            connect();
        }

        Expect.that(allInServe.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "Ten clients connected, and"
                + " %s later only %d of them had got into serve. The accepting thread serves each client itself,"
                + " so the next one waits its turn: hand every connection to a thread of its own (TODO lab 2,"
                + " steps 1 and 2).", seconds(PATIENCE), 10 - allInServe.getCount());
    }
    // end::at-once[]

    @Test
    @Order(3)
    void everyConnectionIsServedOnAVirtualThread() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch served = new CountDownLatch(3);
        listen(handler -> {
            threads.add(Thread.currentThread());
            served.countDown();
            Quietly.close(handler);
        });

        for (int i = 0; i < 3; i++) {
            connect().answer();
        }

        Expect.that(served.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "Three clients connected, one"
                + " after the other, but serve did not run for all of them.");
        for (Thread thread : threads) {
            Expect.that(thread.isVirtual(), "serve ran on the thread \"%s\", a platform thread. Each blocked"
                    + " connection would hold one of those, and a machine has a few thousand at most: make the"
                    + " executor start virtual threads, Thread.ofVirtual() (TODO lab 2, step 1).", thread.getName());
        }
    }

    // tag::waits[]
    @Test
    @Order(4)
    @PassesOnTheStarter
    void closingTheListenerWaitsForTheConnectionInFlight() throws Exception {
        CountDownLatch inServeNow = new CountDownLatch(1);
        listen(handler -> {
            inServeNow.countDown();
            waitForRelease(handler);
        });
        connect();
        Expect.that(inServeNow.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS),
                "A client connected, but serve did not run.");

        listener.close(); // accept fails from now on: startListening should stop accepting...
        listenerThread.join(QUIET); // ...and return only once the connection in flight has been served
        release.countDown();

        Expect.that(listenerThread.join(PATIENCE), "startListening did not return %s after the listener was"
                + " closed and every connection was served.", seconds(PATIENCE));
        Expect.that(inServeWhenItReturned == 0, "startListening returned while %d connection was still being"
                + " served: nothing waits for the connection threads. Start them from an ExecutorService in a"
                + " try-with-resources block, whose close waits for them (TODO lab 2, step 1).",
                inServeWhenItReturned);
    }
    // end::waits[]

    /** Starts the student's startListening on its own thread, with {@code serve} counting who is inside it. */
    private void listen(Consumer<Socket> serve) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Runnable startListening = server.apply(listener, handler -> {
            inServe.incrementAndGet();
            try {
                serve.accept(handler);
            } finally {
                inServe.decrementAndGet();
            }
        });
        listenerThread = Thread.ofPlatform().name("lab2-listener").daemon().start(() -> {
            startListening.run();
            inServeWhenItReturned = inServe.get();
        });
    }

    private LabClient connect() throws IOException {
        LabClient client = LabClient.connect(listener.getLocalPort());
        clients.add(client);
        return client;
    }

    private void waitForRelease(Socket handler) {
        try {
            release.await(); // until the check is over, or lets it go
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Quietly.close(handler);
        }
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        clients.forEach(Quietly::close);
        if (listener != null) {
            listener.close();
            listenerThread.join(PATIENCE);
        }
    }
}
