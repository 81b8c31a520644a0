package dev.socketsamples.syncclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import dev.socketsamples.shared.testing.FakeServer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code main} in a JVM of its own, so that its exit codes and its output are the real ones. */
@Timeout(60)
class MainTest {

    private final ChildJvm jvm = new ChildJvm();

    @AfterEach
    void stopEveryProcess() throws InterruptedException {
        jvm.close();
    }

    // tag::default-host[]
    @Test
    void anExchangeExits0WithTheThreeLinesOfTheOriginal() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.ECHO)) {
            Process client = jvm.start(SynchronousSocketClient.class,
                    "--port", String.valueOf(server.port()), "--message", "Hello, world");

            assertThat(client.waitFor()).isZero();
            assertThat(stdout(client)).containsExactly(
                    "Socket connected to 127.0.0.1:" + server.port(),
                    "Sent 17 bytes to server.",
                    "Echoed text = Hello, world<EOF>");
            assertThat(stderr(client)).isEmpty();
        }
    }
    // end::default-host[]

    @Test
    void aBadArgumentIsAUsageLineAndExitCode2() throws Exception {
        Process client = jvm.start(SynchronousSocketClient.class, "--timeout", "soon");

        assertThat(client.waitFor()).isEqualTo(2);
        assertThat(stderr(client)).containsExactly(
                "sync-client: --timeout needs a number of seconds, got 'soon'",
                "usage: sync-client [--host H] [--port P] [--message TEXT] [--timeout SECONDS] [--help]");
    }

    @Test
    void helpExits0AndNamesEveryOption() throws Exception {
        Process client = jvm.start(SynchronousSocketClient.class, "--help");

        assertThat(client.waitFor()).isZero();
        assertThat(String.join("\n", stdout(client))).contains("--host", "--port", "--message", "--timeout");
    }

    private static List<String> stdout(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), UTF_8).lines().toList();
    }

    private static List<String> stderr(Process process) throws IOException {
        return new String(process.getErrorStream().readAllBytes(), UTF_8).lines().toList();
    }
}
