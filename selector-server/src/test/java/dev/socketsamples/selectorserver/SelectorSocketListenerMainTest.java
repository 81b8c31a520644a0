package dev.socketsamples.selectorserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The main as a user runs it, in a JVM of its own, so that its exit codes are the real ones: its own options.
 * SIGTERM, a port in use and the rest run against every server's main in compare's EveryServerMainTest.
 */
class SelectorSocketListenerMainTest {

    @RegisterExtension
    final ChildJvm jvm = new ChildJvm();

    @Test
    void helpListsTheServerOptionsAndABadArgumentIsExitCodeTwo() throws Exception {
        ChildJvm.Exited help = jvm.run(SelectorSocketListener.class, "--help");
        assertThat(help.code()).isZero();
        assertThat(help.stdout()).anyMatch(line -> line.startsWith("usage: selector-server"))
                .anyMatch(line -> line.contains("--backlog"))
                .anyMatch(line -> line.contains("--idle-timeout"))
                .anyMatch(line -> line.contains("--memory-budget"))
                .noneMatch(line -> line.contains("--threads") || line.contains("--accept"));

        ChildJvm.Exited bad = jvm.run(SelectorSocketListener.class, "--port", "eleven");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.stderr()).anyMatch(line -> line.startsWith("usage: selector-server"));
    }
}
