package dev.socketsamples.shared;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a server needs to start: where to listen, its limits, and where its console lines go.
 *
 * @param host            address to bind; the samples default to loopback
 * @param port            port to bind; 0 lets the system pick a free one
 * @param maxMessageBytes largest message accepted, marker included
 * @param idleTimeout     a connection silent this long is closed
 * @param console         receives each console line; {@code System.out::println} for a person, a list in tests
 */
public record ServerConfig(String host, int port, int maxMessageBytes, Duration idleTimeout,
                           Consumer<String> console) {

    /** The settings a main was given on its command line, printing to standard output. */
    public static ServerConfig from(CommandLine commandLine) {
        return new ServerConfig(commandLine.host(), commandLine.port(), commandLine.maxMessageBytes(),
                commandLine.idleTimeout(), System.out::println);
    }

    /** Loopback, a free port, the protocol's limits, and no console output: what tests start. */
    public static ServerConfig loopback() {
        return new ServerConfig(Protocol.DEFAULT_HOST, 0, Protocol.DEFAULT_MAX_MESSAGE_BYTES,
                Protocol.DEFAULT_IDLE_TIMEOUT, line -> { });
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxMessageBytes, idleTimeout, console);
    }

    public ServerConfig withMaxMessageBytes(int newMaxMessageBytes) {
        return new ServerConfig(host, port, newMaxMessageBytes, idleTimeout, console);
    }

    public ServerConfig withIdleTimeout(Duration newIdleTimeout) {
        return new ServerConfig(host, port, maxMessageBytes, newIdleTimeout, console);
    }

    public ServerConfig withConsole(Consumer<String> newConsole) {
        return new ServerConfig(host, port, maxMessageBytes, idleTimeout, newConsole);
    }
}
