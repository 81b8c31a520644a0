package dev.socketsamples.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void hostAndPortPrintsTheAddressAndBracketsAnIpv6One() throws Exception {
        assertThat(ConsoleText.hostAndPort(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 11000)))
                .isEqualTo("127.0.0.1:11000");
        assertThat(ConsoleText.hostAndPort(new InetSocketAddress(InetAddress.getByName("::1"), 11000)))
                .isEqualTo("[0:0:0:0:0:0:0:1]:11000");
    }

    @Test
    void secondsAreAPlainNumber() {
        assertThat(ConsoleText.seconds(Duration.ofSeconds(30))).isEqualTo("30");
        assertThat(ConsoleText.seconds(Duration.ofMillis(500))).isEqualTo("0.5");
    }

    @Test
    void aCallbackLineNamesItsThread() throws Exception {
        String[] line = new String[1];
        Thread thread = Thread.ofPlatform().name("pool-7").start(() -> line[0] = ConsoleText.onThisThread("Read 5 bytes"));
        thread.join();
        assertThat(line[0]).isEqualTo("[pool-7] Read 5 bytes");
    }

    @Test
    void theMarkerIsFiveAsciiBytes() {
        assertThat(Protocol.eofBytes()).containsExactly('<', 'E', 'O', 'F', '>');
        assertThat(Protocol.withMarker("a")).isEqualTo("a<EOF>");
        assertThat(Protocol.withMarker("a<EOF>")).isEqualTo("a<EOF>");
    }
}
