package dev.socketsamples.docs;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.log.Severity;

/**
 * The site as three books, English, Spanish and Korean, in PDF: the build's slowest step, which no test waits
 * for, so the pom starts it in a JVM of its own while the tests run (one JRuby, warmed up once for the three),
 * and {@code Books --await} at the end of the build waits for it and fails on any warning.
 */
public final class Books {

    static final List<String> BOOKS = List.of("socket-samples.adoc", "es/socket-samples.adoc", "ko/socket-samples.adoc");

    private static final Pattern RUN = Pattern.compile("[\\d.]+");

    private Books() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(property("docs.target"));
        Path status = target.resolve("books.status");
        Path pid = target.resolve("books.pid");
        if (args.length == 1 && args[0].equals("--await")) {
            System.exit(await(pid, status));
        }
        Files.deleteIfExists(status);
        Files.writeString(pid, String.valueOf(ProcessHandle.current().pid()));
        List<String> problems;
        try {
            problems = convert(target);
        } catch (Exception | Error e) {
            // Nobody watches this JVM's console: what went wrong goes where --await reads it.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            problems = List.of("the conversion failed: " + trace);
        }
        Files.writeString(status, problems.isEmpty() ? "" : String.join("\n", problems) + "\n", UTF_8);
    }

    private static List<String> convert(Path target) throws IOException {
        Path pages = Path.of(property("docs.pages"));
        Path books = Path.of(property("docs.books"));
        Path output = Path.of(property("docs.output"));
        String theme = property("docs.pdf.theme");
        Severity failIf = Severity.valueOf(property("docs.pdf.failIf"));
        List<String> problems = new CopyOnWriteArrayList<>();
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            asciidoctor.requireLibrary("asciidoctor-diagram");
            asciidoctor.requireLibrary(books.resolve("plain-numbers.rb").toString());
            asciidoctor.requireLibrary(books.resolve("fast-fallbacks.rb").toString());
            asciidoctor.registerLogHandler(record -> {
                if (record.getSeverity().ordinal() >= failIf.ordinal()) {
                    String where = record.getCursor() == null ? "" : record.getCursor().getFile() + ": ";
                    problems.add(record.getSeverity() + ": " + where + record.getMessage());
                }
            });
            for (String book : BOOKS) {
                Attributes attributes = Attributes.builder()
                        .attribute("sourcedir", property("docs.sourcedir"))
                        .attribute("transcripts", property("docs.transcripts"))
                        // The pages' includes and images resolve from the site's sources, wherever the book is.
                        .attribute("site-sources", pages.toString())
                        .sourceHighlighter("rouge").attribute("idprefix", "").attribute("idseparator", "-")
                        .attribute("imagesdir", "images@")
                        .attribute("pdf-themesdir", books.toString())
                        // Soft (@): the Korean book swaps in its own theme, with a font for Hangul.
                        .attribute("pdf-theme", theme + "@")
                        .attribute("imagesoutdir", target.resolve("pdf-images").toString())
                        .attribute("plantuml-format", "png")
                        .attribute("diagram-cachedir", target.resolve("pdf-diagram-cache").toString())
                        .build();
                Path to = output.resolve(book).getParent();
                Options options = Options.builder().safe(SafeMode.UNSAFE).backend("pdf").baseDir(pages.toFile())
                        .toDir(to.toFile()).mkDirs(true).attributes(attributes).build();
                long start = System.nanoTime();
                asciidoctor.convertFile(books.resolve(book).toFile(), options);
                // Where the build's slowest step spends its time, book by book. Written here: the exec plugin's
                // outputFile stays empty for an async run.
                Files.writeString(target.resolve("books.log"), "%s: %.1f s%n".formatted(book,
                        (System.nanoTime() - start) / 1e9), UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        Path korean = output.resolve("ko/socket-samples.pdf");
        // Each embedded font is named in the PDF as a subset, +NanumGothic; without it, Hangul shows as boxes.
        if (theme.equals("socket-samples") && !new String(Files.readAllBytes(korean), ISO_8859_1).contains("+NanumGothic")) {
            problems.add(korean + ": no font with Hangul (NanumGothic) embedded; its Korean text would be boxes");
        }
        for (String book : BOOKS) {
            Path pdf = output.resolve(book.replace(".adoc", ".pdf"));
            problems.addAll(render(pdf, target.resolve("pdf-pages")));
            problems.addAll(figuresWhole(pdf, pages.resolve("benchmark-results.csv")));
        }
        return problems;
    }

    /**
     * Every figure of the benchmark's tables stands whole in the book's text, as often as the results hold it:
     * a column too narrow for a number breaks it mid-digit, which pdftotext shows as two pieces.
     */
    private static List<String> figuresWhole(Path pdf, Path results) throws IOException {
        Optional<String> text = poppler(pdf, "pdftotext", "-layout", pdf.toString(), "-");
        if (text.isEmpty()) {
            return List.of();
        }
        Map<String, Long> figures = Files.readAllLines(results, UTF_8).stream().skip(1)
                .flatMap(line -> Arrays.stream(line.split(","))).filter(cell -> cell.matches("\\d[\\d.]{3,}"))
                .collect(Collectors.groupingBy(cell -> cell, TreeMap::new, Collectors.counting()));
        // A figure stands whole where it is a whole run of digits and dots: count the runs once, not the text per figure.
        Map<String, Long> runs = RUN.matcher(text.get()).results()
                .collect(Collectors.groupingBy(MatchResult::group, Collectors.counting()));
        List<String> broken = figures.entrySet().stream()
                .filter(figure -> runs.getOrDefault(figure.getKey(), 0L) < figure.getValue()).map(Map.Entry::getKey)
                .toList();
        return broken.isEmpty() ? List.of()
                : List.of(pdf + ": benchmark figures broken across lines in a table cell: " + String.join(", ", broken));
    }

    /**
     * Draws every page as poppler's viewers (evince, okular) do, small and grey, and returns what pdftoppm
     * complained of: a page that a reader's viewer cannot draw is a broken page.
     */
    private static List<String> render(Path pdf, Path pages) throws IOException {
        Files.createDirectories(pages);
        String prefix = pages.resolve(pdf.getParent().getFileName() + "-" + pdf.getFileName()).toString();
        return poppler(pdf, "pdftoppm", "-r", "20", "-gray", pdf.toString(), prefix)
                .filter(complaints -> !complaints.isBlank())
                .map(complaints -> List.of(pdf + ": pdftoppm cannot draw every page:\n" + complaints.strip()))
                .orElse(List.of());
    }

    /**
     * What a poppler-utils command printed (stdout and stderr), or empty where poppler is missing, which only a
     * machine other than CI on Linux may be; a command that fails is an {@link IOException}.
     */
    private static Optional<String> poppler(Path pdf, String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI")) && System.getProperty("os.name").equals("Linux")) {
                throw new IOException(command[0] + " is missing (Debian's poppler-utils): " + pdf + " was not checked", e);
            }
            System.out.println("NOTE: " + command[0] + " (poppler-utils) is missing: " + pdf + " was not checked with it");
            return Optional.empty();
        }
        String printed = new String(process.getInputStream().readAllBytes(), UTF_8);
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException(command[0] + " " + pdf + " exited with " + exit + ":\n" + printed.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command[0] + " " + pdf + " was interrupted", e);
        }
        return Optional.of(printed);
    }

    /** Waits for the conversion started earlier in the build; 0 if it ended without a warning. */
    private static int await(Path pid, Path status) throws Exception {
        if (!Files.exists(pid)) {
            System.err.println("The PDF books were not started (" + pid + " is missing).");
            return 1;
        }
        Optional<ProcessHandle> books = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()));
        if (books.isPresent()) {
            books.get().onExit().get(10, TimeUnit.MINUTES);
        }
        if (!Files.exists(status)) {
            System.err.println("The PDF books ended without a result (" + status + " is missing): was their JVM killed?");
            return 1;
        }
        String problems = Files.readString(status, UTF_8);
        System.err.print(problems);
        return problems.isEmpty() ? 0 : 1;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " (set by the pom) is missing");
        }
        return value;
    }
}
