package dev.socketsamples.shared;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;

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
    private volatile boolean closing;

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
            changed.signalAll();
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
        if (!closing) {
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
            case SocketTimeoutException e -> silentFor(bytes, idleTimeout);
            case InterruptedByTimeoutException e -> silentFor(bytes, idleTimeout);
            default -> "Closed the connection after " + bytes + " bytes: " + SampleFailure.reason(cause) + ".";
        };
    }
    // end::dropped[]

    private static String silentFor(int bytes, Duration idleTimeout) {
        return "Closed the connection after " + bytes + " bytes: silent for longer than "
                + Protocol.seconds(idleTimeout) + " s, the idle timeout.";
    }

    /** Marks the server as closing; returns false if it was already, so that close() runs once. */
    public boolean startClosing() {
        lock.lock();
        try {
            boolean first = !closing;
            closing = true;
            return first;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #startClosing} was called: the accept loop stops, lines about dropped clients too. */
    public boolean isClosing() {
        return closing;
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
    /**
     * How every server stops, top to bottom: stop accepting, take the clients already in the backlog (they
     * came before the signal), close the listener (later clients are refused, not reset), let the exchanges
     * in flight finish within {@code grace}, then close the rest in one line.
     *
     * @param serve counts a client taken from the backlog as open and hands it to a thread; must not block
     */
    public <S> void drain(Duration grace, AcceptNow<S> acceptNow, Consumer<S> serve, AutoCloseable listener) {
        Deadline end = Deadline.after(grace);
        closing = true; // the accept loops start no new accept
        List<S> backlog = takeBacklog(acceptNow, end);
        Quietly.close(listener);
        S last = acceptAfterClose(acceptNow); // an accept under way at the close may have won the race
        if (last != null) {
            backlog.add(last);
        }
        backlog.forEach(serve);
        awaitInFlight(end);
    }

    /**
     * Accepts until an accept finds the backlog empty: the kernel resets every client still queued when the
     * listener closes, so the listener closes right after. Bounded by {@code end}.
     */
    public <S> List<S> takeBacklog(AcceptNow<S> acceptNow, Deadline end) {
        List<S> taken = new ArrayList<>();
        try {
            for (S next; !end.hasPassed() && (next = acceptNow.acceptNow()) != null; ) {
                taken.add(next);
            }
        } catch (IOException e) {
            // the listener broke: what it took is served, the rest is lost with it
        }
        return taken;
    }

    private static <S> S acceptAfterClose(AcceptNow<S> acceptNow) {
        try {
            return acceptNow.acceptNow();
        } catch (IOException e) {
            return null; // closed, as expected
        }
    }

    /** Waits until every connection has ended or {@code end} passes, then closes the rest and says how many. */
    public void awaitInFlight(Deadline end) {
        closing = true;
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
