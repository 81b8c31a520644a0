package dev.socketsamples.labs.grading;

import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.testing.RawClient;
import java.time.Duration;

/** How long the checks wait: a student's code may hang, and a check must say so instead of hanging too. */
public final class Wait {

    /** What should happen at once is given this long, so that a loaded machine does not fail a right answer. */
    public static final Duration PATIENCE = RawClient.PATIENCE; // how long the client's answer() listens

    /** A server that has not answered in this long is waiting for more: the time a check listens for silence. */
    public static final Duration QUIET = Duration.ofMillis(500);

    private Wait() {
    }

    /** {@code 5 s}, {@code 0.5 s}: a duration as the failure messages print it. */
    public static String seconds(Duration duration) {
        return dev.socketsamples.shared.ConsoleText.seconds(duration) + " s";
    }
}
