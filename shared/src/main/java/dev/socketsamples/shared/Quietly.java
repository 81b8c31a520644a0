package dev.socketsamples.shared;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Closing what may already be closed, where a failure to close changes nothing. */
public final class Quietly {

    private Quietly() {
    }

    /** Closes {@code closeable}, if any; the resource is unusable either way. */
    public static void close(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // best effort: nothing is left to do with it
        }
    }

    /** Waits up to {@code timeout} for {@code thread} to end, if it started; an interrupt stops the wait. */
    public static void join(Thread thread, Duration timeout) {
        if (thread.getState() == Thread.State.NEW) {
            return;
        }
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops {@code executor} and waits up to {@code timeout} for its threads to end. */
    public static void shutDown(ExecutorService executor, Duration timeout) {
        executor.shutdown();
        try {
            executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
