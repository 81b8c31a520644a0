package dev.socketsamples.compare.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest {

    private static Latencies of(long... values) {
        Latencies latencies = new Latencies();
        for (long value : values) {
            latencies.record(value);
        }
        return latencies;
    }

    @Test
    void percentilesAreNearestRankOverUnsortedValues() {
        Latencies latencies = new Latencies();
        for (long v = 100; v >= 1; v--) {
            latencies.record(v);
        }
        assertThat(latencies.percentile(50)).isEqualTo(50);
        assertThat(latencies.percentile(99)).isEqualTo(99);
        assertThat(latencies.percentile(100)).isEqualTo(100);
        assertThat(latencies.percentile(0.5)).isEqualTo(1);
    }

    @Test
    void aSmallSampleRoundsTheRankUp() {
        Latencies latencies = of(30, 10, 20);
        assertThat(latencies.percentile(50)).isEqualTo(20);
        assertThat(latencies.percentile(99)).isEqualTo(30);
        assertThat(of(7).percentile(50)).isEqualTo(7);
    }

    @Test
    void recordingAfterAPercentileStillCounts() {
        Latencies latencies = of(5, 1);
        assertThat(latencies.percentile(100)).isEqualTo(5);
        latencies.record(9);
        assertThat(latencies.percentile(100)).isEqualTo(9);
        assertThat(latencies.count()).isEqualTo(3);
    }

    @Test
    void mergingKeepsEveryValueBeyondTheInitialCapacity() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (int i = 1; i <= 1500; i++) {
            a.record(i);
            b.record(1500 + i);
        }
        a.addAll(b);
        assertThat(a.count()).isEqualTo(3000);
        assertThat(a.percentile(50)).isEqualTo(1500);
        assertThat(a.percentile(100)).isEqualTo(3000);
    }

    @Test
    void nothingRecordedReadsZero() {
        assertThat(new Latencies().percentile(99)).isZero();
    }

    @Test
    void aPercentileOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of(1).percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
