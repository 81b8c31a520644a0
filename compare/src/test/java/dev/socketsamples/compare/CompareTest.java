package dev.socketsamples.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompareTest {

    @Test
    void helpExitsZero() {
        Printed help = Printed.by(() -> Compare.run("--help"));
        assertThat(help.exitCode()).isEqualTo(CommandLine.EXIT_OK);
        assertThat(help.out()).contains("demo", "drain", "load", "check", "timeline");
        assertThat(help.err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''          | compare: say what to run",
            "bench       | compare: unknown command 'bench'",
            "demo --fast | compare: demo takes no options",
            "drain --fast | compare: drain takes no options"})
    void anythingElseIsAUsageError(String args, String problem) {
        String[] words = args.isEmpty() ? new String[0] : args.split(" ");
        Printed usage = Printed.by(() -> Compare.run(words));
        assertThat(usage.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(usage.err().lines()).containsExactly(problem,
                "usage: compare demo | compare drain | compare load [--quick] [--help]"
                        + " | compare check (--target HOST:PORT | --server COMMAND | --client COMMAND) [--help]"
                        + " | compare class (HOST:PORT ... | --targets FILE) [--help]"
                        + " | compare timeline [DIRECTORY] [--help] | compare --help");
        assertThat(usage.out()).isEmpty();
    }
}
