package dev.socketsamples.compare.load;

import dev.socketsamples.compare.load.Report.Row;
import dev.socketsamples.compare.load.Tally.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    /** {@code echoed} exchanges of {@code millis} each and {@code timedOut} of 10 s, over {@code seconds}. */
    private static Tally tally(int echoed, int timedOut, double seconds, long millis) {
        Tally tally = new Tally();
        for (int i = 0; i < echoed + timedOut; i++) {
            tally.start();
            tally.end(i < echoed ? Outcome.ECHOED : Outcome.TIMED_OUT,
                    TimeUnit.MILLISECONDS.toNanos(i < echoed ? millis : 10_000));
        }
        return tally.close(seconds);
    }

    private static final List<Row> ROWS = List.of(
            new Row(Report.HELD, "async-callbacks", 4096, 19000, heldTally(), 10, 2145),
            new Row(Report.CLOSED, "sync-virtual-threads", 4096, 100, tally(2000, 0, 2.0, 5), 12, -1),
            new Row(Report.CLOSED, "netty", 4096, 100, tally(1000, 0, 2.0, 10), 10, -1),
            new Row(Report.CLOSED, "sync-virtual-threads", 4096, 1000, tally(900, 100, 2.0, 50), 12, -1),
            new Row(Report.CLOSED, "netty", 4096, 1000, tally(1000, 0, 2.0, 100), 10, -1),
            new Row(Report.BURST, "sync-virtual-threads", 10, 1000, tally(1000, 0, 3.5, 1000), 12, -1));

    private static Tally heldTally() {
        Tally tally = new Tally();
        for (int i = 0; i < 19000; i++) {
            tally.start();
            tally.end(Outcome.ECHOED, -1);
        }
        return tally.close(12.0);
    }

    @Test
    void theCsvHasARowPerServerAndLoadInTheOrderOfTheTestsWithBlanksForWhatWasNotMeasured() {
        List<String> lines = Report.csv(ROWS).lines().toList();

        assertThat(lines).hasSize(1 + ROWS.size());
        assertThat(lines.getFirst()).isEqualTo(Report.CSV_HEADER);
        int columns = Report.CSV_HEADER.split(",").length;
        assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(columns));
        assertThat(lines.get(1)).startsWith("closed-loop,sync-virtual-threads,4096,100,");
        assertThat(lines.get(3)).isEqualTo(
                "closed-loop,sync-virtual-threads,4096,1000,1000,900,0,0,100,0,450,50.0,10002,10002,10002,12,");
        assertThat(lines.get(5)).startsWith("backlog-burst,sync-virtual-threads,10,1000,1000,1000,0,0,0,0,286,");
        assertThat(lines.getLast()).isEqualTo("held,async-callbacks,4096,19000,19000,19000,0,0,0,0,,,,,,10,2145");
    }

    @Test
    void thePartialGivesTheRunsFactsAndWhereEachTestsRowsAreInTheCsv() {
        String adoc = Report.attributes(new Report.Run(Map.of("cores", "2"), Duration.ofSeconds(301), ROWS));

        assertThat(adoc.lines().filter(line -> line.startsWith(":"))).containsExactly(":benchmark-cores: 2",
                ":benchmark-took: 5 min 1 s",
                ":benchmark-closed-loop-rows: 2..5",
                ":benchmark-backlog-burst-rows: 6..6",
                ":benchmark-held-rows: 7..7");
    }

    @Test
    void eachServerIsWeighedAgainstNettyAtAHundredAndAThousandClients() {
        assertThat(Report.versusNetty(ROWS)).contains("sync-virtual-threads: at 100 clients 2.00x Netty's echoed/s,"
                + " p99 0.50x Netty's, 0 errors; at 1000 clients 0.90x Netty's echoed/s,"
                + " p99 99.99x Netty's, 100 errors (0 refused, 0 reset, 100 timed out, 0 other)");
    }

    @Test
    void millisecondsKeepTheHistogramsThreeSignificantDigits() {
        assertThat(Report.millis(0.81234)).isEqualTo("0.812");
        assertThat(Report.millis(2.4849)).isEqualTo("2.48");
        assertThat(Report.millis(16.751)).isEqualTo("16.8");
        assertThat(Report.millis(10035.199)).isEqualTo("10035");
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(Report.duration(Duration.ofMillis(45_400))).isEqualTo("45 s");
        assertThat(Report.duration(Duration.ofMillis(59_600))).isEqualTo("1 min 0 s");
        assertThat(Report.duration(Duration.ofSeconds(421))).isEqualTo("7 min 1 s");
    }
}
