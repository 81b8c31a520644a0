package dev.socketsamples.shared;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The connections a server has accepted and not yet closed: counted, holding their unfinished messages within
 * one {@link MemoryBudget}, dropped in one console line each, and drained when the server closes. Every
 * connection ends in {@link #close}.
 *
 * @param <C> what the server keeps per connection: a socket, or a state object that closes its socket
 */
public final class Connections<C extends AutoCloseable> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<C> open = new HashSet<>(); // guarded by lock
    private final ServerConfig config;
    private final Consumer<String> log;
    private final MemoryBudget budget;
    private final AtomicBoolean closing = new AtomicBoolean();

    /** No connection yet, within the limits of {@code config}; lines about dropped clients go to {@code log}. */
    public Connections(ServerConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.budget = new MemoryBudget(config.memoryBudget());
    }

    /** An empty message for a new connection, within the message limit and the memory budget. */
    public MessageAccumulator newMessage() {
        return new MessageAccumulator(config.maxMessageBytes(), budget);
    }

    /** Counts {@code connection} as open until {@link #close} closes it. */
    public void add(C connection) {
        lock.lock();
        try {
            open.add(connection);
        } finally {
            lock.unlock();
        }
    }

    /** Closes {@code connection} and stops counting it. */
    public void close(C connection) {
        lock.lock();
        try {
            if (open.remove(connection)) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        Quietly.close(connection);
    }

    // tag::drop[]
    /**
     * Closes {@code connection} without echo after {@code message} was cut short by {@code cause} (null: the
     * client left), and says why in one line; silent while the server is closing.
     */
    public void drop(C connection, MessageAccumulator message, Throwable cause) {
        String line = droppedLine(message.byteCount(), cause, config.idleTimeout());
        close(connection);
        if (!closing.get()) {
            log.accept(line);
        }
    }
    // end::drop[]

    // tag::dropped[]
    /**
     * A server's one line for a connection it closes without an echo after {@code bytes} bytes: the client
     * left ({@code cause} null), the message grew too large, the client stayed silent, or anything else broke.
     */
    private static String droppedLine(int bytes, Throwable cause, Duration idleTimeout) {
        return switch (cause) {
            case null -> "Client closed the connection after " + bytes + " bytes, before " + Protocol.EOF
                    + "; closed it without echo.";
            case MessageTooLargeException e -> "Closed the connection without echo: " + e.getMessage() + ".";
            case Exception e when e instanceof SocketTimeoutException || e instanceof InterruptedByTimeoutException ->
                    "Closed the connection after " + bytes + " bytes: silent for longer than "
                    + ConsoleText.seconds(idleTimeout) + " s, the idle timeout.";
            default -> "Closed the connection after " + bytes + " bytes: " + SampleFailure.reason(cause) + ".";
        };
    }
    // end::dropped[]

    /** Marks the server as closing; returns false if it was already, so that close() runs once. */
    public boolean startClosing() {
        return closing.compareAndSet(false, true);
    }

    /** Whether {@link #startClosing} was called: the accept loop stops, lines about dropped clients too. */
    public boolean isClosing() {
        return closing.get();
    }

    /** How many connections are open. */
    public int size() {
        lock.lock();
        try {
            return open.size();
        } finally {
            lock.unlock();
        }
    }

    // tag::drain[]
    /** For the drain: takes a client already waiting in the backlog, or returns null when none is there. */
    @FunctionalInterface
    public interface AcceptNow<S> {
        S acceptNow() throws IOException;

        /** A blocking listener has no accept that returns at once: one that gives up after a millisecond. */
        static AcceptNow<Socket> of(ServerSocket listener) {
            return () -> {
                listener.setSoTimeout(1);
                try {
                    return listener.accept();
                } catch (SocketTimeoutException e) {
                    return null;
                }
            };
        }

        /**
         * An asynchronous listener's accept stays under way when nobody is there, and the next call looks at that
         * one again: once the listener closes, it failed or won the race. Only once the server's accepts stopped.
         */
        static AcceptNow<AsynchronousSocketChannel> of(AsynchronousServerSocketChannel listener) {
            AtomicReference<Future<AsynchronousSocketChannel>> underWay = new AtomicReference<>();
            return () -> {
                try {
                    if (underWay.get() == null) {
                        underWay.set(listener.accept());
                    }
                    AsynchronousSocketChannel next = underWay.get().get(0, TimeUnit.NANOSECONDS);
                    underWay.set(null);
                    return next;
                } catch (TimeoutException e) {
                    return null;
                } catch (ExecutionException | RuntimeException e) {
                    underWay.set(null);
                    throw new IOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            };
        }
    }

    /** Waits, at most {@code left}, until the server's own accepts have stopped. */
    @FunctionalInterface
    public interface Stopped {
        void await(Duration left) throws InterruptedException;
    }

    /**
     * How every server stops, top to bottom: stop accepting, take the clients already in the backlog (they
     * came before the signal), close the listener (later clients are refused, not reset), let the exchanges
     * in flight finish within the drain timeout, then close the rest in one line.
     *
     * @param address        where to connect once, so that an accept under way returns and its code sees the
     *                       server closing
     * @param acceptsStopped waits until the server's own code that accepts has stopped
     * @param acceptNow      takes one client already in the backlog, or returns null
     * @param serve          counts a client taken from the backlog as open and hands it to a thread; must not block
     * @param listener       closed once the backlog is taken
     */
    public <S> void drain(InetSocketAddress address, Stopped acceptsStopped, AcceptNow<S> acceptNow, Consumer<S> serve,
                          AutoCloseable listener) {
        Deadline end = Deadline.after(config.drainTimeout());
        connectOnce(address, end); // 1. startClosing has told the accept loops; this wakes one that waits
        try {
            acceptsStopped.await(end.remaining());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<S> backlog = new ArrayList<>(); // 2. take the backlog: the kernel resets it when the listener closes
        try {
            for (S next; !end.hasPassed() && (next = acceptNow.acceptNow()) != null; ) {
                backlog.add(next);
            }
        } catch (IOException e) {
            // the listener broke: what it took is served, the rest is lost with it
        }
        Quietly.close(listener); // 3. later clients are refused
        try {
            S last = acceptNow.acceptNow(); // an accept under way at the close may have won the race
            if (last != null) {
                backlog.add(last);
            }
        } catch (IOException e) {
            // closed, as expected
        }
        backlog.forEach(serve);
        awaitInFlight(end); // 4. the exchanges in flight finish, or are closed
    }

    /** Wakes an accept under way, so that the code that accepts sees the server closing and stops. */
    private static void connectOnce(InetSocketAddress address, Deadline end) {
        try (Socket self = new Socket()) {
            self.connect(address, end.remainingMillis()); // closed at once: accepted, it reads as a client gone
        } catch (IOException e) {
            // nothing listens there any more: no accept is under way
        }
    }

    /** Waits until every connection has ended or {@code end} passes, then closes the rest and says how many. */
    private void awaitInFlight(Deadline end) {
        List<C> rest;
        lock.lock();
        try {
            while (!open.isEmpty() && !end.hasPassed()) {
                changed.awaitNanos(end.remaining().toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop waiting, close them now
        } finally {
            rest = new ArrayList<>(open);
            open.clear();
            lock.unlock();
        }
        if (!rest.isEmpty()) {
            log.accept("Grace period over: closed " + rest.size() + " connection(s) still in flight, without echo.");
        }
        rest.forEach(Quietly::close);
    }
    // end::drain[]
}
