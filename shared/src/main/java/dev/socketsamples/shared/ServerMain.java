package dev.socketsamples.shared;

import static dev.socketsamples.shared.CommandLine.Option.BACKLOG;
import static dev.socketsamples.shared.CommandLine.Option.HOST;
import static dev.socketsamples.shared.CommandLine.Option.IDLE_TIMEOUT;
import static dev.socketsamples.shared.CommandLine.Option.MAX_MESSAGE_BYTES;
import static dev.socketsamples.shared.CommandLine.Option.MEMORY_BUDGET;
import static dev.socketsamples.shared.CommandLine.Option.PORT;

import dev.socketsamples.shared.CommandLine.Option;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * What every server's {@code main} does around its lesson: parse the command line, start, say in one line why
 * it cannot, warn when the port is open to the network, and on Ctrl+C or SIGTERM drain, close and exit 0.
 */
public final class ServerMain {

    /** Starts a server with the settings of its command line. */
    @FunctionalInterface
    public interface Starter {
        EchoServer start(CommandLine commandLine) throws SampleFailure;
    }

    private ServerMain() {
    }

    // tag::run[]
    /**
     * Starts the server and returns; its threads serve until Ctrl+C. Exits 1 with one line when it cannot
     * start, 2 on a bad argument.
     */
    public static void run(String program, String summary, Set<Option> ownOptions, String[] args,
                           Starter starter) {
        Set<Option> options = EnumSet.of(HOST, PORT, BACKLOG, MAX_MESSAGE_BYTES, MEMORY_BUDGET, IDLE_TIMEOUT);
        options.addAll(ownOptions);
        CommandLine commandLine = CommandLine.parseOrExit(program, summary, options, args);
        EchoServer server;
        try {
            server = starter.start(commandLine);
        } catch (SampleFailure e) {
            exit(program, e);
            return;
        }
        warnIfReachableFromTheNetwork(program, server.localAddress());
        // Ctrl+C is the normal way to stop a sample server, so it drains, closes and exits 0, not 130.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping: letting the exchanges in flight finish, for at most "
                    + ConsoleText.seconds(Protocol.DRAIN_TIMEOUT) + " s.");
            server.close();
            Runtime.getRuntime().halt(CommandLine.EXIT_OK);
        }, "ctrl-c"));
    }
    // end::run[]

    /** Says in one line why {@code program} cannot start, {@code program: reason}, and exits 1. */
    public static void exit(String program, SampleFailure failure) {
        System.err.println(program + ": " + failure.getMessage());
        System.exit(CommandLine.EXIT_FAILURE);
    }

    private static void warnIfReachableFromTheNetwork(String program, InetSocketAddress address) {
        if (address.getAddress().isAnyLocalAddress()) {
            System.err.println(program + ": warning: listening on every network interface; port "
                    + address.getPort() + " is reachable from the network (--host 127.0.0.1 keeps it local)");
        }
    }
}
