package dev.socketsamples.labs.grading;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call into the student's code on a thread of its own, or a future it returned, waited for at most a given
 * time: code that hangs becomes a check that fails with a message, and its thread is interrupted so that it can end.
 *
 * @param <T>      what the call returns, or the future completes with
 * @param value    what the call returned; null if it threw or is still running
 * @param thrown   what the call threw; null if it returned or is still running
 * @param finished whether the call returned or threw within the limit
 */
public record Bounded<T>(T value, Throwable thrown, boolean finished) {

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
        Bounded<T> bounded = await(result, limit);
        if (!bounded.finished()) {
            thread.interrupt(); // a wait on a lock or an event ends; the rest of the check closes the sockets
        }
        return bounded;
    }

    /** Waits at most {@code limit} for {@code future}: what it completed with, or what it failed with. */
    public static <T> Bounded<T> await(CompletableFuture<T> future, Duration limit) throws InterruptedException {
        try {
            return new Bounded<>(future.get(limit.toNanos(), TimeUnit.NANOSECONDS), null, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Bounded<>(null, cause instanceof CompletionException && cause.getCause() != null
                    ? cause.getCause() : cause, true);
        } catch (TimeoutException e) {
            return new Bounded<>(null, null, false);
        }
    }
}
