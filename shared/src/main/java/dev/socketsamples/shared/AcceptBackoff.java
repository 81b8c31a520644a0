package dev.socketsamples.shared;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What a server does when accepting fails, typically for want of file descriptors or memory: it pauses
 * briefly, says so at most once a second with a count, keeps serving the connections it has, and tries again.
 * Retrying at once would spin on the same error; exiting would drop every client for a passing shortage.
 */
public final class AcceptBackoff {

    /** How long accepting pauses after a failure. */
    public static final Duration PAUSE = Duration.ofMillis(100);

    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final Consumer<String> console;
    private long failures;
    private long lastReportNanos = System.nanoTime() - REPORT_EVERY_NANOS;

    /** Reports to {@code console}. */
    public AcceptBackoff(Consumer<String> console) {
        this.console = console;
    }

    /** One blocking accept. */
    @FunctionalInterface
    public interface Acceptor<T> {
        T accept() throws Exception;
    }

    /**
     * Accepts on this thread until a connection comes, pausing after each failure; returns null once
     * {@code closing} says so and no connection is waiting. A {@link SocketTimeoutException} is how a listener
     * with a timeout looks up to check {@code closing}, not a failure.
     */
    public <T> T accept(Acceptor<T> acceptor, BooleanSupplier closing) {
        while (true) {
            try {
                return acceptor.accept();
            } catch (SocketTimeoutException e) {
                if (closing.getAsBoolean()) {
                    return null;
                }
            } catch (Exception | Error e) {
                if (closing.getAsBoolean()) {
                    return null;
                }
                try {
                    Thread.sleep(failed(e));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    // tag::failed[]
    /**
     * For a server whose accepts complete on callbacks: starts one with {@code accept}, unless {@code closed} says
     * the listener is closed. An accept that cannot even start is a failed accept: reported, and started again
     * after the pause.
     */
    public void start(Runnable accept, BooleanSupplier closed) {
        if (!closed.getAsBoolean()) {
            try {
                accept.run();
            } catch (RuntimeException e) {
                retryAfterPause(e, accept, closed);
            }
        }
    }

    /** After an accept failed on its callback: reports it, and {@link #start starts} the next after the pause. */
    public void retryAfterPause(Throwable cause, Runnable accept, BooleanSupplier closed) {
        CompletableFuture.delayedExecutor(failed(cause).toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> start(accept, closed));
    }

    /** Counts a failed accept, reports it if a second has passed since the last report, and returns the pause. */
    public synchronized Duration failed(Throwable cause) {
        failures++;
        long now = System.nanoTime();
        if (now - lastReportNanos >= REPORT_EVERY_NANOS) {
            console.accept("Accept failed: " + SampleFailure.reason(cause) + " (" + failures
                    + (failures == 1 ? " time" : " times") + " since the last such line); pausing "
                    + Protocol.seconds(PAUSE) + " s, still serving the open connections.");
            failures = 0;
            lastReportNanos = now;
        }
        return PAUSE;
    }
    // end::failed[]
}
