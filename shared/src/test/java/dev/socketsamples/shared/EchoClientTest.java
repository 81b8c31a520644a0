package dev.socketsamples.shared;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class EchoClientTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ClientConfig config = ClientConfig.loopback(1, Protocol.eofBytes());

    @Test
    void anExchangeExitsZeroAndPrintsNoError() {
        int exitCode = EchoClient.run("c", c -> c.message(), config, new PrintStream(err, true, UTF_8));

        assertThat(exitCode).isEqualTo(CommandLine.EXIT_OK);
        assertThat(err.size()).isZero();
    }

    @Test
    void aFailureIsOneLineNamingTheProgramAndExitsOne() {
        EchoClient refused = c -> {
            throw SampleFailure.cannotConnect(c.host(), c.port(), new java.net.ConnectException("Connection refused"));
        };

        int exitCode = EchoClient.run("sync-client", refused, config, new PrintStream(err, true, UTF_8));

        assertThat(exitCode).isEqualTo(CommandLine.EXIT_FAILURE);
        assertThat(err.toString(UTF_8).lines())
                .containsExactly("sync-client: cannot connect to 127.0.0.1:1: connection refused");
    }
}
