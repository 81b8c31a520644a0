package dev.socketsamples.compare.load;

import dev.socketsamples.compare.ServerKind;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadBenchmarkTest {

    private static LoadBenchmark benchmark(String... args) throws UsageException {
        return LoadBenchmark.of(args);
    }

    @Test
    void theFullRunMeasuresEveryKindOfServerAndNettyAndHoldsWhatTheOpenFileLimitAllows() throws UsageException {
        LoadBenchmark full = benchmark();

        assertThat(full.clients).containsExactly(1, 10, 100, 1000);
        assertThat(full.rounds).isEqualTo(2);
        assertThat(full.timeout).isEqualTo(Duration.ofSeconds(10));
        assertThat(full.held).isEqualTo(LoadBenchmark.openFileLimit() - LoadBenchmark.DESCRIPTOR_HEADROOM);
        assertThat(full.out).isEqualTo(Path.of("compare", "target", "benchmark"));
        for (ServerKind kind : ServerKind.values()) {
            assertThat(full.servers).contains(ServerProcess.nameOf(kind));
        }
        assertThat(full.servers).endsWith(ServerProcess.NETTY);
    }

    @Test
    void quickIsShorterInEveryWay() throws UsageException {
        LoadBenchmark full = benchmark();
        LoadBenchmark quick = benchmark("--quick");

        assertThat(quick.clients).containsExactly(100, 1000);
        assertThat(quick.window).isLessThan(full.window);
        assertThat(quick.warmup).isLessThan(full.warmup);
        assertThat(quick.rounds).isEqualTo(1);
        assertThat(quick.held).isLessThan(full.held);
    }

    @Test
    void givenValuesWinOverQuickAndNettyIsAlwaysMeasured() throws UsageException {
        LoadBenchmark custom = benchmark("--quick", "--clients", "20,2", "--seconds", "4", "--rounds", "3",
                "--held", "0", "--rate", "500", "--timeout", "2.5", "--servers", "async-chained-accept",
                "--out", "somewhere");

        assertThat(custom.clients).containsExactly(2, 20);
        assertThat(custom.window).isEqualTo(Duration.ofSeconds(4));
        assertThat(custom.rounds).isEqualTo(3);
        assertThat(custom.held).isZero();
        assertThat(custom.rate).isEqualTo(500);
        assertThat(custom.timeout).isEqualTo(Duration.ofMillis(2500));
        assertThat(custom.servers).containsExactly("async-chained-accept", ServerProcess.NETTY);
        assertThat(custom.out).isEqualTo(Path.of("somewhere"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --quick=yes        | Invalid value for option '--quick': 'yes' is not a boolean
            --clients 1,x      | Invalid value for option '--clients' (N): 'x' is not an int
            --clients 1,0      | --clients needs a whole number from 1 to 10000, got '0'
            --rate 0           | --rate needs a whole number from 1 to 100000, got '0'
            --seconds          | Missing required parameter for option '--seconds' (S)
            --servers tomcat   | --servers needs names among sync-one-at-a-time, sync-virtual-threads, async-callbacks, async-chained-accept, selector, netty, got 'tomcat'
            --fast             | Unknown option: '--fast'
            """)
    void aBadArgumentSaysWhatIsWrongInOneLine(String args, String message) {
        assertThatThrownBy(() -> benchmark(args.split(" "))).isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void theEntryPointReturnsTwoOnBadUsageAndZeroForHelp() {
        assertThat(LoadBenchmark.run("--fast")).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(LoadBenchmark.run("--help")).isEqualTo(CommandLine.EXIT_OK);
    }
}
