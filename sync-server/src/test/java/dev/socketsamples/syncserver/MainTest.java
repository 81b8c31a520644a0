package dev.socketsamples.syncserver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import dev.socketsamples.shared.testing.RawClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aPortInUseIsOneLineOnStandardErrorAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process server = jvm.start(SynchronousSocketListener.class, "--port", String.valueOf(taken.getLocalPort()));

            assertThat(server.waitFor()).isEqualTo(1);
            assertThat(new String(server.getErrorStream().readAllBytes(), UTF_8).lines()).containsExactly(
                    "sync-server: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": address already in use; is another server running? choose another port with --port");
            assertThat(server.getInputStream().readAllBytes()).isEmpty();
        }
    }

    @Test
    void aBadArgumentIsAUsageLineAndExitCode2() throws Exception {
        Process server = jvm.start(SynchronousSocketListener.class, "--threads", "many");

        assertThat(server.waitFor()).isEqualTo(2);
        assertThat(new String(server.getErrorStream().readAllBytes(), UTF_8)).contains(
                "--threads is one or virtual, got 'many'",
                "usage: sync-server [--host H] [--port P] [--threads one|virtual]");
    }

    @Test
    @ChildJvm.WhereTerminateIsGraceful
    void servesUntilAskedToStopThenExits0WhereTheOsCanAskWithoutKilling() throws Exception {
        Process server = jvm.start(SynchronousSocketListener.class, "--port", "0", "--threads", "virtual");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8))) {
            String bound = out.readLine();
            assertThat(bound).startsWith("Local address and port : 127.0.0.1:");
            int port = Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1));
            byte[] message = "This is a test<EOF>".getBytes(UTF_8);

            assertThat(RawClient.exchange(port, message)).isEqualTo(message);

            ChildJvm.terminate(server);
            assertThat(server.waitFor()).isZero();
            List<String> rest = new ArrayList<>();
            out.lines().forEach(rest::add);
            assertThat(rest).contains("Text received : This is a test<EOF>", "Sent 19 bytes to client.");
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

}
