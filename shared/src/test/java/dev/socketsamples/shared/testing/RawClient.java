package dev.socketsamples.shared.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A client that nobody on the project wrote: a plain socket for tests, sending whatever bytes, cut however,
 * leaving early or resetting, to show that a server survives it. Loopback only; every read is bounded.
 */
public final class RawClient implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** How long {@link #answer()} listens: what should come at once gets this long on a loaded machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects to {@code port} on 127.0.0.1. */
    public static RawClient connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) READ_TIMEOUT.toMillis());
        return new RawClient(socket);
    }

    /** Sends one message whole and returns everything the server sent back before it closed. */
    public static byte[] exchange(int port, byte[] message) throws IOException {
        try (RawClient client = connect(port)) {
            client.send(message);
            return client.readToEnd();
        }
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends {@code text} in UTF-8. */
    public RawClient send(String text) throws IOException {
        return send(text.getBytes(UTF_8));
    }

    /** Sends {@code bytes} in writes of {@code fragmentSize} bytes (TCP_NODELAY, so they leave one by one). */
    public RawClient sendInFragments(byte[] bytes, int fragmentSize) throws IOException {
        for (int start = 0; start < bytes.length; start += fragmentSize) {
            out.write(bytes, start, Math.min(fragmentSize, bytes.length - start));
            out.flush();
        }
        return this;
    }

    /** Half-closes: the server sees the end of the stream, the client can still read. */
    public RawClient shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Reads until the server closes; fails with SocketTimeoutException if it does not within 10 s. */
    public byte[] readToEnd() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        in.transferTo(received);
        return received.toByteArray();
    }

    /** What the server sends within {@link #PATIENCE}, or up to when it closes. */
    public Answer answer() throws IOException {
        return answerWithin(PATIENCE);
    }

    /** What the server sends within {@code wait}, or up to when it closes or resets: a read that never fails. */
    public Answer answerWithin(Duration wait) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long end = System.nanoTime() + wait.toNanos();
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return new Answer(received.toByteArray(), false);
                }
                socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
                int n = in.read(buffer);
                if (n == -1) {
                    return new Answer(received.toByteArray(), true);
                }
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return new Answer(received.toByteArray(), false);
        } catch (IOException e) { // a reset closes the connection too
            return new Answer(received.toByteArray(), true);
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis()); // the next readToEnd is bounded as before
            }
        }
    }

    /** Whether the server has closed the connection: reads to the end and reports true, or false on timeout. */
    public boolean awaitClosedByServer() throws IOException {
        try {
            readToEnd();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset is a close too
        }
    }

    /** Closes with a TCP reset (SO_LINGER 0) instead of the orderly FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
