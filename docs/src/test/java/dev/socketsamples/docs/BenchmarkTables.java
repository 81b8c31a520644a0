package dev.socketsamples.docs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cuts the benchmark's results into two narrower tables, how each exchange ended and how fast, that fit an A4
 * page: seventeen columns broke numbers mid-digit. Rows keep their line numbers, so the pages' line ranges
 * ({@code _benchmark-run.adoc}) select the same rows in either file.
 */
final class BenchmarkTables {

    static final String COUNTS = "benchmark-counts.csv";
    static final String TIMES = "benchmark-times.csv";
    /** What identifies a row: test, server, backlog, load. Every table starts with them. */
    private static final int KEY_COLUMNS = 4;
    /** Started, echoed, refused, reset, timed out, other. */
    private static final int COUNT_COLUMNS = 6;

    private BenchmarkTables() {
    }

    static void write(Path results, Path directory) throws IOException {
        List<String[]> rows = Files.readAllLines(results, UTF_8).stream().map(line -> line.split(",", -1)).toList();
        int countsEnd = KEY_COLUMNS + COUNT_COLUMNS;
        Files.writeString(directory.resolve(COUNTS), columns(rows, KEY_COLUMNS, countsEnd), UTF_8);
        Files.writeString(directory.resolve(TIMES), columns(rows, countsEnd, rows.get(0).length), UTF_8);
    }

    /** Each row's key columns, then its columns from {@code from} up to {@code to}. */
    private static String columns(List<String[]> rows, int from, int to) {
        return rows.stream()
                .map(row -> Stream.concat(Arrays.stream(row, 0, KEY_COLUMNS), Arrays.stream(row, from, to))
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
