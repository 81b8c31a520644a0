package dev.socketsamples.shared;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a server needs to start: where to listen, its limits, and where its console lines go.
 *
 * @param host            address to bind; the samples default to loopback
 * @param port            port to bind; 0 lets the system pick a free one
 * @param backlog         connections the system may queue before they are accepted
 * @param maxMessageBytes largest message accepted, marker included
 * @param memoryBudget    bytes all unfinished messages together may hold
 * @param idleTimeout     a connection silent this long (or not reading its echo) is closed
 * @param drainTimeout    how long closing waits for the exchanges in flight
 * @param console         receives each console line; {@code System.out::println} for a person, a list in tests
 */
public record ServerConfig(String host, int port, int backlog, int maxMessageBytes, long memoryBudget,
                           Duration idleTimeout, Duration drainTimeout, Consumer<String> console) {

    /** The settings a main was given on its command line, printing to standard output. */
    public static ServerConfig from(CommandLine commandLine) {
        return new ServerConfig(commandLine.host(), commandLine.port(), commandLine.backlog(),
                commandLine.maxMessageBytes(), commandLine.memoryBudget(), commandLine.idleTimeout(),
                Protocol.DRAIN_TIMEOUT, System.out::println);
    }

    /**
     * Loopback, a free port, the protocol's limits, and no console output: what tests start. Closing drains for
     * one second, not five, so that a test that leaves a client stalled does not wait long.
     */
    public static ServerConfig loopback() {
        return new ServerConfig(Protocol.DEFAULT_HOST, 0, Protocol.DEFAULT_BACKLOG,
                Protocol.DEFAULT_MAX_MESSAGE_BYTES, Protocol.defaultMemoryBudget(), Protocol.DEFAULT_IDLE_TIMEOUT,
                Duration.ofSeconds(1), line -> { });
    }

    // tag::log[]
    /** Prints {@code line} prefixed with the current thread's name: which thread runs what is the lesson. */
    public void log(String line) {
        console.accept(ConsoleText.onThisThread(line));
    }
    // end::log[]

    public ServerConfig withBacklog(int newBacklog) {
        return new ServerConfig(host, port, newBacklog, maxMessageBytes, memoryBudget, idleTimeout, drainTimeout,
                console);
    }

    public ServerConfig withMaxMessageBytes(int newMaxMessageBytes) {
        return new ServerConfig(host, port, backlog, newMaxMessageBytes, memoryBudget, idleTimeout, drainTimeout,
                console);
    }

    public ServerConfig withMemoryBudget(long newMemoryBudget) {
        return new ServerConfig(host, port, backlog, maxMessageBytes, newMemoryBudget, idleTimeout, drainTimeout,
                console);
    }

    public ServerConfig withIdleTimeout(Duration newIdleTimeout) {
        return new ServerConfig(host, port, backlog, maxMessageBytes, memoryBudget, newIdleTimeout, drainTimeout,
                console);
    }

    public ServerConfig withDrainTimeout(Duration newDrainTimeout) {
        return new ServerConfig(host, port, backlog, maxMessageBytes, memoryBudget, idleTimeout, newDrainTimeout,
                console);
    }

    public ServerConfig withConsole(Consumer<String> newConsole) {
        return new ServerConfig(host, port, backlog, maxMessageBytes, memoryBudget, idleTimeout, drainTimeout,
                newConsole);
    }
}
