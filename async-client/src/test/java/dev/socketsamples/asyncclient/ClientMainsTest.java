package dev.socketsamples.asyncclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mains' help and usage exits, in a JVM of their own, since parseOrExit ends the JVM. */
class ClientMainsTest {

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEveryProcess() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void helpPrintsTheOptionsAndExitsZero() throws Exception {
        Process help = main(AsynchronousClient.class, "--help");

        assertThat(help.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(help.inputReader().lines().toList())
                .anyMatch(line -> line.startsWith("usage: async-client"))
                .anyMatch(line -> line.contains("--timeout"));
    }

    @Test
    void aBadArgumentIsAUsageLineAndExitCodeTwo() throws Exception {
        Process asynchronous = main(AsynchronousClient.class, "--timeout", "soon");
        Process future = main(CompletableFutureClient.class, "--port", "-1");

        for (Process process : List.of(asynchronous, future)) {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
        }
        assertThat(asynchronous.errorReader().lines()).anyMatch(line -> line.startsWith("usage: async-client"));
        assertThat(future.errorReader().lines()).anyMatch(line -> line.startsWith("usage: future-client"));
    }

    private Process main(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }
}
