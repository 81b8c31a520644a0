package dev.socketsamples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No page shows console text that a person typed: every console block is an include of a transcript that this
 * build's real runs wrote (see {@link Transcripts}), and nothing else renders as console text.
 */
class ConsoleBlocksTest {

    private static final Pattern DELIMITER = Pattern.compile("^(-{4,}|\\.{4,})$");
    private static final Pattern ATTRIBUTES = Pattern.compile("^\\[([^\\[\\]].*)]$");
    /** This build's transcripts, or the labs' (their tests check each against a real run of its grader). */
    private static final Pattern TRANSCRIPT_INCLUDE =
            Pattern.compile("^include::\\{(transcripts|labs-transcripts)}/([\\w-]+\\.txt)\\[]$");
    /** Languages whose blocks show code or commands, each an include or a command to type, never output. */
    private static final Set<String> CODE = Set.of("java", "xml", "shell");
    private static final Set<String> DIAGRAMS = Set.of("plantuml");

    private static Path pages;
    private static Path transcripts;
    private static Path site;

    @BeforeAll
    static void locate() {
        pages = Path.of(System.getProperty("docs.pages"));
        transcripts = Path.of(System.getProperty("docs.transcripts"));
        site = Path.of(System.getProperty("docs.output"));
    }

    // tag::console-blocks[]
    @Test
    void everyConsoleBlockIsATranscriptOfARealRun() throws IOException {
        List<String> typed = new ArrayList<>();
        for (Block block : blocks()) {
            if (!block.isConsole()) {
                continue;
            }
            // The command is the transcript's first line, written by the run: nothing in the block is typed.
            boolean included = block.lines.size() == 1 && TRANSCRIPT_INCLUDE.matcher(block.lines.getFirst()).matches();
            if (!included) {
                typed.add(block + ": " + block.lines.stream().findFirst().orElse("(empty)"));
            }
        }
        assertThat(typed).as("console blocks that show more than include::{transcripts}/NAME.txt[]")
                .isEmpty();
    }
    // end::console-blocks[]

    @Test
    void everyTranscriptIncludedWasWrittenByThisBuildAndEveryOneIsShown() throws IOException {
        Set<String> included = new TreeSet<>();
        for (Block block : blocks()) {
            for (String line : block.lines) {
                Matcher include = TRANSCRIPT_INCLUDE.matcher(line);
                if (include.matches() && include.group(1).equals("transcripts")) {
                    included.add(include.group(2));
                }
            }
        }
        Set<String> written = new TreeSet<>();
        try (Stream<Path> files = Files.list(transcripts)) {
            // The benchmark's tables (BenchmarkTables) are written beside them, and shown as tables.
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".txt")).forEach(written::add);
        }
        assertThat(included).as("transcripts the pages include").isNotEmpty();
        assertThat(written).as("transcripts Transcripts wrote, each shown on a page").isEqualTo(included);
    }

    @Test
    void nothingElseRendersAsConsoleText() throws IOException {
        List<String> strays = new ArrayList<>();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path page : files.filter(file -> file.toString().endsWith(".html")).sorted().toList()) {
                Document document = Jsoup.parse(page.toFile(), "UTF-8");
                for (Element pre : document.select("pre")) {
                    boolean code = !pre.select("code[data-lang]").isEmpty();
                    boolean console = !pre.parents().select(".listingblock.console").isEmpty();
                    if (!code && !console) {
                        strays.add(site.relativize(page) + ": " + pre.text().lines().findFirst().orElse(""));
                    }
                }
            }
        }
        assertThat(strays).as("preformatted text that is neither a code listing nor a transcript").isEmpty();
    }

    /** Every delimited listing or literal block of every page, with the attribute line above it. */
    private static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(pages)) {
            for (Path page : files.filter(file -> file.toString().endsWith(".adoc")).sorted().toList()) {
                List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
                String attributes = "";
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    Matcher attributeLine = ATTRIBUTES.matcher(line);
                    if (attributeLine.matches()) {
                        attributes = attributeLine.group(1);
                    } else if (DELIMITER.matcher(line).matches()) {
                        int end = lines.subList(i + 1, lines.size()).indexOf(line) + i + 1;
                        assertThat(end).as("%s:%d: the block is closed", pages.relativize(page), i + 1).isGreaterThan(i);
                        blocks.add(new Block(pages.relativize(page) + ":" + (i + 1), line.charAt(0) == '.',
                                attributes, lines.subList(i + 1, end)));
                        attributes = "";
                        i = end;
                    } else if (line.isBlank() || !line.startsWith(".")) {
                        attributes = ""; // a block title (.Title) may stand between the attributes and the block
                    }
                }
            }
        }
        return blocks;
    }

    private record Block(String where, boolean literal, String attributes, List<String> lines) {

        /** Console output: a literal block, or a listing that is neither a diagram nor source code. */
        boolean isConsole() {
            List<String> positional = List.of(attributes.split(","));
            String style = positional.getFirst().strip();
            if (literal) {
                return true;
            }
            if (DIAGRAMS.contains(style)) {
                return false;
            }
            return !(style.equals("source") && positional.size() > 1 && CODE.contains(positional.get(1).strip()));
        }

        @Override
        public String toString() {
            return where;
        }
    }
}
