package dev.socketsamples.syncserver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code main} in a JVM of its own, so that its exit code and its output are the real ones: its own option.
 * Port in use, SIGTERM and the rest run against every server's main in compare's EveryServerMainTest.
 */
@Timeout(60)
class MainTest {

    private final ChildJvm jvm = new ChildJvm();

    @AfterEach
    void stopEveryProcess() throws InterruptedException {
        jvm.close();
    }

    @Test
    void aBadArgumentIsAUsageLineAndExitCode2() throws Exception {
        Process server = jvm.start(SynchronousSocketListener.class, "--threads", "many");

        assertThat(server.waitFor()).isEqualTo(2);
        assertThat(new String(server.getErrorStream().readAllBytes(), UTF_8)).contains(
                "--threads is one or virtual, got 'many'",
                "usage: sync-server [--host H] [--port P] [--threads one|virtual]");
    }
}
