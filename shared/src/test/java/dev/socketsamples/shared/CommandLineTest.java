package dev.socketsamples.shared;

import static dev.socketsamples.shared.CommandLine.Option.HOST;
import static dev.socketsamples.shared.CommandLine.Option.IDLE_TIMEOUT;
import static dev.socketsamples.shared.CommandLine.Option.MAX_MESSAGE_BYTES;
import static dev.socketsamples.shared.CommandLine.Option.MESSAGE;
import static dev.socketsamples.shared.CommandLine.Option.PORT;
import static dev.socketsamples.shared.CommandLine.Option.THREADS;
import static dev.socketsamples.shared.CommandLine.Option.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    private static final Set<CommandLine.Option> SERVER = EnumSet.of(HOST, PORT, THREADS, MAX_MESSAGE_BYTES, IDLE_TIMEOUT);
    private static final Set<CommandLine.Option> CLIENT = EnumSet.of(HOST, PORT, MESSAGE, TIMEOUT);

    /** A sample's own names for --threads one|virtual, which the command line parses into. */
    private enum Threads { ONE, VIRTUAL }

    // tag::defaults[]
    @Test
    void noArgumentsGiveTheProtocolDefaults() throws UsageException {
        CommandLine server = CommandLine.parse(SERVER);
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).as("the .NET samples' port").isEqualTo(11_000);
        assertThat(server.choice(THREADS, Threads.ONE, Threads.VIRTUAL)).isEqualTo(Threads.ONE);
        assertThat(server.maxMessageBytes()).isEqualTo(1024 * 1024);
        assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(30));

        CommandLine client = CommandLine.parse(CLIENT);
        assertThat(client.message()).isEqualTo("This is a test<EOF>");
        assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(client.helpRequested()).isFalse();
    }
    // end::defaults[]

    @Test
    void valuesComeAfterTheFlagOrAfterAnEqualsSign() throws UsageException {
        CommandLine line = CommandLine.parse(SERVER, "--port", "0", "--host=::1", "--threads", "virtual",
                "--max-message-bytes=64", "--idle-timeout", "0.5");
        assertThat(line.port()).isZero();
        assertThat(line.host()).isEqualTo("::1");
        assertThat(line.choice(THREADS, Threads.ONE, Threads.VIRTUAL)).isEqualTo(Threads.VIRTUAL);
        assertThat(line.maxMessageBytes()).isEqualTo(64);
        assertThat(line.idleTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    // tag::marker-appended[]
    @Test
    void theMarkerIsAppendedToAMessageThatLacksIt() throws UsageException {
        assertThat(CommandLine.parse(CLIENT, "--message", "hi").message()).isEqualTo("hi<EOF>");
        assertThat(CommandLine.parse(CLIENT, "--message", "hi<EOF>").message()).isEqualTo("hi<EOF>");
        assertThat(CommandLine.parse(CLIENT, "--message", "").message()).isEqualTo("<EOF>");
    }
    // end::marker-appended[]

    @Test
    void helpIsAFlagNotAnError() throws UsageException {
        assertThat(CommandLine.parse(CLIENT, "--help").helpRequested()).isTrue();
        assertThat(CommandLine.parse(CLIENT, "-h").helpRequested()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --port abc                  | --port needs a whole number from 0 to 65535, got 'abc'
            --port 65536                | --port needs a whole number from 0 to 65535, got '65536'
            --port -1                   | --port needs a whole number from 0 to 65535, got '-1'
            --port                      | --port needs a value (P)
            --threads platform          | --threads is one or virtual, got 'platform'
            --max-message-bytes 4       | --max-message-bytes needs a whole number from 5 to 2147483639, got '4'
            --idle-timeout soon         | --idle-timeout needs a number of seconds, got 'soon'
            --idle-timeout 0            | --idle-timeout needs at least 0.001 seconds, got '0'
            --verbose                   | unknown option --verbose
            extra                       | unexpected argument 'extra'
            """)
    void aBadArgumentSaysWhatIsWrongInOneLine(String args, String message) {
        assertThatThrownBy(() -> CommandLine.parse(SERVER, args.split(" ")))
                .isInstanceOf(UsageException.class)
                .hasMessage(message);
    }

    @Test
    void aClientOptionIsUnknownToAServer() {
        assertThatThrownBy(() -> CommandLine.parse(SERVER, "--message", "hi"))
                .hasMessage("unknown option --message");
    }

    @Test
    void theUsageLineNamesEveryAcceptedOption() {
        assertThat(CommandLine.usage("sync-client", CLIENT)).isEqualTo(
                "usage: sync-client [--host H] [--port P] [--message TEXT] [--timeout SECONDS] [--help]");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String help = CommandLine.help("sync-server", "The synchronous server.", SERVER);
        assertThat(help).startsWith("The synchronous server.\n\nusage: sync-server ");
        assertThat(help).contains("--host H", "(default: 127.0.0.1)",
                "--port P", "(default: " + Protocol.DEFAULT_PORT + ")", "--threads one|virtual", "(default: one)", "(default: 1048576)", "--idle-timeout SECONDS",
                "(default: 30)", "--help");
        assertThat(CommandLine.help("c", "c", CLIENT)).contains("(default: This is a test<EOF>)", "(default: 10)");
    }
}
