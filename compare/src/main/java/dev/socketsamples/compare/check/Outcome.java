package dev.socketsamples.compare.check;

import java.time.Duration;

/**
 * How one check went: its name and hint, the verdict, what it sent (or what the server under a client did), what
 * came back, and how long it took.
 */
public record Outcome(String label, String hint, Verdict verdict, String sent, String got, Duration took) {

    public enum Verdict {
        PASS,
        FAIL,
        /** The check cannot be judged against this target (stopping a server the check did not start). */
        SKIP
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    public boolean failed() {
        return verdict == Verdict.FAIL;
    }

    /** One line for the learner; a failure says what to fix. */
    public String line() {
        String line = String.format("%-4s %-18s sent %s; got %s", verdict, label, sent, got);
        return failed() ? line + "; hint: " + hint : line;
    }
}
