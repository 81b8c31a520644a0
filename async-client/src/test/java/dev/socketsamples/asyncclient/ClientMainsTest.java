package dev.socketsamples.asyncclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mains' help and usage exits, in a JVM of their own, since parseOrExit ends the JVM. */
class ClientMainsTest {

    private final ChildJvm jvm = new ChildJvm();

    @AfterEach
    void stopEveryProcess() throws InterruptedException {
        jvm.close();
    }

    @Test
    void helpPrintsTheOptionsAndExitsZero() throws Exception {
        Process help = jvm.start(AsynchronousClient.class, "--help");

        assertThat(help.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(help.inputReader().lines().toList())
                .anyMatch(line -> line.startsWith("usage: async-client"))
                .anyMatch(line -> line.contains("--timeout"));
    }

    @Test
    void aBadArgumentIsAUsageLineAndExitCodeTwo() throws Exception {
        Process asynchronous = jvm.start(AsynchronousClient.class, "--timeout", "soon");
        Process future = jvm.start(CompletableFutureClient.class, "--port", "-1");

        for (Process process : List.of(asynchronous, future)) {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
        }
        assertThat(asynchronous.errorReader().lines()).anyMatch(line -> line.startsWith("usage: async-client"));
        assertThat(future.errorReader().lines()).anyMatch(line -> line.startsWith("usage: future-client"));
    }

}
