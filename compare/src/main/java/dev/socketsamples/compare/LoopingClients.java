package dev.socketsamples.compare;

import dev.socketsamples.shared.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Clients that connect, send one message, read the echo to its end and close, again and again, until the
 * server refuses them or they are closed: every exchange started is counted once, with how it ended.
 */
public final class LoopingClients implements AutoCloseable {

    /** How one exchange ended. */
    public enum Outcome {
        ECHOED("echoed"), REFUSED("refused"), RESET("reset"), CLOSED_WITHOUT_ECHO("closed without echo"),
        TIMED_OUT("timed out");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /** One exchange: when its connect returned (or was refused), and how it ended. */
    public record Exchange(long connectedNanos, Outcome outcome) {
    }

    private static final int TIMEOUT_MILLIS = (int) Duration.ofSeconds(10).toMillis(); // past any drain

    private final InetSocketAddress server;
    private final byte[] message = Protocol.withMarker("looping client").getBytes(StandardCharsets.UTF_8);
    private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private long echoed; // guarded by this

    private LoopingClients(InetSocketAddress server) {
        this.server = server;
    }

    /** Starts {@code count} clients looping against {@code server}. */
    public static LoopingClients start(InetSocketAddress server, int count) {
        LoopingClients clients = new LoopingClients(server);
        for (int i = 0; i < count; i++) {
            clients.threads.add(Thread.ofPlatform().name("looping-client-" + i).start(clients::loop));
        }
        return clients;
    }

    private void loop() {
        while (!stopping) {
            Exchange exchange = exchange();
            exchanges.add(exchange);
            if (exchange.outcome() == Outcome.ECHOED) {
                synchronized (this) {
                    echoed++;
                    notifyAll();
                }
            }
            if (exchange.outcome() == Outcome.REFUSED) {
                return; // the listener is closed: nothing more to count
            }
        }
    }

    private Exchange exchange() {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(server, TIMEOUT_MILLIS);
            } catch (ConnectException e) {
                return new Exchange(System.nanoTime(), Outcome.REFUSED);
            }
            long connected = System.nanoTime();
            try {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.getOutputStream().write(message);
                InputStream in = socket.getInputStream();
                byte[] echo = in.readNBytes(message.length);
                boolean echoed = Arrays.equals(echo, message) && in.read() == -1;
                return new Exchange(connected, echoed ? Outcome.ECHOED : Outcome.CLOSED_WITHOUT_ECHO);
            } catch (SocketTimeoutException e) {
                return new Exchange(connected, Outcome.TIMED_OUT);
            } catch (SocketException e) { // "Connection reset", or a broken pipe after one
                return new Exchange(connected, Outcome.RESET);
            }
        } catch (IOException e) {
            return new Exchange(System.nanoTime(), Outcome.RESET);
        }
    }

    /** Waits until {@code count} exchanges have been echoed, at most {@code timeout}; whether they were. */
    public synchronized boolean awaitEchoed(long count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (long left; echoed < count && (left = end - System.nanoTime()) > 0; ) {
            wait(Math.max(1, left / 1_000_000));
        }
        return echoed >= count;
    }

    /** Every exchange counted so far, in no particular order. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** How many exchanges ended each way, among those that connected at or after {@code sinceNanos}. */
    public Map<Outcome, Integer> countSince(long sinceNanos, boolean since) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        for (Exchange exchange : exchanges) {
            if (exchange.connectedNanos() - sinceNanos >= 0 == since) {
                counts.merge(exchange.outcome(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Stops the loops after the exchange each is in, and waits for them (each exchange is bounded). */
    @Override
    public void close() {
        stopping = true;
        try {
            for (Thread thread : threads) {
                thread.join(Duration.ofMillis(2L * TIMEOUT_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
