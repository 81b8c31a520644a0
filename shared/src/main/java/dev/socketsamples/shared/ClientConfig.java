package dev.socketsamples.shared;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What a client needs for one exchange: where to connect, the bytes to send, how long to wait, and where its
 * console lines go. The message is bytes, not text, so that tests can send anything.
 *
 * @param host    server address
 * @param port    server port
 * @param message the bytes to send, the marker included
 * @param timeout bounds the whole exchange: connect, send and receive
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

    /** Prints {@code line} prefixed with the current thread's name. */
    public void log(String line) {
        console.accept(ConsoleText.onThisThread(line));
    }

    // tag::check-echo[]
    /** What the server must send back: the message up to and including its first marker. */
    public byte[] expectedEcho() {
        MessageAccumulator echo = new MessageAccumulator(Math.max(message.length, Protocol.EOF.length()));
        try {
            echo.append(message, 0, message.length);
        } catch (MessageTooLargeException e) {
            throw new AssertionError("the limit is the message's own length", e);
        }
        return echo.echoBytes();
    }

    /**
     * A new accumulator for the echo: it may not grow longer than the expected echo, so a server that sends
     * more without the marker is caught at once rather than read until the timeout.
     */
    public MessageAccumulator newEchoAccumulator() {
        return new MessageAccumulator(Math.max(expectedEcho().length, Protocol.EOF.length()));
    }

    /** Returns the echo, or fails in one line when it is not the bytes that were sent. */
    public byte[] checkEcho(MessageAccumulator echo) throws SampleFailure {
        byte[] received = echo.echoBytes();
        if (!Arrays.equals(received, expectedEcho())) {
            throw SampleFailure.notTheEcho(host, port);
        }
        return received;
    }
    // end::check-echo[]

    public ClientConfig withTimeout(Duration newTimeout) {
        return new ClientConfig(host, port, message, newTimeout, console);
    }

    public ClientConfig withConsole(Consumer<String> newConsole) {
        return new ClientConfig(host, port, message, timeout, newConsole);
    }
}
