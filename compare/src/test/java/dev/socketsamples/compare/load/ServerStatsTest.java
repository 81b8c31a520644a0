package dev.socketsamples.compare.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerStatsTest {

    @Test
    void aStatsLineReadsBackAsItWasWritten() {
        ServerStats stats = new ServerStats(23, 31, 10_000);
        assertThat(stats.toLine()).isEqualTo("stats 23 31 10000");
        assertThat(ServerStats.parse(stats.toLine())).isEqualTo(stats);
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> ServerStats.parse("heap 1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerStats.parse("stats 1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerStats.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
