package dev.socketsamples.shared;

import static dev.socketsamples.shared.CommandLine.Option.HOST;
import static dev.socketsamples.shared.CommandLine.Option.MESSAGE;
import static dev.socketsamples.shared.CommandLine.Option.PORT;
import static dev.socketsamples.shared.CommandLine.Option.TIMEOUT;

import java.io.PrintStream;
import java.util.EnumSet;

/** One exchange of a client: connect, send the message, return the echo. Each client's startClient is one. */
@FunctionalInterface
public interface EchoClient {

    byte[] startClient(ClientConfig config) throws SampleFailure;

    // tag::main[]
    /** What every client's main does: parse the command line, run one exchange, exit 0, or 1 with one line. */
    static void main(String program, String summary, String[] args, EchoClient client) {
        CommandLine commandLine = CommandLine.parseOrExit(program, summary, EnumSet.of(HOST, PORT, MESSAGE, TIMEOUT),
                args);
        System.exit(run(program, client, ClientConfig.from(commandLine), System.err));
    }
    // end::main[]

    /** What every client's main does after parsing: one exchange, then 0; or the failure as one line and 1. */
    static int run(String program, EchoClient client, ClientConfig config, PrintStream err) {
        try {
            client.startClient(config);
            return CommandLine.EXIT_OK;
        } catch (SampleFailure e) {
            err.println(program + ": " + e.getMessage());
            return CommandLine.EXIT_FAILURE;
        }
    }
}
