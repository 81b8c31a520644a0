package dev.socketsamples.asyncserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import dev.socketsamples.shared.testing.RawClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The main as a user runs it, in a JVM of its own, so that its exit codes are the real ones. */
class AsynchronousSocketListenerMainTest {

    @RegisterExtension
    final ChildJvm jvm = new ChildJvm();

    // tag::serves-until-stopped[]
    @Test
    @ChildJvm.WhereTerminateIsGraceful
    void servesThenStopsWithExitCodeZeroWhenAskedToTerminateWhereTheOsCanAskWithoutKilling() throws Exception {
        Process server = jvm.start(AsynchronousSocketListener.class, "--port", "0");
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String bound = out.readLine();
        assertThat(bound).startsWith("Local address and port : 127.0.0.1:");
        int port = Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1));

        byte[] message = "This is a test<EOF>".getBytes(StandardCharsets.UTF_8);
        assertThat(RawClient.exchange(port, message)).isEqualTo(message);

        ChildJvm.terminate(server); // SIGTERM: the same shutdown hook as Ctrl+C
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(out.lines().toList())
                .anyMatch(line -> line.matches("\\[async-server-\\d+\\] Sent 19 bytes to client\\."));
    }
    // end::serves-until-stopped[]
}
