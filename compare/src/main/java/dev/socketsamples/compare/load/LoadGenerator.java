package dev.socketsamples.compare.load;

import dev.socketsamples.compare.load.Tally.Outcome;
import dev.socketsamples.shared.Deadline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients making the protocol's exchange (connect, send, read the echo whole, close), each a virtual thread,
 * in a closed loop, at a fixed rate, in one burst, or held halfway. Every exchange a run starts is counted once in its
 * {@link Tally}: the run waits for each to end, and each ends by its own deadline, the client timeout.
 */
final class LoadGenerator {

    /** Beyond the client timeout, how long a run waits for its last exchanges before counting them timed out. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    /**
     * Held connections opened before waiting for the server to accept them: a quarter of the default backlog,
     * so that no handshake meets a full accept queue (that would measure the backlog, not holding).
     */
    static final int HOLD_BATCH = 1024;

    private final InetSocketAddress server;
    private final byte[] message;
    private final Duration timeout;

    LoadGenerator(InetSocketAddress server, byte[] message, Duration timeout) {
        this.server = server;
        this.message = message.clone();
        this.timeout = timeout;
    }

    /** Runs while an exchange has sent half its message; the deadline starts again after it. */
    interface Halfway {
        void reached() throws InterruptedException;
    }

    /** Waits until the server has accepted {@code opened} connections. */
    interface Pacer {
        void awaitAccepted(int opened) throws IOException, InterruptedException;
    }

    /** Measures the server while the connections are held. */
    interface WhileHeld<T> {
        T measure() throws IOException, InterruptedException;
    }

    /**
     * Closed loop: {@code clients} clients, each starting its next exchange when the last has ended, for
     * {@code rampUp} (not counted) and then {@code window}; counted are the exchanges started in the window.
     */
    Tally closedLoop(int clients, Duration rampUp, Duration window) throws InterruptedException {
        Tally tally = new Tally();
        long windowStart = System.nanoTime() + rampUp.toNanos();
        long windowEnd = windowStart + window.toNanos();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < clients; i++) {
            executor.execute(() -> {
                for (long start = System.nanoTime(); start < windowEnd; start = System.nanoTime()) {
                    boolean counted = start >= windowStart;
                    if (counted) {
                        tally.start();
                    }
                    Outcome outcome = exchange(null);
                    if (counted) {
                        tally.end(outcome, System.nanoTime() - start);
                    }
                }
            });
        }
        parkUntil(windowEnd);
        awaitAll(executor);
        return tally.close(window.toNanos() / 1e9);
    }

    /**
     * Open loop: one exchange planned every {@code 1/perSecond} s for {@code window}, each started on schedule
     * whatever the earlier ones are doing; its latency runs from its planned start, so a server that stalls is
     * charged for the whole wait (no coordinated omission).
     */
    Tally openLoop(int perSecond, Duration window) throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        return onSchedule(window.toNanos() / interval, interval, window.toNanos());
    }

    /** {@code connects} exchanges planned for the same instant; the seconds are those until the last ended. */
    Tally burst(int connects) throws InterruptedException {
        return onSchedule(connects, 0, 0);
    }

    private Tally onSchedule(long count, long interval, long windowNanos) throws InterruptedException {
        Tally tally = new Tally();
        long first = System.nanoTime();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        for (long i = 0; i < count; i++) {
            long planned = first + i * interval;
            parkUntil(planned);
            tally.start();
            executor.execute(() -> tally.end(exchange(null), System.nanoTime() - planned));
        }
        awaitAll(executor);
        return tally.close((windowNanos > 0 ? windowNanos : System.nanoTime() - first) / 1e9);
    }

    /**
     * Holds {@code count} connections at once, half a message sent on each: opens them in batches, each paced
     * by {@code pacer} (the server knows what it accepted, the client does not), calls {@code whileHeld}, then
     * completes them all. {@code tally} counts each connection once, echoed or by how it failed.
     */
    <T> T hold(int count, Tally tally, Pacer pacer, WhileHeld<T> whileHeld) throws IOException, InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Semaphore settled = new Semaphore(0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        try {
            for (int opened = 0; opened < count; ) {
                int batch = Math.min(HOLD_BATCH, count - opened);
                for (int i = 0; i < batch; i++) {
                    tally.start();
                    executor.execute(() -> {
                        Outcome outcome = exchange(() -> {
                            settled.release();
                            release.await();
                        });
                        if (release.getCount() > 0) {
                            settled.release(); // failed before it was held
                        }
                        tally.end(outcome, -1);
                    });
                }
                settled.acquire(batch);
                opened += batch;
                pacer.awaitAccepted(opened);
            }
            return whileHeld.measure();
        } finally {
            release.countDown();
            awaitAll(executor);
            tally.close((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * One exchange: connect, send the message, read until its echo is whole, close; all within the timeout.
     * With {@code halfway}, the first half of the message is sent, {@code halfway} runs, then the rest.
     */
    Outcome exchange(Halfway halfway) {
        Deadline deadline = Deadline.after(timeout);
        try (Socket socket = new Socket()) {
            socket.connect(server, deadline.remainingMillis());
            OutputStream out = socket.getOutputStream();
            int half = halfway == null ? message.length : message.length / 2;
            out.write(message, 0, half);
            if (halfway != null) {
                halfway.reached();
                deadline = Deadline.after(timeout);
            }
            out.write(message, half, message.length - half);
            return readEcho(socket, deadline) ? Outcome.ECHOED : Outcome.OTHER;
        } catch (IOException e) {
            return Outcome.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.OTHER;
        }
    }

    /**
     * Reads until as many bytes as were sent have come back, each read bounded by what is left of the deadline,
     * and checks they are the same; the message ends with its one marker, so this stops at the echoed marker.
     */
    private boolean readEcho(Socket socket, Deadline deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] received = new byte[message.length];
        int total = 0;
        while (total < received.length) {
            socket.setSoTimeout(deadline.remainingMillis());
            int n = in.read(received, total, received.length - total);
            if (n < 0) {
                return false;
            }
            total += n;
        }
        return Arrays.equals(received, message);
    }

    /** Waits for every exchange: each ends by its deadline, so this is bounded; stragglers are interrupted. */
    private void awaitAll(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(timeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS)) {
            executor.shutdownNow();
        }
    }

    private static void parkUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
