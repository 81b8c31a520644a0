package dev.socketsamples.selectorserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The main as a user runs it, in a JVM of its own: what only its help shows. The help, SIGTERM, a port in use
 * and the rest run against every server's main in compare's EveryServerMainTest.
 */
class SelectorSocketListenerMainTest {

    @RegisterExtension
    final ChildJvm jvm = new ChildJvm();

    /** One thread serves every connection: there is nothing to choose, so the help offers no such option. */
    @Test
    void helpOffersNoThreadOrAcceptOption() throws Exception {
        ChildJvm.Exited help = jvm.run(SelectorSocketListener.class, "--help");

        assertThat(help.code()).isZero();
        assertThat(help.stdout()).noneMatch(line -> line.contains("--threads") || line.contains("--accept"));
    }
}
