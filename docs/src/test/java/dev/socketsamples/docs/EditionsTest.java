package dev.socketsamples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the Spanish and Korean editions in step with the English pages: for every English page, each edition
 * has the same page, with the same sections in the same order and the anchors that links lead to (so that
 * every link with an anchor works in every language), the same includes in the same order (the listings and
 * the transcripts are the build's, whatever the language), and as many listings, tables, images and folded
 * answers.
 */
class EditionsTest {

    static final List<String> EDITIONS = List.of("es", "ko");

    private static final Path PAGES = Path.of(System.getProperty("docs.pages"));
    private static final Path SITE = Path.of(System.getProperty("docs.output"));

    /** Every English page (labs included; not the partials, whose names start with _) and each edition. */
    static Stream<Arguments> pagesAndEditions() throws IOException {
        try (Stream<Path> files = Files.walk(PAGES)) {
            List<String> english = files.filter(file -> file.toString().endsWith(".adoc"))
                    .map(file -> PAGES.relativize(file).toString().replace('\\', '/'))
                    .filter(page -> !page.contains("_") && EDITIONS.stream().noneMatch(e -> page.startsWith(e + "/")))
                    .sorted().toList();
            assertThat(english).as("English pages in %s", PAGES).contains("index.adoc", "labs/lab-1.adoc");
            return english.stream().flatMap(page -> EDITIONS.stream().map(edition -> Arguments.of(page, edition)));
        }
    }

    // tag::parity[]
    @ParameterizedTest(name = "{1}/{0}")
    @MethodSource("pagesAndEditions")
    void eachEditionHasThePageWithTheSameSectionsAndIncludes(String page, String edition) throws IOException {
        Path translation = PAGES.resolve(edition).resolve(page);
        assertThat(translation).as("the %s edition of %s", edition, page).exists();

        assertThat(includes(translation)).as("the includes of %s/%s, in order", edition, page)
                .isEqualTo(includes(PAGES.resolve(page)));

        Document english = rendered(page);
        Document translated = rendered(edition + "/" + page);
        assertThat(levels(translated)).as("the sections of %s/%s, in order", edition, page)
                .isEqualTo(levels(english));
        assertThat(ids(translated)).as("the anchors of %s/%s that links lead to", edition, page)
                .containsAll(anchorsLinkedTo(page));
        for (String block : List.of("pre", "table", "img", "details", ".admonitionblock")) {
            assertThat(translated.select("#content " + block)).as("%s in %s/%s", block, edition, page)
                    .hasSameSizeAs(english.select("#content " + block));
        }
        assertThat(translated.select("html").attr("lang")).isEqualTo(edition);
    }
    // end::parity[]

    @ParameterizedTest(name = "{1}/{0}")
    @MethodSource("pagesAndEditions")
    void theLanguageSwitcherLinksTheSamePageInTheOtherLanguages(String page, String edition) throws IOException {
        String html = page.replace(".adoc", ".html");
        String other = EDITIONS.stream().filter(e -> !e.equals(edition)).findFirst().orElseThrow();
        assertThat(switcher(edition + "/" + html)).containsExactlyInAnyOrder(html, other + "/" + html);
        assertThat(switcher(html)).contains(edition + "/" + html);
    }

    /** The include directives of a page's source, as written. */
    private static List<String> includes(Path source) throws IOException {
        return Files.readAllLines(source).stream().filter(line -> line.startsWith("include::")).toList();
    }

    private static Document rendered(String page) throws IOException {
        return Jsoup.parse(SITE.resolve(page.replace(".adoc", ".html")).toFile(), "UTF-8");
    }

    /** The level of each section heading of the page's body, in order: h2, h3, h3, h2... */
    private static List<String> levels(Document page) {
        return page.select("#content :is(h2, h3, h4, h5, h6)").stream().map(Element::tagName).toList();
    }

    private static List<String> ids(Document page) {
        return page.select("#content [id]").stream().map(Element::id).toList();
    }

    /**
     * The anchors of an English page that some English page links to: a translation keeps them under the same
     * names, so that the same links work in every language. (Other headings take their ids from their own words.)
     */
    private static Set<String> anchorsLinkedTo(String page) throws IOException {
        String target = page.replace(".adoc", ".html");
        Set<String> anchors = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SITE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String from = SITE.relativize(file).toString().replace('\\', '/');
                if (EDITIONS.stream().anyMatch(e -> from.startsWith(e + "/"))) {
                    continue;
                }
                // The contents at the side and each heading's own anchor link every heading: not links a reader follows.
                for (Element link : rendered(from).select("#content a[href*=#]:not(.anchor)")) {
                    String href = link.attr("href");
                    if (href.contains("://")) {
                        continue;
                    }
                    String path = href.substring(0, href.indexOf('#'));
                    Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    if (SITE.relativize(resolved).toString().replace('\\', '/').equals(target)) {
                        anchors.add(href.substring(href.indexOf('#') + 1));
                    }
                }
            }
        }
        anchors.removeIf(anchor -> anchor.startsWith("_") || anchor.isEmpty());
        return anchors;
    }

    /** Where the switcher at the top of a page leads, as paths from the site's root. */
    private static List<String> switcher(String page) throws IOException {
        Path folder = SITE.resolve(page).getParent();
        return rendered(page).select(".languages a[href]").stream()
                .map(link -> SITE.relativize(folder.resolve(link.attr("href")).normalize()).toString().replace('\\', '/'))
                .toList();
    }
}
