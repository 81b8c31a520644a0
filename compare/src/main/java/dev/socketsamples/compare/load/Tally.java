package dev.socketsamples.compare.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How every exchange of a run ended. Each exchange the run started is counted exactly once: by how it ended,
 * or, if it is still running when the run is closed, as timed out. Latencies go into an HdrHistogram.
 */
final class Tally {

    /** How an exchange ended. */
    enum Outcome {
        ECHOED, REFUSED, RESET, TIMED_OUT, OTHER;

        static Outcome of(IOException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (e instanceof SocketTimeoutException) {
                return TIMED_OUT;
            }
            if (e instanceof ConnectException && message.contains("refused")) {
                return REFUSED;
            }
            if (e instanceof SocketException && (message.contains("reset") || message.contains("broken pipe"))) {
                return RESET;
            }
            return OTHER;
        }
    }

    private final long[] counts = new long[Outcome.values().length];
    /** Microseconds, three significant digits, resized as needed. */
    private final Histogram latency = new Histogram(3);
    private long started;
    private long ended;
    private double seconds;
    private boolean closed;

    /** An exchange is starting and will be counted. */
    synchronized void start() {
        if (!closed) {
            started++;
        }
    }

    /** A started exchange ended; an echoed or timed-out one took {@code nanos} (a negative value: not timed). */
    synchronized void end(Outcome outcome, long nanos) {
        if (closed) {
            return; // already counted as timed out
        }
        ended++;
        counts[outcome.ordinal()]++;
        if (nanos >= 0 && (outcome == Outcome.ECHOED || outcome == Outcome.TIMED_OUT)) {
            latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
        }
    }

    /** The run is over after {@code runSeconds}: an exchange still running counts as timed out. */
    synchronized Tally close(double runSeconds) {
        closed = true;
        counts[Outcome.TIMED_OUT.ordinal()] += started - ended;
        ended = started;
        seconds = runSeconds;
        return this;
    }

    /** Adds another round's closed tally to this one. */
    synchronized void add(Tally other) {
        synchronized (other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            latency.add(other.latency);
            started += other.started;
            ended += other.ended;
            seconds += other.seconds;
        }
    }

    synchronized long started() {
        return started;
    }

    synchronized long count(Outcome outcome) {
        return counts[outcome.ordinal()];
    }

    synchronized double seconds() {
        return seconds;
    }

    synchronized double echoedPerSecond() {
        return seconds > 0 ? count(Outcome.ECHOED) / seconds : 0;
    }

    /** Refused, reset, timed out and other together. */
    synchronized long errors() {
        return started - count(Outcome.ECHOED);
    }

    /** Whether any latency was recorded: held connections are not timed. */
    synchronized boolean timed() {
        return latency.getTotalCount() > 0;
    }

    /** The latency below which {@code percentile} per cent of the timed exchanges fall, in ms; 0 if none. */
    synchronized double millisAt(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    synchronized double maxMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }
}
