package dev.socketsamples.compare.load;

import dev.socketsamples.compare.Printed;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    @Test
    void defaultsAreTheFullRunOverEveryServer() throws UsageException {
        BenchmarkOptions options = BenchmarkOptions.parse();
        assertThat(options.help()).isFalse();
        assertThat(options.clients()).containsExactly(1, 10, 100, 1000);
        assertThat(options.window()).isEqualTo(Duration.ofSeconds(4));
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.held()).isEqualTo(10_000);
        assertThat(options.targets()).containsExactly(Target.values());
        assertThat(options.out()).isEqualTo(Path.of("compare", "target", "benchmark"));
    }

    @Test
    void quickIsShorterAndKeepsTheHundredClientLevel() throws UsageException {
        BenchmarkOptions options = BenchmarkOptions.parse("--quick");
        assertThat(options.quick()).isTrue();
        assertThat(options.clients()).contains(100).hasSizeLessThan(4);
        assertThat(options.window()).isLessThan(BenchmarkOptions.parse().window());
        assertThat(options.warmup()).isLessThan(BenchmarkOptions.parse().warmup());
        assertThat(options.rounds()).isEqualTo(1);
    }

    @Test
    void explicitValuesWinOverQuick() throws UsageException {
        BenchmarkOptions options = BenchmarkOptions.parse("--quick", "--clients", "2,20", "--seconds", "3",
                "--rounds", "2", "--held", "0", "--out", "somewhere");
        assertThat(options.clients()).containsExactly(2, 20);
        assertThat(options.window()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.rounds()).isEqualTo(2);
        assertThat(options.held()).isZero();
        assertThat(options.out()).isEqualTo(Path.of("somewhere"));
    }

    @Test
    void nettyIsAlwaysMeasuredAsTheReference() throws UsageException {
        assertThat(BenchmarkOptions.parse("--targets", "async,sync-virtual").targets())
                .containsExactly(Target.SYNC_VIRTUAL, Target.ASYNC, Target.NETTY);
    }

    @Test
    void helpIsRecognised() throws UsageException {
        assertThat(BenchmarkOptions.parse("--help").help()).isTrue();
        assertThat(BenchmarkOptions.helpText()).startsWith("Load benchmark").contains(BenchmarkOptions.USAGE);
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertUsage(List.of("--fast"), "unknown argument '--fast'");
        assertUsage(List.of("--clients"), "--clients needs a value");
        assertUsage(List.of("--clients", "--quick"), "--clients needs a value");
        assertUsage(List.of("--clients", "10,1"), "--clients must be increasing");
        assertUsage(List.of("--clients", "0"), "--clients must be between 1 and");
        assertUsage(List.of("--seconds", "two"), "--seconds must be a whole number");
        assertUsage(List.of("--held", "99999"), "--held must be between 0 and");
        assertUsage(List.of("--rounds", "0"), "--rounds must be between 1 and");
        assertUsage(List.of("--targets", "tomcat"), "unknown target 'tomcat'");
    }

    @Test
    void theEntryPointReturnsTwoOnBadUsageAndZeroForHelp() {
        Printed usage = Printed.by(() -> LoadBenchmark.run("--fast"));
        assertThat(usage.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(usage.err().lines()).containsExactly("load: unknown argument '--fast'", BenchmarkOptions.USAGE);
        Printed help = Printed.by(() -> LoadBenchmark.run("--help"));
        assertThat(help.exitCode()).isEqualTo(CommandLine.EXIT_OK);
        assertThat(help.out()).isEqualTo(BenchmarkOptions.helpText());
    }

    private static void assertUsage(List<String> args, String message) {
        assertThatThrownBy(() -> BenchmarkOptions.parse(args.toArray(String[]::new)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }
}
