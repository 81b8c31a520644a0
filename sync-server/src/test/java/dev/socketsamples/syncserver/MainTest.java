package dev.socketsamples.syncserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code main} in a JVM of its own, so that its exit code and its output are the real ones: its own option.
 * Port in use, SIGTERM and the rest run against every server's main in compare's EveryServerMainTest.
 */
@Timeout(60)
class MainTest {

    @RegisterExtension
    final ChildJvm jvm = new ChildJvm();

    @Test
    void aBadArgumentIsAUsageLineAndExitCode2() throws Exception {
        ChildJvm.Exited server = jvm.run(SynchronousSocketListener.class, "--threads", "many");

        assertThat(server.code()).isEqualTo(2);
        assertThat(String.join("\n", server.stderr())).contains(
                "--threads is one or virtual, got 'many'",
                "usage: sync-server [--host H] [--port P] [--threads one|virtual]");
    }
}
