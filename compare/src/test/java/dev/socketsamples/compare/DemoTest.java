package dev.socketsamples.compare;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo a newcomer runs first: it must finish, and its transcript must tell the story it promises. */
class DemoTest {

    @Test
    void theDemoRunsEveryClientAgainstEveryServerAndShowsWhoWaited() {
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();

        int exitCode = Demo.run(new PrintStream(transcript, true, UTF_8));

        List<String> lines = transcript.toString(UTF_8).lines().toList();
        assertThat(exitCode).isZero();
        for (ServerKind server : ServerKind.values()) {
            assertThat(lines).contains("=== " + server + " ===");
        }
        assertThat(lines).filteredOn(line -> line.contains("Echoed text = Hello from the sync client<EOF>"))
                .hasSize(ServerKind.values().length);
        assertThat(lines).filteredOn(line -> line.contains("Response received : Hello from the async client"))
                .hasSize(2 * ServerKind.values().length);
        // One thread serves the one-at-a-time server's clients in turn, so B and C cannot overtake A there.
        assertThat(lines).filteredOn(line -> line.contains("B and C waited for A")).hasSizeGreaterThanOrEqualTo(1);
        assertThat(lines).anyMatch(line -> line.matches(".*server sync-connection-\\d+ +Text received : .*"))
                .anyMatch(line -> line.matches(".*server async-server-\\d+ +Read \\d+ bytes from socket\\."))
                .anyMatch(line -> line.matches(".*server selector-loop +Read \\d+ bytes from socket\\."));
    }
}
