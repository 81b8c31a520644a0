package dev.socketsamples.shared;

import java.io.PrintStream;

/** One exchange of a client: connect, send the message, return the echo. Each client's startClient is one. */
@FunctionalInterface
public interface EchoClient {

    byte[] startClient(ClientConfig config) throws SampleFailure;

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
