package dev.socketsamples.shared;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a server does when accepting fails, typically for want of file descriptors or memory: it pauses
 * briefly, says so at most once a second with a count, keeps serving the connections it has, and tries again.
 * Retrying at once would spin on the same error; exiting would drop every client for a passing shortage.
 * Each server writes its own retry around {@link #failed}, or {@link #pauseAfter} where a blocking loop waits.
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

    // tag::failed[]
    /** Counts a failed accept, reports it if a second has passed since the last report, and returns the pause. */
    public synchronized Duration failed(Throwable cause) {
        failures++;
        long now = System.nanoTime();
        if (now - lastReportNanos >= REPORT_EVERY_NANOS) {
            console.accept("Accept failed: " + SampleFailure.reason(cause) + " (" + failures
                    + (failures == 1 ? " time" : " times") + " since the last such line); pausing "
                    + ConsoleText.seconds(PAUSE) + " s, still serving the open connections.");
            failures = 0;
            lastReportNanos = now;
        }
        return PAUSE;
    }

    /** For a blocking accept loop: counts the failure, as {@link #failed} does, and sleeps for the pause. */
    public void pauseAfter(Throwable cause) {
        try {
            Thread.sleep(failed(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the pause ends early; the caller's loop decides what next
        }
    }
    // end::failed[]
}
