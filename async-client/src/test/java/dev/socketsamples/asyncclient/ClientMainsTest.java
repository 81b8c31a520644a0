package dev.socketsamples.asyncclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mains' help and usage exits, in a JVM of their own, since parseOrExit ends the JVM. */
class ClientMainsTest {

    @RegisterExtension
    final ChildJvm jvm = new ChildJvm();

    @Test
    void helpPrintsTheOptionsAndExitsZero() throws Exception {
        ChildJvm.Exited help = jvm.run(AsynchronousClient.class, "--help");

        assertThat(help.code()).isZero();
        assertThat(help.stdout())
                .anyMatch(line -> line.startsWith("usage: async-client"))
                .anyMatch(line -> line.contains("--timeout"));
    }

    @Test
    void aBadArgumentIsAUsageLineAndExitCodeTwo() throws Exception {
        ChildJvm.Exited asynchronous = jvm.run(AsynchronousClient.class, "--timeout", "soon");
        ChildJvm.Exited future = jvm.run(CompletableFutureClient.class, "--port", "-1");

        assertThat(asynchronous.code()).isEqualTo(2);
        assertThat(future.code()).isEqualTo(2);
        assertThat(asynchronous.stderr()).anyMatch(line -> line.startsWith("usage: async-client"));
        assertThat(future.stderr()).anyMatch(line -> line.startsWith("usage: future-client"));
    }

}
