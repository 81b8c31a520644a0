package dev.socketsamples.compare.load;

import java.util.Arrays;

/** Every latency one client measured, kept whole so that percentiles are exact rather than estimated. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;
    private boolean sorted = true;

    void record(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
        sorted = false;
    }

    void addAll(Latencies other) {
        if (size + other.size > nanos.length) {
            nanos = Arrays.copyOf(nanos, Math.max(size + other.size, nanos.length * 2));
        }
        System.arraycopy(other.nanos, 0, nanos, size, other.size);
        size += other.size;
        sorted = false;
    }

    int count() {
        return size;
    }

    /**
     * The nearest-rank percentile: the smallest latency that at least {@code percentile} per cent of the
     * exchanges did not exceed; 0 when nothing was recorded.
     */
    long percentile(double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
        }
        if (size == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(nanos, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return nanos[Math.max(rank, 1) - 1];
    }
}
