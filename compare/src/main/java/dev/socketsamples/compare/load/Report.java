package dev.socketsamples.compare.load;

import dev.socketsamples.compare.load.Tally.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The results as one CSV, the one source of every table, and the run's facts as AsciiDoc attributes: the site's
 * pages, in each of their languages, write their own words around them.
 */
final class Report {

    static final String CSV_FILE = "benchmark-results.csv";
    static final String RUN_FILE = "_benchmark-run.adoc";
    static final String CHART_FILE = "benchmark.svg";

    static final String CSV_HEADER = "test,server,backlog,load,started,echoed,refused,reset,timed out,other,echoed/s,"
            + "p50 ms,p99 ms,p99.9 ms,max ms,threads,heap B/conn";

    /** The tests, in the CSV's order: a table each, but the backlog lesson's two share one. */
    static final String CLOSED = "closed-loop";
    static final String OPEN = "open-loop";
    static final String BURST = "backlog-burst";
    static final String LOOP = "backlog-loop";
    static final String HELD = "held";
    static final List<String> TESTS = List.of(CLOSED, OPEN, BURST, LOOP, HELD);

    /**
     * One line of the CSV: one server under one load.
     *
     * @param load             clients (closed loop), exchanges per second (open loop), connects at once (burst),
     *                         connections asked for (held)
     * @param platformThreads  the server JVM's peak live platform threads (held: while held)
     * @param heapPerConnection used heap after GC while held, less before, per connection held; -1 none
     */
    record Row(String test, String server, int backlog, int load, Tally tally, int platformThreads,
               long heapPerConnection) {

        /** This row with another round of the same test added: its tally, and the most threads of either. */
        Row add(Row round) {
            tally.add(round.tally);
            return new Row(test, server, backlog, load, tally, Math.max(platformThreads, round.platformThreads),
                    heapPerConnection);
        }
    }

    /**
     * What a run measured, and what is needed to read it again.
     *
     * @param facts the machine and the method, by name ({@code cores}, {@code java}, {@code timeout}...), in words
     *              that read the same in any language
     */
    record Run(Map<String, String> facts, Duration elapsed, List<Row> rows) {
    }

    private Report() {
    }

    static String csv(List<Row> rows) {
        StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
        for (Row row : sorted(rows)) {
            Tally t = row.tally();
            boolean held = row.test().equals(HELD);
            boolean timed = t.timed();
            s.append(String.join(",", row.test(), row.server(), String.valueOf(row.backlog()),
                    String.valueOf(row.load()), String.valueOf(t.started()), count(t, Outcome.ECHOED),
                    count(t, Outcome.REFUSED), count(t, Outcome.RESET), count(t, Outcome.TIMED_OUT),
                    count(t, Outcome.OTHER), held ? "" : format("%.0f", t.echoedPerSecond()),
                    timed ? millis(t.millisAt(50)) : "", timed ? millis(t.millisAt(99)) : "",
                    timed ? millis(t.millisAt(99.9)) : "", timed ? millis(t.maxMillis()) : "",
                    String.valueOf(row.platformThreads()),
                    row.heapPerConnection() < 0 ? "" : String.valueOf(row.heapPerConnection()))).append('\n');
        }
        return s.toString();
    }

    /** Milliseconds to three significant digits, as HdrHistogram keeps them: 0.812, 16.8, 105, 10000. */
    static String millis(double ms) {
        return ms < 1 ? format("%.3f", ms) : ms < 10 ? format("%.2f", ms) : ms < 100 ? format("%.1f", ms)
                : format("%.0f", ms);
    }

    /**
     * Each server against Netty in the same run, in words; the targets are stated, never enforced: they are the
     * reader's to weigh.
     */
    static List<String> versusNetty(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        for (String server : rows.stream().filter(r -> r.test().equals(CLOSED)).map(Row::server).distinct().toList()) {
            if (server.equals(ServerProcess.NETTY)) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (int clients : List.of(100, 1000)) {
                Optional<Row> row = find(rows, server, clients);
                Optional<Row> netty = find(rows, ServerProcess.NETTY, clients);
                if (row.isPresent() && netty.isPresent()) {
                    Tally t = row.get().tally();
                    Tally n = netty.get().tally();
                    String errors = t.errors() == 0 ? "0 errors" : format("%d errors (%d refused, %d reset,"
                                    + " %d timed out, %d other)", t.errors(), t.count(Outcome.REFUSED),
                            t.count(Outcome.RESET), t.count(Outcome.TIMED_OUT), t.count(Outcome.OTHER));
                    parts.add(format("at %d clients %.2fx Netty's echoed/s, p99 %.2fx Netty's, %s", clients,
                            t.echoedPerSecond() / n.echoedPerSecond(), t.millisAt(99) / n.millisAt(99), errors));
                }
            }
            if (!parts.isEmpty()) {
                lines.add(server + ": " + String.join("; ", parts));
            }
        }
        return lines;
    }

    /**
     * The partial the pages include: the run's facts, then where each test's rows are in the CSV, as attributes
     * ({@code :benchmark-java: ...}, {@code :benchmark-closed-loop-rows: 2..25}).
     */
    static String attributes(Run run) {
        List<Row> rows = sorted(run.rows());
        StringBuilder s = new StringBuilder("// Written by the load benchmark: the run's facts and where each test's rows"
                + " are in " + CSV_FILE + ".\n// The pages include it and say in their own words what the figures mean.\n");
        run.facts().forEach((name, value) -> s.append(":benchmark-").append(name).append(": ").append(value).append('\n'));
        s.append(":benchmark-took: ").append(duration(run.elapsed())).append('\n');
        for (String test : TESTS) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).test().equals(test)) {
                    first = first < 0 ? i + 2 : first;
                    last = i + 2;
                }
            }
            if (first > 0) {
                s.append(":benchmark-").append(test).append("-rows: ").append(first).append("..").append(last).append('\n');
            }
        }
        return s.toString();
    }

    private static List<Row> sorted(List<Row> rows) {
        return rows.stream().sorted((a, b) -> TESTS.indexOf(a.test()) - TESTS.indexOf(b.test())).toList();
    }

    private static Optional<Row> find(List<Row> rows, String server, int clients) {
        return rows.stream().filter(r -> r.test().equals(CLOSED) && r.server().equals(server) && r.load() == clients)
                .findFirst();
    }

    private static String count(Tally tally, Outcome outcome) {
        return String.valueOf(tally.count(outcome));
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String duration(Duration elapsed) {
        long seconds = Math.round(elapsed.toMillis() / 1000.0);
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }
}
