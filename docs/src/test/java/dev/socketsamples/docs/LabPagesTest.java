package dev.socketsamples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The labs on the site: each page gives its command, shows its gaps, and folds its answers away. */
class LabPagesTest {

    private static Document page(String name) throws IOException {
        return Jsoup.parse(Path.of(System.getProperty("docs.output"), name).toFile(), "UTF-8");
    }

    @ParameterizedTest(name = "lab {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void everyLabPageGivesItsCommandShowsItsGapsAndFoldsItsAnswers(int lab) throws IOException {
        Document page = page("labs/lab-" + lab + ".html");

        assertThat(page.select("pre").eachText()).as("the command that grades lab %d", lab)
                .anyMatch(listing -> listing.contains("./mvnw -q -pl labs -am verify -Dlab=" + lab));
        assertThat(page.select("pre > code[data-lang=java]").eachText()).as("the starter's gaps")
                .anyMatch(listing -> listing.contains("TODO lab " + lab));
        assertThat(page.select("details")).as("the reference solution and the answers, folded away")
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(page.select("h2").eachText()).contains("Try this", "Questions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"listening", "sync-server", "sync-client", "async-server", "async-client",
            "sync-vs-async"})
    void everyWalkthroughPageEndsWithThingsToTryAndQuestions(String name) throws IOException {
        Document page = page(name + ".html");

        assertThat(page.select("h2").eachText()).contains("Try this", "Questions");
        assertThat(page.select("details")).as("questions with their answers folded away").hasSizeGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "labs/lesson-plan.html", "labs/lab-3.html"})
    void theLessonPlanIsInTheBarAtTheTopOfEveryPage(String name) throws IOException {
        assertThat(page(name).select(".site-nav a").eachText()).contains("Labs");
    }
}
