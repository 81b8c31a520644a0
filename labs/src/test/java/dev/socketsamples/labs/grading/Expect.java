package dev.socketsamples.labs.grading;

/** A check's verdict in the student's words: the message says what happened and where to look. */
public final class Expect {

    private Expect() {
    }

    /** Fails the check with {@code String.format(message, args)} unless {@code condition} holds. */
    public static void that(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new AssertionError(String.format(message, args));
        }
    }
}
