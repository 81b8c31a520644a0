package dev.socketsamples.selectorserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import dev.socketsamples.shared.testing.RawClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The main as a user runs it, in a JVM of its own, so that its exit codes are the real ones. */
class SelectorSocketListenerMainTest {

    private final ChildJvm jvm = new ChildJvm();

    @AfterEach
    void stopEveryProcess() {
        jvm.close();
    }

    // tag::serves-until-stopped[]
    @Test
    @ChildJvm.WhereTerminateIsGraceful
    void servesThenStopsWithExitCodeZeroWhenAskedToTerminateWhereTheOsCanAskWithoutKilling() throws Exception {
        Process server = jvm.start(SelectorSocketListener.class, "--port", "0", "--backlog", "16");
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String bound = out.readLine();
        assertThat(bound).startsWith("Local address and port : 127.0.0.1:");
        int port = Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1));

        byte[] message = "This is a test<EOF>".getBytes(StandardCharsets.UTF_8);
        assertThat(RawClient.exchange(port, message)).isEqualTo(message);

        ChildJvm.terminate(server); // SIGTERM: the same shutdown hook as Ctrl+C
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(out.lines().toList()).containsExactly("Waiting for a connection...",
                "[selector-loop] Read 19 bytes from socket.",
                "[selector-loop] Data : This is a test<EOF>",
                "[selector-loop] Sent 19 bytes to client.",
                "Stopping: letting the exchanges in flight finish, for at most 5 s.");
    }
    // end::serves-until-stopped[]

    @Test
    void aPortInUseIsOneLineAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process server = jvm.start(SelectorSocketListener.class, "--port", String.valueOf(taken.getLocalPort()));

            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isEqualTo(1);
            assertThat(server.errorReader().lines().toList()).containsExactly("selector-server: cannot listen on"
                    + " 127.0.0.1:" + taken.getLocalPort() + ": address already in use; is another server running?"
                    + " choose another port with --port");
            assertThat(server.inputReader().lines().toList()).isEmpty();
        }
    }

    @Test
    void helpListsTheServerOptionsAndABadArgumentIsExitCodeTwo() throws Exception {
        Process help = jvm.start(SelectorSocketListener.class, "--help");
        assertThat(help.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        List<String> lines = help.inputReader().lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("usage: selector-server"))
                .anyMatch(line -> line.contains("--backlog"))
                .anyMatch(line -> line.contains("--idle-timeout"))
                .anyMatch(line -> line.contains("--memory-budget"))
                .noneMatch(line -> line.contains("--threads") || line.contains("--accept"));

        Process bad = jvm.start(SelectorSocketListener.class, "--port", "eleven");
        assertThat(bad.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(bad.errorReader().lines()).anyMatch(line -> line.startsWith("usage: selector-server"));
    }
}
