package dev.socketsamples.compare.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: N clients, each a virtual thread running the protocol's connect-send-echo-close exchange
 * again and again, so N is exactly the number of exchanges in flight.
 */
final class LoadGenerator {

    /** How long in-flight exchanges may finish after the window closes before they are cut off. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final InetSocketAddress server;
    private final byte[] message;
    private final int timeoutMillis;

    LoadGenerator(InetSocketAddress server, byte[] message, Duration timeout) {
        this.server = server;
        this.message = message.clone();
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /**
     * Runs {@code clients} clients for {@code warmup} (not counted), then for {@code window} (counted), and
     * calls {@code atMidpoint} halfway through the window, on the calling thread.
     */
    Window run(int clients, Duration warmup, Duration window, Runnable atMidpoint) throws InterruptedException {
        long windowStart = System.nanoTime() + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        List<Latencies> perClient = new ArrayList<>(clients);
        AtomicLong errors = new AtomicLong();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < clients; i++) {
                Latencies latencies = new Latencies();
                perClient.add(latencies);
                executor.execute(() -> runClient(windowStart, windowEnd, latencies, errors));
            }
            TimeUnit.NANOSECONDS.sleep(windowStart + window.toNanos() / 2 - System.nanoTime());
            atMidpoint.run();
        } finally {
            executor.shutdown();
            if (!executor.awaitTermination(windowEnd - System.nanoTime() + GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                // A virtual thread interrupted in a socket operation closes the socket: nothing stays blocked.
                executor.shutdownNow();
                executor.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        Latencies all = new Latencies();
        perClient.forEach(all::addAll);
        return new Window(clients, all, errors.get(), window.toNanos() / 1e9);
    }

    /**
     * Runs {@code clients} clients that make {@code each} exchanges apiece, however long that takes: a bounded
     * run that checks a server answers correctly before it is measured.
     */
    LoadResult runExchanges(int clients, int each) throws InterruptedException {
        List<Latencies> perClient = new ArrayList<>(clients);
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                Latencies latencies = new Latencies();
                perClient.add(latencies);
                executor.execute(() -> {
                    for (int n = 0; n < each; n++) {
                        long exchangeStart = System.nanoTime();
                        if (exchange()) {
                            latencies.record(System.nanoTime() - exchangeStart);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
        }
        Latencies all = new Latencies();
        perClient.forEach(all::addAll);
        return LoadResult.of(List.of(new Window(clients, all, errors.get(), (System.nanoTime() - start) / 1e9)));
    }

    private void runClient(long windowStart, long windowEnd, Latencies latencies, AtomicLong errors) {
        while (!Thread.currentThread().isInterrupted()) {
            long start = System.nanoTime();
            if (start >= windowEnd) {
                return;
            }
            boolean ok = exchange();
            long end = System.nanoTime();
            if (end >= windowStart && end < windowEnd) {
                if (ok) {
                    latencies.record(end - start);
                } else {
                    errors.incrementAndGet();
                }
            }
        }
    }

    /** One exchange: connect, send the message, read until its echo is whole, close. */
    boolean exchange() {
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(message);
            return readEcho(socket.getInputStream(), message);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads until as many bytes as were sent have come back, and checks they are the same: the message holds
     * one marker, at its end, so this stops at the echoed marker, as the protocol asks of a client.
     */
    static boolean readEcho(InputStream in, byte[] sent) throws IOException {
        byte[] received = new byte[sent.length];
        int total = 0;
        while (total < sent.length) {
            int n = in.read(received, total, sent.length - total);
            if (n < 0) {
                return false;
            }
            total += n;
        }
        return Arrays.equals(received, sent);
    }

    /** What one counted window measured, kept whole so that windows of several rounds can be added up. */
    record Window(int clients, Latencies latencies, long errors, double seconds) {
    }
}
