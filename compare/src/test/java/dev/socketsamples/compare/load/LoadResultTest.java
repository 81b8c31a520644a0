package dev.socketsamples.compare.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoadResultTest {

    private static LoadGenerator.Window window(long errors, double seconds, long... latencies) {
        Latencies recorded = new Latencies();
        for (long latency : latencies) {
            recorded.record(latency);
        }
        return new LoadGenerator.Window(10, recorded, errors, seconds);
    }

    @Test
    void roundsAddUpToOneResultWithPercentilesOverEveryLatency() {
        LoadResult result = LoadResult.of(List.of(window(1, 2.0, 10, 20, 30), window(2, 2.0, 40, 50, 60, 70, 80)));

        assertThat(result).isEqualTo(new LoadResult(10, 8, 3, 4.0, 40, 80));
        assertThat(result.messagesPerSecond()).isEqualTo(2.0);
    }

    @Test
    void aWindowWithNothingCompletedReadsZero() {
        LoadResult result = LoadResult.of(List.of(window(5, 2.0)));

        assertThat(result.messagesPerSecond()).isZero();
        assertThat(result.p99Nanos()).isZero();
        assertThat(result.errors()).isEqualTo(5);
    }
}
