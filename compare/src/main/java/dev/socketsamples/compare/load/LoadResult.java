package dev.socketsamples.compare.load;

import java.util.List;

/**
 * What the load generator measured in one window.
 *
 * @param clients  concurrent clients, each one connect-send-echo-close exchange after another
 * @param messages exchanges completed, echo checked, inside the window
 * @param errors   exchanges that failed inside the window: refused, reset, timed out, or a wrong echo
 * @param seconds  length of the window (of all windows, over several rounds)
 * @param p50Nanos median latency of one exchange, connect to echoed marker
 * @param p99Nanos 99th percentile of the same
 */
record LoadResult(int clients, long messages, long errors, double seconds, long p50Nanos, long p99Nanos) {

    /** The windows of one level added up: counts and seconds summed, percentiles over every latency. */
    static LoadResult of(List<LoadGenerator.Window> windows) {
        Latencies all = new Latencies();
        long errors = 0;
        double seconds = 0;
        for (LoadGenerator.Window window : windows) {
            all.addAll(window.latencies());
            errors += window.errors();
            seconds += window.seconds();
        }
        return new LoadResult(windows.getFirst().clients(), all.count(), errors, seconds, all.percentile(50),
                all.percentile(99));
    }

    double messagesPerSecond() {
        return seconds > 0 ? messages / seconds : 0;
    }
}
