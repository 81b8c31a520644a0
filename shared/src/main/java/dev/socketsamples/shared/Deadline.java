package dev.socketsamples.shared;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A time by which something must be done, which can close a socket when it passes: a blocking write or connect
 * has no timeout of its own. One timer thread serves every deadline, and ends after a second without any.
 */
public final class Deadline implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final long endNanos;
    private final ScheduledFuture<?> closer;

    private Deadline(Duration timeout, AutoCloseable toClose) {
        this.endNanos = System.nanoTime() + timeout.toNanos();
        this.closer = toClose == null ? null
                : TIMER.schedule(() -> Quietly.close(toClose), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        return new Deadline(timeout, null);
    }

    // tag::closing[]
    /** A deadline {@code timeout} from now that closes {@code toClose} when it passes, unless closed first. */
    public static Deadline closing(AutoCloseable toClose, Duration timeout) {
        return new Deadline(timeout, toClose);
    }
    // end::closing[]

    /** Writes {@code bytes}, or closes the socket if the peer has not taken them in time: a client that never reads. */
    // tag::write[]
    public static void write(Socket socket, byte[] bytes, Duration timeout) throws IOException {
        Deadline deadline = closing(socket, timeout);
        try (deadline) {
            socket.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw deadline.hasPassed() ? new SocketTimeoutException("the peer did not read in time") : e;
        }
    }
    // end::write[]

    /** The time left, zero once passed. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** The time left in whole milliseconds, at least 1: to a socket, 0 would mean "wait forever". */
    public int remainingMillis() {
        return Math.clamp(remaining().toMillis(), 1, Integer.MAX_VALUE);
    }

    /** Whether the deadline has passed. */
    public boolean hasPassed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** Done in time: the socket is not closed by this deadline. */
    @Override
    public void close() {
        if (closer != null) {
            closer.cancel(false);
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("deadline-timer").daemon().factory());
        timer.setRemoveOnCancelPolicy(true); // a deadline met leaves nothing behind
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
