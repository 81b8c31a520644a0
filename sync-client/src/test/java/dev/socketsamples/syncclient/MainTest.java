package dev.socketsamples.syncclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import dev.socketsamples.shared.testing.FakeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code main} in a JVM of its own, so that its exit codes and its output are the real ones. */
@Timeout(60)
class MainTest {

    @RegisterExtension
    final ChildJvm jvm = new ChildJvm();

    // tag::default-host[]
    @Test
    void anExchangeExits0WithTheThreeLinesOfTheOriginal() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.ECHO)) {
            ChildJvm.Exited client = jvm.run(SynchronousSocketClient.class,
                    "--port", String.valueOf(server.port()), "--message", "Hello, world");

            assertThat(client.code()).isZero();
            assertThat(client.stdout()).containsExactly(
                    "Socket connected to 127.0.0.1:" + server.port(),
                    "Sent 17 bytes to server.",
                    "Echoed text = Hello, world<EOF>");
            assertThat(client.stderr()).isEmpty();
        }
    }
    // end::default-host[]

    @Test
    void aBadArgumentIsAUsageLineAndExitCode2() throws Exception {
        ChildJvm.Exited client = jvm.run(SynchronousSocketClient.class, "--timeout", "soon");

        assertThat(client.code()).isEqualTo(2);
        assertThat(client.stderr()).containsExactly(
                "sync-client: --timeout needs a number of seconds, got 'soon'",
                "usage: sync-client [--host H] [--port P] [--message TEXT] [--timeout SECONDS] [--help]");
    }
}
