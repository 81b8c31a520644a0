package dev.socketsamples.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.testing.ChildJvm;
import dev.socketsamples.shared.testing.ChildProcess;
import dev.socketsamples.shared.testing.ClosedPort;
import dev.socketsamples.shared.testing.FakeServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client rows of the protocol's table "Limits and bad input", run against every client: a server that is
 * not there, too slow, silent, or answers something else gets one line and a non-zero exit, never a hang.
 */
class EveryClientSurvivesBadServersTest {

    private static final byte[] MESSAGE = Messages.text("This is a test");
    /** Only a client that hangs, or waits for the wrong deadline, gets this far. */
    private static final Duration HANG = Duration.ofSeconds(10);

    @RegisterExtension
    final ChildJvm jvm = new ChildJvm();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    void nothingListeningIsOneLineAndANonZeroExitAtOnce(ClientKind kind) throws Exception {
        try (ClosedPort nobody = ClosedPort.hold()) {
            int port = nobody.port();
            ClientConfig config = ClientConfig.loopback(port, MESSAGE); // the 10 s default timeout does not end it

            int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run(kind, config));

            assertThat(exitCode).isEqualTo(1);
            assertThat(errorLines())
                    .containsExactly("client: cannot connect to 127.0.0.1:" + port + ": connection refused");
        }
    }

    // tag::deadline[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @Execution(ExecutionMode.CONCURRENT) // every client at once: each mostly waits for its deadline
    void theTimeoutIsOneDeadlineForTheWholeExchange(ClientKind kind) throws Exception {
        Duration timeout = Duration.ofSeconds(2); // twice the pace of the drip: a timeout per read never fires
        // Every read gets a byte within a second: a timeout per read would wait the 19 seconds of the echo.
        try (FakeServer dripping = FakeServer.start(FakeServer.dripping(Duration.ofSeconds(1)))) {
            ClientConfig config = ClientConfig.loopback(dripping.port(), MESSAGE).withTimeout(timeout);

            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> kind.startClient(config))
                    .as("a server that drips one byte a second").isInstanceOf(SampleFailure.class)
                    .hasMessage("no echo from 127.0.0.1:" + dripping.port() + " within 2s"));
        }
        // A message far larger than the socket buffers: a send without the deadline would wait forever.
        try (FakeServer neverReads = FakeServer.start(FakeServer.NEVER_READS)) {
            ClientConfig config = ClientConfig.loopback(neverReads.port(), Messages.ofLength(32 * 1024 * 1024))
                    .withTimeout(timeout);

            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> kind.startClient(config))
                    .as("a server that never reads").isInstanceOf(SampleFailure.class)
                    .hasMessage("no echo from 127.0.0.1:" + neverReads.port() + " within 2s"));
        }
    }
    // end::deadline[]

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    void aServerThatClosesWithoutEchoIsOneLineAndANonZeroExit(ClientKind kind) throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.CLOSE_WITHOUT_ECHO)) {
            ClientConfig config = ClientConfig.loopback(server.port(), MESSAGE);

            int exitCode = assertTimeoutPreemptively(HANG, () -> run(kind, config));

            assertThat(exitCode).isEqualTo(1);
            assertThat(errorLines()).containsExactly("client: 127.0.0.1:" + server.port()
                    + " closed the connection without echoing the message (0 bytes received, no <EOF>)");
        }
    }

    // tag::not-the-echo[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    void anEchoThatDiffersFromTheMessageIsOneLineAndExitCode1(ClientKind kind) throws Exception {
        try (FakeServer junk = FakeServer.start(FakeServer.answering(Messages.text("junk")))) {
            ChildProcess client = ChildProcess.of(jvm.start(kind.mainClass(), "--port", String.valueOf(junk.port())));

            assertThat(client.exitCode(HANG)).isEqualTo(1);
            assertThat(client.stderr()).singleElement().asString().endsWith(": 127.0.0.1:" + junk.port()
                    + " answered with other bytes than the message sent: not an echo");
        }
    }
    // end::not-the-echo[]

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    void anOptionGivenTwiceIsAUsageErrorWithExitCode2(ClientKind kind) throws Exception {
        ChildProcess client = ChildProcess.of(jvm.start(kind.mainClass(), "--timeout", "1", "--timeout", "2"));

        assertThat(client.exitCode(HANG)).isEqualTo(2);
        assertThat(client.stderr()).hasSize(2)
                .anyMatch(line -> line.endsWith("--timeout is given twice"))
                .anyMatch(line -> line.startsWith("usage: "));
    }

    /** What every client's main does once it has parsed its command line: the exit code, the line on {@link #err}. */
    private int run(ClientKind kind, ClientConfig config) {
        return EchoClient.run("client", kind, config, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> errorLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

}
