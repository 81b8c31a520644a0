package dev.socketsamples.compare.load;

import dev.socketsamples.compare.load.Tally.Outcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TallyTest {

    @Test
    void anExchangeStillRunningWhenTheRunEndsCountsAsTimedOut() {
        Tally tally = new Tally();
        tally.start();
        tally.start();
        tally.start();
        tally.end(Outcome.ECHOED, TimeUnit.MILLISECONDS.toNanos(2));
        tally.close(1.0);

        assertThat(tally.started()).isEqualTo(3);
        assertThat(tally.count(Outcome.ECHOED)).isEqualTo(1);
        assertThat(tally.count(Outcome.TIMED_OUT)).isEqualTo(2);
        assertThat(tally.errors()).isEqualTo(2);
    }

    @Test
    void anEndAfterTheRunClosedIsNotCountedTwice() {
        Tally tally = new Tally();
        tally.start();
        tally.close(1.0);
        tally.end(Outcome.ECHOED, 1000);

        assertThat(tally.count(Outcome.ECHOED)).isZero();
        assertThat(tally.count(Outcome.TIMED_OUT)).isEqualTo(1);
    }

    @Test
    void percentilesComeFromTheHistogramToThreeSignificantDigits() {
        Tally tally = new Tally();
        for (int ms = 1; ms <= 1000; ms++) {
            tally.start();
            tally.end(Outcome.ECHOED, TimeUnit.MILLISECONDS.toNanos(ms));
        }
        tally.start();
        tally.end(Outcome.REFUSED, TimeUnit.MILLISECONDS.toNanos(5000));
        tally.close(2.0);

        assertThat(tally.millisAt(50)).isCloseTo(500, within(1.0));
        assertThat(tally.millisAt(99)).isCloseTo(990, within(1.0));
        assertThat(tally.millisAt(99.9)).isCloseTo(999, within(1.0));
        assertThat(tally.maxMillis()).as("a refusal is no latency").isCloseTo(1000, within(1.0));
        assertThat(tally.echoedPerSecond()).isEqualTo(500);
    }

    @Test
    void roundsAddUp() {
        Tally total = new Tally();
        for (int round = 0; round < 2; round++) {
            Tally tally = new Tally();
            tally.start();
            tally.end(Outcome.ECHOED, TimeUnit.MILLISECONDS.toNanos(10 * (round + 1)));
            tally.start();
            tally.end(Outcome.RESET, -1);
            total.add(tally.close(1.5));
        }
        assertThat(total.started()).isEqualTo(4);
        assertThat(total.count(Outcome.RESET)).isEqualTo(2);
        assertThat(total.seconds()).isEqualTo(3.0);
        assertThat(total.maxMillis()).isCloseTo(20, within(0.1));
    }

    @Test
    void failuresAreSortedByWhatTheSystemSaid() {
        assertThat(Outcome.of(new ConnectException("Connection refused"))).isEqualTo(Outcome.REFUSED);
        assertThat(Outcome.of(new SocketException("Connection reset"))).isEqualTo(Outcome.RESET);
        assertThat(Outcome.of(new SocketException("Broken pipe"))).isEqualTo(Outcome.RESET);
        assertThat(Outcome.of(new SocketTimeoutException("Connect timed out"))).isEqualTo(Outcome.TIMED_OUT);
        assertThat(Outcome.of(new SocketTimeoutException("Read timed out"))).isEqualTo(Outcome.TIMED_OUT);
        assertThat(Outcome.of(new IOException("anything else"))).isEqualTo(Outcome.OTHER);
    }
}
