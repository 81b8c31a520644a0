package dev.socketsamples.labs.grading;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call into the student's code on a thread of its own, waited for at most a given time: code that hangs
 * becomes a check that fails with a message, and its thread is interrupted so that it can end.
 *
 * @param <T> what the call returns
 */
public final class Bounded<T> {

    private final T value;
    private final Throwable thrown;
    private final boolean finished;

    private Bounded(T value, Throwable thrown, boolean finished) {
        this.value = value;
        this.thrown = thrown;
        this.finished = finished;
    }

    /** Runs {@code call} and waits for it at most {@code limit}. */
    public static <T> Bounded<T> call(Duration limit, Callable<T> call) throws InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("lab-call").start(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return new Bounded<>(result.get(limit.toNanos(), TimeUnit.NANOSECONDS), null, true);
        } catch (ExecutionException e) {
            return new Bounded<>(null, e.getCause(), true);
        } catch (TimeoutException e) {
            thread.interrupt(); // a wait on a lock or an event ends; the rest of the check closes the sockets
            return new Bounded<>(null, null, false);
        }
    }

    /** Whether the call returned or threw within the limit. */
    public boolean finished() {
        return finished;
    }

    /** What the call returned; null if it threw or is still running. */
    public T value() {
        return value;
    }

    /** What the call threw; null if it returned or is still running. */
    public Throwable thrown() {
        return thrown;
    }
}
