package dev.socketsamples.compare.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The C10K run: many connections opened and held with half a message sent, then all completed. Each
 * connection is a virtual thread blocked in a read, so ten thousand of them cost the generator few threads.
 */
final class HeldConnections {

    /** Connects in flight at once: more would overflow the servers' backlog of 100 and wait on SYN retries. */
    private static final int CONNECTING_AT_ONCE = 50;

    private final InetSocketAddress server;
    private final byte[] message;
    private final int timeoutMillis;

    HeldConnections(InetSocketAddress server, byte[] message, Duration timeout) {
        this.server = server;
        this.message = message.clone();
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** What {@link #hold} measured while the connections were held. */
    interface WhileHeld {
        /** Called once all connections are open or have failed; {@code held} of them are open. */
        void measure(int held) throws IOException, InterruptedException;
    }

    /**
     * Opens {@code count} connections, sends half the message on each, calls {@code whileHeld}, then sends the
     * rest on each and checks every echo.
     */
    Outcome hold(int count, Duration limit, WhileHeld whileHeld) throws IOException, InterruptedException {
        int half = message.length / 2;
        CountDownLatch opened = new CountDownLatch(count);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < count; i++) {
                executor.execute(() -> {
                    boolean counted = false;
                    try (Socket socket = new Socket()) {
                        connecting.acquire();
                        try {
                            socket.connect(server, timeoutMillis);
                        } finally {
                            connecting.release();
                        }
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
                        // Counted as an error below: every connection that did not complete is one.
                    } finally {
                        if (!counted) {
                            opened.countDown();
                        }
                    }
                });
            }
            opened.await(limit.toMillis(), TimeUnit.MILLISECONDS);
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

    /** How many connections were held at once, and how many did not end with the right echo. */
    record Outcome(int held, int failed) {
    }
}
