package dev.socketsamples.compare.timeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.compare.ServerKind;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.SampleFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code compare timeline [DIR]}: every server model recorded against the same clients, one SVG and CSV each. */
public final class TimelineCommand {

    public static final String USAGE = "usage: compare timeline [DIRECTORY] [--help]";
    private static final Path DEFAULT_DIRECTORY = Path.of("compare", "target", "timeline");

    private TimelineCommand() {
    }

    public static int run(String... args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("""
                    Runs each server model in this JVM against the same clients (A types its message in three pieces,
                    B to J send theirs whole meanwhile), records its threads with Java Flight Recorder, and writes one
                    SVG timeline and one CSV of the events drawn per server.

                    %s

                      DIRECTORY  where to write the files (default compare/target/timeline)""".formatted(USAGE));
            return CommandLine.EXIT_OK;
        }
        if (args.length > 1 || args.length == 1 && args[0].startsWith("-")) {
            System.err.println("compare timeline: " + (args.length > 1 ? "one directory at most" : "unknown option '" + args[0] + "'"));
            System.err.println(USAGE);
            return CommandLine.EXIT_USAGE;
        }
        Path directory = args.length == 1 ? Path.of(args[0]) : DEFAULT_DIRECTORY;
        try {
            writeAll(directory, System.out);
            return CommandLine.EXIT_OK;
        } catch (IOException | SampleFailure e) {
            System.err.println("compare timeline: " + e.getMessage());
            return CommandLine.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandLine.EXIT_FAILURE;
        }
    }

    /** Records every server model and writes {@code NAME.svg} and {@code NAME.csv} for each into {@code directory}. */
    public static void writeAll(Path directory, PrintStream out) throws IOException, SampleFailure, InterruptedException {
        Files.createDirectories(directory);
        for (ServerKind kind : ServerKind.values()) {
            List<Span> spans = Recorder.record(kind);
            String name = fileName(kind);
            Path svg = directory.resolve(name + ".svg");
            Path csv = directory.resolve(name + ".csv");
            Files.writeString(svg, TimelineSvg.draw(kind.toString(), spans), UTF_8);
            Files.writeString(csv, csv(spans), UTF_8);
            out.println("wrote " + svg + " and " + csv + " (" + spans.size() + " events)");
        }
    }

    /**
     * The pages' pictures: every server model recorded once, drawn without a title (the caption names it) in each
     * of {@code languages}, as {@code directory/LANGUAGE/NAME.svg}.
     */
    public static void writePictures(Path directory, List<String> languages)
            throws IOException, SampleFailure, InterruptedException {
        for (ServerKind kind : ServerKind.values()) {
            List<Span> spans = Recorder.record(kind);
            for (String language : languages) {
                Path svg = directory.resolve(language).resolve(fileName(kind) + ".svg");
                Files.createDirectories(svg.getParent());
                Files.writeString(svg, TimelineSvg.draw("", spans, TimelineSvg.Words.of(language)), UTF_8);
            }
        }
    }

    /** {@code sync-one-at-a-time}, {@code selector}: the kind's name as a file name. */
    public static String fileName(ServerKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String csv(List<Span> spans) {
        StringBuilder csv = new StringBuilder("lane,thread,kind,client,start_ms,end_ms,source\n");
        for (Span span : spans) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.3f,%.3f,%s%n", span.lane(),
                    span.laneKind().name().toLowerCase(Locale.ROOT), span.kind().name().toLowerCase(Locale.ROOT),
                    span.client() < 0 ? "" : ScriptedClients.name(span.client()),
                    span.startMicros() / 1000.0, span.endMicros() / 1000.0, span.source()));
        }
        return csv.toString();
    }
}
