package dev.socketsamples.compare.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The results as a table for the console, a CSV, an AsciiDoc partial, and the targets met or missed. */
final class Report {

    /** At 100 clients, the samples' servers should reach this share of Netty's messages per second. */
    static final double THROUGHPUT_TARGET = 0.9;
    static final int THROUGHPUT_TARGET_CLIENTS = 100;
    /** The async server should hold a connection in less heap than this. */
    static final long HEAP_TARGET_BYTES = 4096;

    /** What the thread and connection columns count. */
    static final String NOTES = "Platform threads: ThreadMXBean in the server JVM, the JVM's own threads included;"
            + " peak during the level. Open: the server's own count of open connections, halfway through the window"
            + " (on the virtual-thread server each is one virtual thread, which ThreadMXBean does not count).";

    /** The chart's file name, beside the partial. */
    static final String CHART_FILE = "benchmark.svg";

    private Report() {
    }

    /** {@code value} as a multiple of {@code reference}, e.g. {@code 0.93x}; {@code n/a} without a reference. */
    static String ratio(double value, double reference) {
        if (reference <= 0 || Double.isNaN(reference) || value < 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2fx", value / reference);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** The table for the console. */
    static String text(BenchmarkResults results) {
        StringBuilder s = new StringBuilder();
        s.append("Load benchmark, ").append(results.machine().describe()).append('\n');
        s.append(results.method()).append('\n');
        s.append("Every figure with its ratio to Netty's in the same run (x); lower latency is better.\n\n");
        s.append(String.format(Locale.ROOT, "%7s  %-26s %18s %18s %18s %7s %16s %6s%n", "clients", "server",
                "messages/s", "p50 ms", "p99 ms", "errors", "platform threads", "open"));
        for (LevelResult level : results.levels()) {
            Optional<LevelResult> ref = results.reference(level);
            LoadResult load = level.load();
            s.append(String.format(Locale.ROOT, "%7d  %-26s %18s %18s %18s %7d %16s %6d%n", load.clients(),
                    level.target().label(),
                    withRatio(String.format(Locale.ROOT, "%.0f", load.messagesPerSecond()), level, ref,
                            l -> l.load().messagesPerSecond()),
                    withRatio(millis(load.p50Nanos()), level, ref, l -> l.load().p50Nanos()),
                    withRatio(millis(load.p99Nanos()), level, ref, l -> l.load().p99Nanos()),
                    load.errors(),
                    withRatio(String.valueOf(level.platformThreads()), level, ref, LevelResult::platformThreads),
                    level.openConnections()));
        }
        if (!results.holds().isEmpty()) {
            s.append('\n').append("Held connections: half a message sent on each, all held, then all completed.\n");
            s.append(String.format(Locale.ROOT, "%-26s %9s %9s %7s %16s %12s %20s%n", "server", "requested", "held",
                    "errors", "platform threads", "server open", "heap per connection"));
            Optional<HoldResult> ref = results.hold(Target.NETTY);
            for (HoldResult hold : results.holds()) {
                s.append(String.format(Locale.ROOT, "%-26s %9d %9d %7d %16s %12d %20s%n", hold.target().label(),
                        hold.requested(), hold.held(), hold.errors(),
                        hold.platformThreads() + " (" + ratio(hold.platformThreads(),
                                ref.map(HoldResult::platformThreads).orElse(0)) + ")",
                        hold.openConnections(), heap(hold, ref)));
            }
        }
        s.append('\n').append(NOTES).append('\n');
        return s.toString();
    }

    private static String heap(HoldResult hold, Optional<HoldResult> ref) {
        if (hold.heapBytesPerConnection() == HoldResult.NOT_MEASURED) {
            return "n/a";
        }
        return hold.heapBytesPerConnection() + " B (" + ratio(hold.heapBytesPerConnection(),
                ref.map(HoldResult::heapBytesPerConnection).orElse(0L)) + ")";
    }

    private static String withRatio(String value, LevelResult level, Optional<LevelResult> ref,
                                    ToDoubleFunction<LevelResult> figure) {
        return value + " (" + ratio(figure.applyAsDouble(level), ref.map(figure::applyAsDouble).orElse(0.0)) + ")";
    }

    static final String CSV_HEADER = "kind,server,clients,messages,seconds,messages_per_second,"
            + "messages_per_second_vs_netty,p50_ms,p50_vs_netty,p99_ms,p99_vs_netty,errors,platform_threads,"
            + "platform_threads_vs_netty,open_connections,held,heap_bytes_per_connection,heap_vs_netty";

    /** One row per target and level ({@code load}), one per target's C10K run ({@code hold}). */
    static String csv(BenchmarkResults results) {
        StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
        for (LevelResult level : results.levels()) {
            Optional<LevelResult> ref = results.reference(level);
            LoadResult load = level.load();
            s.append(String.join(",", "load", level.target().key(), String.valueOf(load.clients()),
                    String.valueOf(load.messages()), String.format(Locale.ROOT, "%.3f", load.seconds()),
                    String.format(Locale.ROOT, "%.1f", load.messagesPerSecond()),
                    bare(ratio(load.messagesPerSecond(), ref.map(l -> l.load().messagesPerSecond()).orElse(0.0))),
                    millis(load.p50Nanos()), bare(ratio(load.p50Nanos(), ref.map(l -> l.load().p50Nanos()).orElse(0L))),
                    millis(load.p99Nanos()), bare(ratio(load.p99Nanos(), ref.map(l -> l.load().p99Nanos()).orElse(0L))),
                    String.valueOf(load.errors()), String.valueOf(level.platformThreads()),
                    bare(ratio(level.platformThreads(), ref.map(LevelResult::platformThreads).orElse(0))),
                    String.valueOf(level.openConnections()), "", "", "")).append('\n');
        }
        Optional<HoldResult> ref = results.hold(Target.NETTY);
        for (HoldResult hold : results.holds()) {
            boolean heap = hold.heapBytesPerConnection() != HoldResult.NOT_MEASURED;
            s.append(String.join(",", "hold", hold.target().key(), String.valueOf(hold.requested()), "", "", "", "",
                    "", "", "", "", String.valueOf(hold.errors()), String.valueOf(hold.platformThreads()),
                    bare(ratio(hold.platformThreads(), ref.map(HoldResult::platformThreads).orElse(0))),
                    String.valueOf(hold.openConnections()), String.valueOf(hold.held()),
                    heap ? String.valueOf(hold.heapBytesPerConnection()) : "",
                    heap ? bare(ratio(hold.heapBytesPerConnection(),
                            ref.map(HoldResult::heapBytesPerConnection).orElse(0L))) : "")).append('\n');
        }
        return s.toString();
    }

    /** A ratio as a CSV number: {@code 0.93}, or empty. */
    private static String bare(String ratio) {
        return ratio.endsWith("x") ? ratio.substring(0, ratio.length() - 1) : "";
    }

    /** The targets of the benchmark, each met or missed, and by how much. */
    static List<String> targetChecks(BenchmarkResults results) {
        List<String> checks = new ArrayList<>();
        for (Target target : List.of(Target.SYNC_VIRTUAL, Target.ASYNC)) {
            Optional<LevelResult> level = results.level(target, THROUGHPUT_TARGET_CLIENTS);
            Optional<LevelResult> ref = results.level(Target.NETTY, THROUGHPUT_TARGET_CLIENTS);
            if (level.isPresent() && ref.isPresent()) {
                double share = level.get().load().messagesPerSecond() / ref.get().load().messagesPerSecond();
                checks.add(String.format(Locale.ROOT, "%s at %d clients: %.2fx Netty's messages per second"
                                + " (target %.1fx): %s", target.label(), THROUGHPUT_TARGET_CLIENTS, share,
                        THROUGHPUT_TARGET, share >= THROUGHPUT_TARGET ? "met"
                                : String.format(Locale.ROOT, "MISSED by %.2fx (%.0f%% short)",
                                THROUGHPUT_TARGET - share, 100 * (1 - share / THROUGHPUT_TARGET))));
            }
        }
        for (Target target : List.of(Target.SYNC_VIRTUAL, Target.ASYNC)) {
            results.hold(target).ifPresent(hold -> {
                boolean met = hold.held() == hold.requested() && hold.errors() == 0;
                checks.add(String.format(Locale.ROOT, "%s: %d of %d connections held, %d errors (target: all, 0): %s",
                        target.label(), hold.held(), hold.requested(), hold.errors(), met ? "met"
                                : "MISSED by " + (hold.requested() - hold.held()) + " not held, " + hold.errors()
                                + " errors"));
            });
        }
        results.hold(Target.ASYNC).ifPresent(hold -> {
            long bytes = hold.heapBytesPerConnection();
            checks.add(String.format(Locale.ROOT, "%s: %d bytes of heap per held connection (target < %d): %s",
                    Target.ASYNC.label(), bytes, HEAP_TARGET_BYTES, bytes < HEAP_TARGET_BYTES ? "met"
                            : String.format(Locale.ROOT, "MISSED: %d bytes over (%.0f%%)",
                            bytes - HEAP_TARGET_BYTES, 100.0 * (bytes - HEAP_TARGET_BYTES) / HEAP_TARGET_BYTES)));
        });
        return checks;
    }

    /** The AsciiDoc partial for the docs: both tables, the machine, the command, the duration, the targets. */
    static String asciidoc(BenchmarkResults results) {
        StringBuilder s = new StringBuilder();
        s.append("// Written by the load benchmark (").append(results.command()).append(").\n\n");
        s.append(".Messages per second, latency and threads by concurrent clients; (x) is the ratio to Netty's figure"
                + " in the same run\n");
        s.append("[cols=\">1,<3,>3,>3,>3,>1,>2,>1\",options=\"header\"]\n|===\n");
        s.append("|clients |server |messages/s (x) |p50 ms (x) |p99 ms (x) |errors |platform threads (x) |open\n");
        for (LevelResult level : results.levels()) {
            Optional<LevelResult> ref = results.reference(level);
            LoadResult load = level.load();
            s.append('|').append(load.clients())
                    .append(" |").append(level.target().label())
                    .append(" |").append(withRatio(String.format(Locale.ROOT, "%.0f", load.messagesPerSecond()), level,
                            ref, l -> l.load().messagesPerSecond()))
                    .append(" |").append(withRatio(millis(load.p50Nanos()), level, ref, l -> l.load().p50Nanos()))
                    .append(" |").append(withRatio(millis(load.p99Nanos()), level, ref, l -> l.load().p99Nanos()))
                    .append(" |").append(load.errors())
                    .append(" |").append(withRatio(String.valueOf(level.platformThreads()), level, ref,
                            LevelResult::platformThreads))
                    .append(" |").append(level.openConnections()).append('\n');
        }
        s.append("|===\n\n");
        if (!results.holds().isEmpty()) {
            Optional<HoldResult> ref = results.hold(Target.NETTY);
            s.append(".Connections held at once, half a message sent on each, then all completed\n");
            s.append("[cols=\"<3,>2,>2,>1,>2,>2,>3\",options=\"header\"]\n|===\n");
            s.append("|server |requested |held |errors |platform threads (x) |server open |heap per connection (x)\n");
            for (HoldResult hold : results.holds()) {
                s.append('|').append(hold.target().label())
                        .append(" |").append(hold.requested())
                        .append(" |").append(hold.held())
                        .append(" |").append(hold.errors())
                        .append(" |").append(hold.platformThreads()).append(" (")
                        .append(ratio(hold.platformThreads(), ref.map(HoldResult::platformThreads).orElse(0)))
                        .append(')')
                        .append(" |").append(hold.openConnections())
                        .append(" |").append(heap(hold, ref)).append('\n');
            }
            s.append("|===\n\n");
        }
        s.append(NOTES).append("\n\n");
        s.append(".Messages per second by concurrent clients (").append(results.machine().describe()).append(")\n");
        s.append("image::").append(CHART_FILE)
                // Quoted: unquoted, the comma would end the alt text and make the rest a width.
                .append("[\"Messages per second by concurrent clients, one line per server\"]\n\n");
        s.append("Measured on ").append(results.machine().describe()).append(", with `")
                .append(results.command()).append("`, which took ").append(duration(results.elapsed()))
                .append(". ").append(results.method()).append("\n\n");
        List<String> checks = targetChecks(results);
        if (!checks.isEmpty()) {
            s.append("Targets:\n\n");
            for (String check : checks) {
                s.append("* ").append(check).append('\n');
            }
        }
        return s.toString();
    }

    static String duration(Duration elapsed) {
        long seconds = Math.round(elapsed.toMillis() / 1000.0);
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }
}
