package dev.socketsamples.shared;

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

    private static final long BACKLOG_QUIET_NANOS = Duration.ofMillis(250).toNanos();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<C> open = new HashSet<>(); // guarded by lock
    private long lastAddedNanos = System.nanoTime(); // guarded by lock
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
            lastAddedNanos = System.nanoTime();
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
        String line = SampleFailure.dropped(message.byteCount(), cause, config.idleTimeout());
        close(connection);
        if (!closing) {
            log.accept(line);
        }
    }
    // end::drop[]

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

    // tag::backlog-taken[]
    /**
     * Waits until no connection has been added for a quarter of a second, or until {@code deadline}: while a
     * closing server still accepts, that is how it knows that it has taken every client queued in its backlog.
     */
    public void awaitBacklogTaken(Deadline deadline) {
        lock.lock();
        try {
            long left;
            while ((left = BACKLOG_QUIET_NANOS - (System.nanoTime() - lastAddedNanos)) > 0 && !deadline.hasPassed()) {
                changed.awaitNanos(Math.min(left, deadline.remaining().toNanos()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop waiting: the server closes now
        } finally {
            lock.unlock();
        }
    }
    // end::backlog-taken[]

    // tag::drain[]
    /** Lets the open connections finish for at most {@code timeout}, then closes the rest. */
    public void drain(Duration timeout) {
        closing = true;
        List<C> rest;
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!open.isEmpty() && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop waiting, close them now
        } finally {
            rest = new ArrayList<>(open);
            open.clear();
            lock.unlock();
        }
        rest.forEach(Quietly::close);
    }
    // end::drain[]
}
