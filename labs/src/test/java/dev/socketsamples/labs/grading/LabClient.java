package dev.socketsamples.labs.grading;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The graders' client for the lab servers: a plain socket that sends what a check says, cut where it says, and
 * reports what came back within a given time. Loopback only; every read is bounded.
 */
public final class LabClient implements AutoCloseable {

    private final Socket socket;

    private LabClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects to {@code port} on 127.0.0.1. */
    public static LabClient connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true); // each send leaves at once, as one piece
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                (int) Wait.PATIENCE.toMillis());
        return new LabClient(socket);
    }

    public LabClient send(String text) throws IOException {
        return send(text.getBytes(UTF_8));
    }

    public LabClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        return this;
    }

    /** Sends the end of the stream: the client has nothing more to say, and can still read. */
    public LabClient shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** What the server sends within {@link Wait#PATIENCE}, or up to when it closes. */
    public Answer answer() throws IOException {
        return answerWithin(Wait.PATIENCE);
    }

    /** What the server sends within {@code wait}, or up to when it closes. */
    public Answer answerWithin(Duration wait) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long end = System.nanoTime() + wait.toNanos();
        InputStream in = socket.getInputStream();
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
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
