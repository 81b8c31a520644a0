package dev.socketsamples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the site this build rendered, as a reader's browser would: links, anchors, images, listings. */
class SiteTest {

    private static final Pattern STRAY_BACKTICK = Pattern.compile(".{0,30}`.{0,30}");
    private static final Pattern RAW_MACRO = Pattern.compile(".{0,30}(xref:|include::|\\{[a-z][\\w-]*}).{0,30}");

    /** The teacher's page: in the site, in every language, but linked from no page and in no student's book. */
    private static final String ANSWER_KEY = "labs/answer-key.html";

    private static Path site;
    private static final Map<Path, Document> PAGES = new LinkedHashMap<>();

    @BeforeAll
    static void loadTheRenderedPages() throws IOException {
        String output = System.getProperty("docs.output");
        assertThat(output).as("system property docs.output (set by the pom)").isNotBlank();
        site = Path.of(output).toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                PAGES.put(file, Jsoup.parse(file.toFile(), "UTF-8"));
            }
        }
        assertThat(PAGES).as("pages rendered into %s", site).isNotEmpty();
    }

    @Test
    void theSiteHasEveryPageOfTheWalkthrough() {
        assertThat(PAGES.keySet()).extracting(p -> site.relativize(p).toString()).contains(
                "index.html", "listening.html", "sync-server.html", "sync-client.html", "async-server.html",
                "async-client.html", "selector-server.html", "sync-vs-async.html", "dotnet-to-java.html", "pitfalls.html");
    }

    @Test
    void eachEditionsPdfHasEveryPageOfTheEditionAsAChapter() throws IOException {
        Path books = Path.of(System.getProperty("docs.books"));
        for (Path page : PAGES.keySet()) {
            if (where(page).endsWith(ANSWER_KEY) || where(page).startsWith("slides/")) {
                continue;
            }
            String edition = EditionsTest.EDITIONS.stream().filter(e -> where(page).startsWith(e + "/")).findFirst()
                    .orElse("");
            String book = Files.readString(books.resolve(edition).resolve("socket-samples.adoc"));
            assertThat(book).contains("include::" + where(page).replace(".html", ".adoc") + "[leveloffset=+1]");
        }
    }

    @Test
    void theAnswerKeyIsInEveryLanguageAndNoOtherPageLinksIt() {
        List<String> keys = new ArrayList<>(List.of(ANSWER_KEY));
        EditionsTest.EDITIONS.forEach(edition -> keys.add(edition + "/" + ANSWER_KEY));
        assertThat(PAGES.keySet()).extracting(SiteTest::where).containsAll(keys);
        List<String> linksToTheKey = new ArrayList<>();
        PAGES.forEach((page, document) -> {
            if (!keys.contains(where(page))) {
                document.select("a[href*=answer-key]")
                        .forEach(link -> linksToTheKey.add(where(page) + " -> " + link.attr("href")));
            }
        });
        assertThat(linksToTheKey).as("links from the student site to the answer key").isEmpty();
        for (String key : keys) {
            assertThat(PAGES.get(site.resolve(key)).select("#content details"))
                    .as("the folded answers in %s, at least one for each of the five labs", key).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    // tag::decks[]
    @Test
    void theLessonPlanOfEachLanguageLinksItsDecksWhichLoadNothingFromTheNetwork() {
        List<String> decks = List.of("opening", "lab-1", "lab-2", "lab-3", "lab-4", "lab-5");
        for (String language : List.of("en", "es", "ko")) {
            Path plan = site.resolve(language.equals("en") ? "" : language).resolve("labs/lesson-plan.html");
            List<Path> linked = PAGES.get(plan).select("a[href*=slides/]").stream()
                    .map(link -> plan.resolveSibling(link.attr("href")).normalize()).toList();
            assertThat(linked).as("the decks the %s lesson plan links", language).containsExactlyElementsOf(
                    decks.stream().map(deck -> site.resolve("slides/%s/%s.html".formatted(language, deck))).toList());
            for (Path deck : linked) {
                Document document = PAGES.get(deck);
                assertThat(document.select("html").attr("lang")).as(where(deck)).isEqualTo(language);
                // A classroom may have no network: reveal.js, its theme and its fonts are the site's own copy.
                assertThat(document.select("script[src], link[href], img[src]"))
                        .extracting(e -> e.hasAttr("src") ? e.attr("src") : e.attr("href"))
                        .as("what %s loads", where(deck)).isNotEmpty().noneMatch(SiteTest::isExternal)
                        .allMatch(source -> Files.isRegularFile(deck.resolveSibling(source).normalize()));
            }
        }
    }
    // end::decks[]

    @Test
    void everyInternalLinkReachesAPageAndAnAnchorThatExist() {
        List<String> broken = new ArrayList<>();
        PAGES.forEach((page, document) -> {
            for (Element link : document.select("a[href]")) {
                String href = link.attr("href");
                if (isExternal(href)) {
                    continue;
                }
                int hash = href.indexOf('#');
                String file = hash < 0 ? href : href.substring(0, hash);
                String anchor = hash < 0 ? "" : href.substring(hash + 1);
                Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                Document targetDocument = PAGES.get(target);
                if (targetDocument == null && !Files.exists(target)) {
                    broken.add(where(page) + ": " + href + " (no such file)");
                } else if (!anchor.isEmpty() && (targetDocument == null || !hasAnchor(targetDocument, anchor))) {
                    broken.add(where(page) + ": " + href + " (no such anchor)");
                }
            }
        });
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyImageIsAFileOfTheSite() {
        List<String> missing = new ArrayList<>();
        PAGES.forEach((page, document) -> {
            for (Element image : document.select("img[src], object[data]")) {
                String source = image.hasAttr("src") ? image.attr("src") : image.attr("data");
                // The site is read offline, in a classroom: an image from elsewhere would not show.
                if (isExternal(source) || !Files.isRegularFile(page.resolveSibling(source).normalize())) {
                    missing.add(where(page) + ": " + source);
                }
            }
        });
        assertThat(missing).as("images that do not resolve").isEmpty();
    }

    @Test
    void everyImageKeepsItsAltTextWhole() {
        List<String> wrong = new ArrayList<>();
        PAGES.forEach((page, document) -> {
            for (Element image : document.select("img")) {
                // An unquoted comma in image::file[alt, more] ends the alt text there and makes the rest a width.
                boolean sized = image.attr("width").matches("\\d*") && image.attr("height").matches("\\d*");
                if (image.attr("alt").isBlank() || !sized) {
                    wrong.add(where(page) + ": " + image.attributes().html().strip());
                }
            }
        });
        assertThat(wrong).as("images without their whole alt text, or with a size that is not a number").isEmpty();
    }

    @Test
    void noAsciiDocMarkupReachesTheReader() {
        List<String> raw = new ArrayList<>();
        PAGES.forEach((page, document) -> {
            // A stray backtick shows in prose and in inline code alike; a macro or an attribute reference only
            // counts in prose, since inline code may name one on purpose.
            Document withInlineCode = document.clone();
            withInlineCode.select("pre, style, script").remove();
            Document prose = withInlineCode.clone();
            prose.select("code").remove();
            find(STRAY_BACKTICK, withInlineCode, page, raw);
            find(RAW_MACRO, prose, page, raw);
        });
        assertThat(raw).as("AsciiDoc that rendered as text: a stray backtick, a macro or an attribute").isEmpty();
    }

    @Test
    void inlineCodeKeepsItsParentheses() {
        List<String> unbalanced = new ArrayList<>();
        PAGES.forEach((page, document) -> {
            for (Element code : document.select(":not(pre) > code")) {
                // AsciiDoc reads ((...)) as an index term and drops a pair: handle((a, b) -> x) loses its "(("
                int depth = 0;
                for (char c : code.text().toCharArray()) {
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    if (depth < 0) {
                        break;
                    }
                }
                if (depth != 0) {
                    unbalanced.add(where(page) + ": " + code.text());
                }
            }
        });
        assertThat(unbalanced).as("inline code whose parentheses do not pair up").isEmpty();
    }

    private static void find(Pattern markup, Document document, Path page, List<String> found) {
        Matcher matcher = markup.matcher(document.body().text());
        while (matcher.find()) {
            found.add(where(page) + ": ..." + matcher.group() + "...");
        }
    }

    @Test
    void theCallbackFlowsAreDrawn() {
        assertThat(PAGES.get(site.resolve("async-server.html")).select("img[src$=.svg]")).isNotEmpty();
        assertThat(PAGES.get(site.resolve("async-client.html")).select("img[src$=.svg]")).isNotEmpty();
        assertThat(PAGES.get(site.resolve("selector-server.html")).select("img[src$=.svg]")).isNotEmpty();
    }

    // tag::listings[]
    @Test
    void everyJavaListingHasCodeAndIsHighlighted() {
        List<String> wrong = new ArrayList<>();
        PAGES.forEach((page, document) -> {
            for (Element code : document.select("pre > code[data-lang=java]")) {
                if (code.text().isBlank()) {
                    wrong.add(where(page) + ": an empty listing");
                } else if (code.select("span").isEmpty()) {
                    wrong.add(where(page) + ": a listing without highlighting: " + firstLine(code));
                }
            }
        });
        assertThat(wrong).isEmpty();
    }
    // end::listings[]

    @Test
    void noNoteForTheAuthorsReachesTheReader() {
        // A lab's starter marks its gaps "TODO lab N" for the students: those are notes for the reader.
        PAGES.forEach((page, document) -> assertThat(document.body().text().replaceAll("TODO lab \\d", ""))
                .as(where(page))
                .doesNotContain("TODO", "Unresolved directive", "FIXME"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SynchronousSocketListener", "SynchronousSocketClient", "AsynchronousSocketListener",
            "AsynchronousClient", "CompletableFutureClient", "SelectorSocketListener", "StateObject", "MessageAccumulator",
            "ManualResetEvent", "ConnectionState"})
    void everySampleClassIsExplainedSomewhere(String className) {
        assertThat(PAGES.values()).as("pages that mention %s", className)
                .anyMatch(document -> document.body().text().contains(className));
    }

    private static boolean isExternal(String href) {
        return href.startsWith("//") || URI.create(href.replace(" ", "%20")).getScheme() != null;
    }

    private static boolean hasAnchor(Document document, String anchor) {
        return document.getElementById(anchor) != null || !document.getElementsByAttributeValue("name", anchor).isEmpty();
    }

    private static String where(Path page) {
        return site.relativize(page).toString();
    }

    private static String firstLine(Element code) {
        String text = code.wholeText().strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
