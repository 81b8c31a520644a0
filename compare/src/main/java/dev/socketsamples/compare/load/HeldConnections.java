package dev.socketsamples.compare.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The C10K run: many connections opened and held with half a message sent, then all completed. Each
 * connection is a virtual thread blocked in a read, so ten thousand of them cost the generator few threads.
 */
final class HeldConnections {

    /**
     * Connections opened before the generator waits for the server to have accepted them: fewer than the
     * smallest backlog (the sync server's 10), since a handshake that completes while the accept queue is
     * full is dropped by the system and lost or delayed by retries, which would measure the backlog, not the
     * server.
     */
    static final int BATCH = 8;

    private final InetSocketAddress server;
    private final byte[] message;
    private final int timeoutMillis;

    HeldConnections(InetSocketAddress server, byte[] message, Duration timeout) {
        this.server = server;
        this.message = message.clone();
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** Waits until the server has accepted {@code opened} connections; the server knows, the client does not. */
    interface Pacer {
        void awaitAccepted(int opened) throws IOException, InterruptedException;
    }

    /** What {@link #hold} measures while the connections are held. */
    interface WhileHeld {
        /** Called once all connections are open or have failed; {@code held} of them are open. */
        void measure(int held) throws IOException, InterruptedException;
    }

    /**
     * Opens {@code count} connections in batches paced by {@code pacer}, sends half the message on each,
     * calls {@code whileHeld}, then sends the rest on each and checks every echo.
     */
    Outcome hold(int count, Duration limit, Pacer pacer, WhileHeld whileHeld)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int first = 0; first < count && System.nanoTime() < deadline; first += BATCH) {
                int size = Math.min(BATCH, count - first);
                CountDownLatch opened = new CountDownLatch(size);
                for (int i = 0; i < size; i++) {
                    executor.execute(() -> holdOne(opened, release, held, completed));
                }
                opened.await(timeoutMillis, TimeUnit.MILLISECONDS);
                pacer.awaitAccepted(held.get());
            }
            whileHeld.measure(held.get());
        } finally {
            release.countDown();
            executor.shutdown();
            if (!executor.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        return new Outcome(held.get(), count - completed.get());
    }

    /** One connection: open, half the message, wait for the release, the rest, the echo. */
    private void holdOne(CountDownLatch opened, CountDownLatch release, AtomicInteger held,
                         AtomicInteger completed) {
        int half = message.length / 2;
        boolean counted = false;
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(message, 0, half);
            held.incrementAndGet();
            opened.countDown();
            counted = true;
            release.await();
            out.write(message, half, message.length - half);
            if (LoadGenerator.readEcho(socket.getInputStream(), message)) {
                completed.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            // Counted as an error by hold: every connection that did not complete is one.
        } finally {
            if (!counted) {
                opened.countDown();
            }
        }
    }

    /** How many connections were held at once, and how many did not end with the right echo. */
    record Outcome(int held, int failed) {
    }
}
