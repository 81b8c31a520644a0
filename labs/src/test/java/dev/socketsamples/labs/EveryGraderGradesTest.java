package dev.socketsamples.labs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.labs.grading.Code;
import dev.socketsamples.labs.grading.Grading;
import dev.socketsamples.labs.grading.PassesOnTheStarter;
import dev.socketsamples.labs.grading.Summary;
import dev.socketsamples.labs.grading.Summary.Check;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves that the graders grade: each lab's grader, run on the sample the lab is cut from, passes every check;
 * run on the starter as it is in the repository, it fails every check but those marked
 * {@link PassesOnTheStarter}. A grader that a starter passes would tell a student "done" before they began.
 */
@Execution(ExecutionMode.CONCURRENT) // most of the time is waiting for starters that hang: wait for all at once
class EveryGraderGradesTest {

    // tag::proof[]
    @ParameterizedTest(name = "lab {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void theGraderPassesTheSolutionAndFailsTheStarter(int lab) throws IOException {
        Summary solution = Grading.grade(lab, Code.SOLUTION);
        Summary starter = Grading.grade(lab, Code.STARTER);

        assertThat(solution.checks()).as("lab %d's checks", lab).hasSizeGreaterThanOrEqualTo(4);
        assertThat(solution.allPassed()).as("lab %d's grader on the reference solution:%n%s", lab, solution.text())
                .isTrue();
        assertThat(passing(starter)).as("the checks of lab %d that pass on the starter:%n%s", lab, starter.text())
                .isEqualTo(markedToPassOnTheStarter(solution))
                .hasSizeLessThan(starter.checks().size());
        assertThat(command(lab, Code.STARTER) + starter.firstLines()).as("what lab %d's grader prints for the starter,"
                + " as the answer key shows it", lab).isEqualTo(transcript("lab" + lab + "-starter.txt"));
    }
    // end::proof[]

    // tag::cheats[]
    /** A wrong answer that once passed every check: one read and a nap (lab 1), a blocking get (lab 3). */
    @ParameterizedTest(name = "lab {0}")
    @CsvSource({"1, a message whose pieces come seconds apart is echoed whole",
            "3, many clients that pause mid message are all echoed"})
    void theGraderFailsTheCheat(int lab, String checkThatCatchesIt) throws IOException {
        Summary cheat = Grading.grade(lab, Code.CHEAT);

        assertThat(cheat.checks().stream().filter(check -> !check.passed()).map(Check::name))
                .as("the checks of lab %d that fail dev.socketsamples.labs.cheats.lab%d:%n%s", lab, lab, cheat.text())
                .contains(checkThatCatchesIt);
        assertThat(command(lab, Code.CHEAT) + cheat.firstLines()).as("what lab %d's grader prints for the cheat,"
                + " as the answer key shows it", lab).isEqualTo(transcript("lab" + lab + "-cheat.txt"));
    }
    // end::cheats[]

    // tag::transcripts[]
    @Test
    void theLabPagesShowWhatTheGraderPrints() throws IOException {
        assertThat(command(1, Code.STARTER) + Grading.grade(1, Code.STARTER).firstLines()).as("what lab 1's grader prints for the"
                + " starter, as the lab 1 page shows it").isEqualTo(transcript("lab1-starter.txt"));
        assertThat(command(1, Code.STARTER) + Grading.grade(1, Code.SOLUTION).text()).as("what lab 1's grader prints for the solution,"
                + " as the lab 1 page shows it").isEqualTo(transcript("lab1-solution.txt"));
    }
    // end::transcripts[]

    /** The command a student types to grade {@code code} for lab {@code lab}: the first line of its transcript. */
    private static String command(int lab, Code code) {
        return "$ ./mvnw -q -pl labs -am verify -Dlab=" + lab
                + (code == Code.STARTER ? "" : " -Dlab.code=" + code.name().toLowerCase(Locale.ROOT)) + "\n";
    }

    /** A transcript that a lab page includes: when the grader's words change, update the file to match. */
    private static String transcript(String name) throws IOException {
        try (InputStream in = EveryGraderGradesTest.class.getResourceAsStream("/transcripts/" + name)) {
            assertThat(in).as("labs/src/test/resources/transcripts/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> passing(Summary summary) {
        return summary.checks().stream().filter(Check::passed).map(Check::name).toList();
    }

    private static List<String> markedToPassOnTheStarter(Summary summary) {
        return summary.checks().stream().filter(check -> check.method().isAnnotationPresent(PassesOnTheStarter.class))
                .map(Check::name).toList();
    }
}
