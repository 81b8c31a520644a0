package dev.socketsamples.compare.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static final MachineInfo MACHINE = new MachineInfo(2, 24L * 1024 * 1024 * 1024, "Linux 6.1 amd64",
            "Temurin 25", LocalDate.of(2026, 11, 21));

    private static LevelResult level(Target target, int clients, double perSecond, long p50Micros, long p99Micros,
                                     int threads) {
        long messages = Math.round(perSecond * 10);
        return new LevelResult(target, new LoadResult(clients, messages, 0, 10, p50Micros * 1000, p99Micros * 1000),
                threads, clients);
    }

    private static BenchmarkResults results(double asyncPerSecond, double virtualPerSecond, long asyncHeap,
                                            int asyncHeld) {
        return new BenchmarkResults(MACHINE, "java -jar compare/target/compare.jar load", "Three rounds.",
                Duration.ofSeconds(125),
                List.of(level(Target.SYNC_VIRTUAL, 100, virtualPerSecond, 400, 2000, 12),
                        level(Target.ASYNC, 100, asyncPerSecond, 500, 3000, 20),
                        level(Target.NETTY, 100, 10_000, 250, 1000, 10)),
                List.of(new HoldResult(Target.SYNC_ONE_AT_A_TIME, 10, 10, 0, 11, 1, HoldResult.NOT_MEASURED),
                        new HoldResult(Target.ASYNC, 10_000, asyncHeld, 0, 20, asyncHeld, asyncHeap),
                        new HoldResult(Target.NETTY, 10_000, 10_000, 0, 10, 10_000, 2000)));
    }

    @Test
    void aRatioIsAMultipleOfTheReference() {
        assertThat(Report.ratio(9_300, 10_000)).isEqualTo("0.93x");
        assertThat(Report.ratio(25, 10)).isEqualTo("2.50x");
        assertThat(Report.ratio(5, 0)).isEqualTo("n/a");
        assertThat(Report.ratio(HoldResult.NOT_MEASURED, 2000)).isEqualTo("n/a");
    }

    @Test
    void theTableShowsEveryFigureWithItsRatioToNetty() {
        String text = Report.text(results(9_500, 7_200, 3_000, 10_000));
        assertThat(text).contains("2 cores, 24.0 GiB, Linux 6.1 amd64, Temurin 25, 2026-11-21");
        assertThat(text).containsPattern("100  async, CompletionHandler +9500 \\(0\\.95x\\) +0\\.500 \\(2\\.00x\\)"
                + " +3\\.000 \\(3\\.00x\\) +0 +20 \\(2\\.00x\\) +100");
        assertThat(text).containsPattern("async, CompletionHandler +10000 +10000 +0 +20 \\(2\\.00x\\) +10000"
                + " +3000 B \\(1\\.50x\\)");
        assertThat(text).containsPattern("sync, one at a time +10 +10 +0 +11 \\(1\\.10x\\) +1 +n/a");
    }

    @Test
    void theCsvHasOneRowPerLevelAndPerHoldWithBareRatios() {
        List<String> lines = Report.csv(results(9_500, 7_200, 3_000, 10_000)).lines().toList();
        assertThat(lines).hasSize(1 + 3 + 3);
        assertThat(lines.getFirst()).isEqualTo(Report.CSV_HEADER);
        int columns = Report.CSV_HEADER.split(",").length;
        assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(columns));
        assertThat(lines).contains(
                "load,async,100,95000,10.000,9500.0,0.95,0.500,2.00,3.000,3.00,0,20,2.00,100,,,",
                "hold,async,10000,,,,,,,,,0,20,2.00,10000,10000,3000,1.50",
                "hold,sync-one,10,,,,,,,,,0,11,1.10,1,10,,");
    }

    @Test
    void targetsMetAreSaidToBeMet() {
        assertThat(Report.targetChecks(results(9_500, 9_000, 3_000, 10_000)))
                .hasSize(4)
                .allSatisfy(check -> assertThat(check).endsWith(": met"));
    }

    @Test
    void targetsMissedSayByHowMuch() {
        List<String> checks = Report.targetChecks(results(9_500, 7_200, 5_000, 9_990));
        assertThat(checks).contains(
                "sync, virtual threads at 100 clients: 0.72x Netty's messages per second (target 0.9x):"
                        + " MISSED by 0.18x (20% short)",
                "async, CompletionHandler: 9990 of 10000 connections held, 0 errors (target: all, 0):"
                        + " MISSED by 10 not held, 0 errors",
                "async, CompletionHandler: 5000 bytes of heap per held connection (target < 4096):"
                        + " MISSED: 904 bytes over (22%)");
    }

    @Test
    void thePartialHasBothTablesTheMachineTheCommandAndTheDuration() {
        String adoc = Report.asciidoc(results(9_500, 7_200, 3_000, 10_000));
        assertThat(adoc).contains("|100 |async, CompletionHandler |9500 (0.95x) |0.500 (2.00x) |3.000 (3.00x) |0"
                + " |20 (2.00x) |100");
        assertThat(adoc).contains("|async, CompletionHandler |10000 |10000 |0 |20 (2.00x) |10000 |3000 B (1.50x)");
        assertThat(adoc).contains(
                "with `java -jar compare/target/compare.jar load`, which took 2 min 5 s. Three rounds.");
        assertThat(adoc.split("\\|===", -1)).hasSize(5);
        assertThat(adoc).contains("* sync, virtual threads at 100 clients: 0.72x");
        // The chart's alt text is quoted whole: a bare comma in it would start the image's width.
        assertThat(adoc).containsPattern("image::benchmark\\.svg\\[\"[^\"]*,[^\"]*\"]");
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(Report.duration(Duration.ofMillis(45_400))).isEqualTo("45 s");
        assertThat(Report.duration(Duration.ofMillis(59_600))).isEqualTo("1 min 0 s");
        assertThat(Report.duration(Duration.ofSeconds(421))).isEqualTo("7 min 1 s");
    }
}
