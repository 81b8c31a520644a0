package dev.socketsamples.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompareTest {

    @Test
    void helpExitsZero() {
        assertThat(Compare.run("--help")).isEqualTo(CommandLine.EXIT_OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bench", "demo --fast"})
    void anythingElseIsAUsageError(String args) {
        String[] words = args.isEmpty() ? new String[0] : args.split(" ");
        assertThat(Compare.run(words)).isEqualTo(CommandLine.EXIT_USAGE);
    }
}
