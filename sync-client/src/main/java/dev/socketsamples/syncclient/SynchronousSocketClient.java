package dev.socketsamples.syncclient;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.Deadline;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.MessageAccumulator;
import dev.socketsamples.shared.MessageTooLargeException;
import dev.socketsamples.shared.SampleFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The echo client of the .NET "Synchronous Client Socket Example": connect, send, read the echo, close. */
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
     * @throws SampleFailure when it cannot connect, the echo is not whole within the timeout, the server
     *                       closes without echo or echoes other bytes, or the connection breaks
     */
    public static byte[] startClient(ClientConfig config) throws SampleFailure {
        String host = config.host();
        int port = config.port();
        Socket sender = new Socket();
        // One deadline for the whole exchange: when it passes it closes the socket, which ends any blocked call.
        Deadline deadline = Deadline.closing(sender, config.timeout());
        try (sender; deadline) {
            try {
                sender.connect(new InetSocketAddress(host, port), deadline.remainingMillis());
            } catch (IOException e) {
                throw SampleFailure.cannotConnect(host, port, deadline.hasPassed() ? new SocketTimeoutException() : e);
            }
            config.console().accept("Socket connected to " + host + ":" + port);

            sender.getOutputStream().write(config.message());
            config.console().accept("Sent " + config.message().length + " bytes to server.");

            MessageAccumulator echo = config.newEchoAccumulator();
            InputStream in = sender.getInputStream();
            byte[] bytes = new byte[BUFFER_SIZE];
            while (!echo.isComplete()) {
                sender.setSoTimeout(deadline.remainingMillis()); // what is left of the deadline, not a fresh wait
                int bytesRec = in.read(bytes);
                if (bytesRec == -1) {
                    throw SampleFailure.closedWithoutEcho(host, port, echo.byteCount());
                }
                echo.append(bytes, 0, bytesRec);
            }
            config.console().accept("Echoed text = " + echo.text());

            sender.shutdownOutput(); // nothing more to send; close() releases the socket
            return config.checkEcho(echo);
        } catch (MessageTooLargeException e) {
            throw SampleFailure.notTheEcho(host, port);
        } catch (IOException e) {
            throw deadline.hasPassed() || e instanceof SocketTimeoutException
                    ? SampleFailure.noEcho(host, port, config.timeout())
                    : SampleFailure.connectionLost(host, port, e);
        }
    }
    // end::start-client[]

    // tag::main[]
    public static void main(String[] args) {
        EchoClient.main("sync-client", "The synchronous echo client: connects, sends one message, prints the echo.", args,
                SynchronousSocketClient::startClient);
    }
    // end::main[]
}
