package dev.socketsamples.compare.load;

/**
 * What the load generator measured in one window.
 *
 * @param clients  concurrent clients, each one connect-send-echo-close exchange after another
 * @param messages exchanges completed, echo checked, inside the window
 * @param errors   exchanges that failed inside the window: refused, reset, timed out, or a wrong echo
 * @param seconds  length of the window
 * @param p50Nanos median latency of one exchange, connect to echoed marker
 * @param p99Nanos 99th percentile of the same
 */
record LoadResult(int clients, long messages, long errors, double seconds, long p50Nanos, long p99Nanos) {

    double messagesPerSecond() {
        return seconds > 0 ? messages / seconds : 0;
    }
}
