package dev.socketsamples.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.ConnectException;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SampleFailureTest {

    // tag::one-line-failures[]
    @Test
    void refusedConnectionsReadAsTheProtocolSays() {
        assertThat(SampleFailure.cannotConnect("127.0.0.1", 11000, new ConnectException("Connection refused"))
                .getMessage()).isEqualTo("cannot connect to 127.0.0.1:11000: connection refused");
    }
    // end::one-line-failures[]

    @Test
    void aTimeoutIsNamedWithoutItsExceptionClass() {
        assertThat(SampleFailure.cannotConnect("h", 1, new InterruptedByTimeoutException()).getMessage())
                .isEqualTo("cannot connect to h:1: timed out");
        assertThat(SampleFailure.noEcho("h", 1, Duration.ofMillis(2500)).getMessage())
                .isEqualTo("no echo from h:1 within 2.5s");
    }

    @Test
    void aPortInUseNamesTheFix() {
        assertThat(SampleFailure.cannotListen("127.0.0.1", 11000, new BindException("Address already in use"))
                .getMessage()).isEqualTo("cannot listen on 127.0.0.1:11000: address already in use;"
                        + " is another server running? choose another port with --port");
    }

    @Test
    void aServerThatClosesEarlyIsReportedWithTheByteCount() {
        assertThat(SampleFailure.closedWithoutEcho("h", 1, 3).getMessage())
                .isEqualTo("h:1 closed the connection without echoing the message (3 bytes received, no <EOF>)");
    }
}
