package dev.socketsamples.syncclient;

import static dev.socketsamples.shared.CommandLine.Option.HOST;
import static dev.socketsamples.shared.CommandLine.Option.MESSAGE;
import static dev.socketsamples.shared.CommandLine.Option.PORT;
import static dev.socketsamples.shared.CommandLine.Option.TIMEOUT;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.MessageAccumulator;
import dev.socketsamples.shared.MessageTooLargeException;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.SampleFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;

/** The synchronous echo client: connect, send one message, read the echo up to the marker, close. */
public final class SynchronousSocketClient {

    /** Size of the receive buffer: one read takes at most this many bytes, as in .NET. */
    public static final int BUFFER_SIZE = 1024;

    private SynchronousSocketClient() {
    }

    // tag::start-client[]
    /**
     * Sends {@code config.message()} and returns the echo, marker included. Unlike the .NET original, which
     * reads once, it reads until the echoed marker, so an echo that arrives in pieces is printed whole.
     *
     * @throws SampleFailure when it cannot connect, the server stays silent past the timeout, closes without
     *                       an echo or the connection breaks
     */
    public static byte[] startClient(ClientConfig config) throws SampleFailure {
        String host = config.host();
        int port = config.port();
        int timeout = millis(config.timeout());
        Consumer<String> console = config.console();

        try (Socket sender = new Socket()) {
            try {
                sender.connect(new InetSocketAddress(host, port), timeout);
            } catch (IOException e) {
                throw SampleFailure.cannotConnect(host, port, e);
            }
            sender.setSoTimeout(timeout); // bounds every read below
            console.accept("Socket connected to " + host + ":" + port);

            OutputStream out = sender.getOutputStream();
            out.write(config.message());
            out.flush();
            console.accept("Sent " + config.message().length + " bytes to server.");

            // An echo is never longer than what was sent; a server sending more is not echoing.
            MessageAccumulator echo = new MessageAccumulator(Math.max(config.message().length,
                    Protocol.eofBytes().length));
            InputStream in = sender.getInputStream();
            byte[] bytes = new byte[BUFFER_SIZE];
            while (!echo.isComplete()) {
                int bytesRec = in.read(bytes);
                if (bytesRec == -1) {
                    throw SampleFailure.closedWithoutEcho(host, port, echo.byteCount());
                }
                echo.append(bytes, 0, bytesRec);
            }
            console.accept("Echoed text = " + echo.text());

            sender.shutdownOutput(); // nothing more to send; close() releases the socket
            return echo.echoBytes();
        } catch (SocketTimeoutException e) {
            throw SampleFailure.noEcho(host, port, config.timeout());
        } catch (MessageTooLargeException e) {
            throw new SampleFailure(host + ":" + port + " sent more than the message without " + Protocol.EOF
                    + ": not an echo", e);
        } catch (IOException e) {
            throw SampleFailure.connectionLost(host, port, e);
        }
    }
    // end::start-client[]

    // tag::main[]
    /** Sends the message given on the command line and prints the echo; exits 1 with one line on failure. */
    public static void main(String[] args) {
        CommandLine commandLine = CommandLine.parseOrExit("sync-client",
                "The synchronous echo client: connects, sends one message, prints the echo.",
                EnumSet.of(HOST, PORT, MESSAGE, TIMEOUT), args);
        System.exit(EchoClient.run("sync-client", SynchronousSocketClient::startClient,
                ClientConfig.from(commandLine), System.err));
    }
    // end::main[]

    private static int millis(Duration timeout) {
        // 0 would mean "wait forever" to connect and setSoTimeout; the command line refuses less than 1 ms.
        return Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
    }
}
