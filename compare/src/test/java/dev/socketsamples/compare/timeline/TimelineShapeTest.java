package dev.socketsamples.compare.timeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.compare.ServerKind;
import dev.socketsamples.compare.timeline.Span.Kind;
import dev.socketsamples.compare.timeline.Span.Lane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorded events must show the shape the sync-versus-async lesson claims, or the pictures tell a story the code does not. */
class TimelineShapeTest {

    private static final int CLIENTS = ScriptedClients.FAST_CLIENTS + 1;

    @Test
    void theOneAtATimeServerServesEachExchangeOnlyAfterThePreviousEnded() throws Exception {
        List<Span> spans = Recorder.record(ServerKind.SYNC_ONE_AT_A_TIME);

        List<Span> exchanges = exchanges(spans);
        assertThat(exchanges).hasSize(CLIENTS);
        for (Span one : exchanges) {
            for (Span other : exchanges) {
                if (one != other) {
                    assertThat(one.overlaps(other)).as("%s overlaps %s", one, other).isFalse();
                }
            }
        }
        // B to J queued behind the slow A: A, which connected first, was served first.
        assertThat(exchanges.get(0).client()).isZero();
    }

    @Test
    void theSelectorServerReadsAndWritesEveryConnectionOnOneThread() throws Exception {
        List<Span> spans = Recorder.record(ServerKind.SELECTOR);

        assertThat(exchanges(spans)).hasSize(CLIENTS);
        assertThat(readsAndWrites(spans).stream().map(Span::lane).distinct()).containsExactly("selector-loop");
    }

    @Test
    void virtualThreadsServeTheExchangesAtOnceEachOnItsOwnVirtualThread() throws Exception {
        List<Span> spans = Recorder.record(ServerKind.SYNC_VIRTUAL_THREADS);

        List<Span> exchanges = exchanges(spans);
        assertThat(exchanges).hasSize(CLIENTS);
        Span slow = exchanges.stream().filter(exchange -> exchange.client() == 0).findFirst().orElseThrow();
        assertThat(exchanges).filteredOn(exchange -> exchange != slow && exchange.overlaps(slow)).isNotEmpty();
        assertThat(readsAndWrites(spans)).allMatch(span -> span.laneKind() == Lane.VIRTUAL);
        assertThat(readsAndWrites(spans).stream().map(Span::lane).distinct().count()).isGreaterThan(1);
        assertThat(spans).anyMatch(span -> span.laneKind() == Lane.CARRIER);
    }

    @Test
    void theCommandWritesAPictureAndTheEventsOfEveryServer(@TempDir Path directory) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        TimelineCommand.writeAll(directory, new PrintStream(printed, true, UTF_8));

        for (ServerKind kind : ServerKind.values()) {
            Path svg = directory.resolve(TimelineCommand.fileName(kind) + ".svg");
            Path csv = directory.resolve(TimelineCommand.fileName(kind) + ".csv");
            assertThat(printed.toString(UTF_8)).contains(svg.toString(), csv.toString());
            assertThat(Files.readString(svg)).startsWith("<svg").contains(kind.toString(), ">ms<").endsWith("</svg>\n");
            // Every client's bytes are in the CSV, read and written: the async servers' from their console lines.
            List<String> rows = Files.readAllLines(csv);
            for (int client = 0; client < CLIENTS; client++) {
                String name = ScriptedClients.name(client);
                assertThat(rows).as("%s client %s", kind, name)
                        .anyMatch(row -> row.contains(",read," + name + ","))
                        .anyMatch(row -> row.contains(",write," + name + ","));
            }
        }
    }

    @Test
    void theCommandExplainsItselfAndRefusesWhatItDoesNotTake() {
        assertThat(TimelineCommand.run("--help")).isZero();
        assertThat(TimelineCommand.run("--fast")).isEqualTo(2);
    }

    private static List<Span> readsAndWrites(List<Span> spans) {
        return spans.stream().filter(span -> span.kind() == Kind.READ || span.kind() == Kind.WRITE).toList();
    }

    /** Each client's exchange as the server saw it: from its first read to its last write, in order of starting. */
    private static List<Span> exchanges(List<Span> spans) {
        Map<Integer, List<Span>> byClient = readsAndWrites(spans).stream().filter(span -> span.client() >= 0)
                .collect(Collectors.groupingBy(Span::client));
        return byClient.entrySet().stream()
                .map(entry -> new Span("exchange", Lane.PLATFORM, Kind.READ, entry.getKey(),
                        entry.getValue().stream().mapToLong(Span::startMicros).min().orElseThrow(),
                        entry.getValue().stream().mapToLong(Span::endMicros).max().orElseThrow(), "test"))
                .sorted(Comparator.comparingLong(Span::startMicros)).toList();
    }
}
