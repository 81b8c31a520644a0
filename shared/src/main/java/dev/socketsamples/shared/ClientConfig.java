package dev.socketsamples.shared;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a client needs for one exchange: where to connect, the bytes to send, how long to wait, and where its
 * console lines go. The message is bytes, not text, so that tests can send anything.
 *
 * @param host    server address
 * @param port    server port
 * @param message the bytes to send, the marker included
 * @param timeout bounds the connect and the wait for the echo
 * @param console receives each console line
 */
public record ClientConfig(String host, int port, byte[] message, Duration timeout, Consumer<String> console) {

    /** The settings a main was given on its command line, the message encoded as UTF-8, printing to stdout. */
    public static ClientConfig from(CommandLine commandLine) {
        return new ClientConfig(commandLine.host(), commandLine.port(),
                commandLine.message().getBytes(StandardCharsets.UTF_8), commandLine.timeout(), System.out::println);
    }

    /** A silent client sending {@code message} to {@code port} on loopback, with the default timeout. */
    public static ClientConfig loopback(int port, byte[] message) {
        return new ClientConfig(Protocol.DEFAULT_HOST, port, message.clone(), Protocol.DEFAULT_CLIENT_TIMEOUT,
                line -> { });
    }

    public ClientConfig withTimeout(Duration newTimeout) {
        return new ClientConfig(host, port, message, newTimeout, console);
    }

    public ClientConfig withConsole(Consumer<String> newConsole) {
        return new ClientConfig(host, port, message, timeout, newConsole);
    }
}
