package dev.socketsamples.compare.check;

import dev.socketsamples.shared.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * One connection of a check to the server under check: a plain socket that sends whatever bytes, cut however,
 * leaves early or resets, and keeps what came back even when the read ends in an error. Every read is bounded;
 * a write that blocks is ended by the check's deadline, which closes the socket.
 */
final class Wire implements AutoCloseable {

    /** How a read to the end of the stream ended. */
    enum End {
        /** The server closed the connection (FIN). */
        CLOSED,
        /** The connection was reset: the server closed with bytes unread, or aborted. */
        RESET,
        /** Nothing more came within the read timeout, and the connection stayed open. */
        STAYED_OPEN
    }

    /** Once the whole echo is there, the server has this long to close; a plain echo server never does. */
    static final Duration CLOSE_AFTER_ECHO = Duration.ofSeconds(2);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final Duration readTimeout;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private Wire(Socket socket, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.readTimeout = readTimeout;
    }

    /** Connects within {@code timeout}; every read then waits at most {@code readTimeout}. */
    static Wire connect(InetSocketAddress address, Duration timeout, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // each piece leaves as its own segment
            socket.connect(address, (int) timeout.toMillis());
            return new Wire(socket, readTimeout);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    Wire send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Half-closes: the server sees the end of the stream, the check can still read. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Reads until the server closes, resets, or sends nothing for the read timeout; once {@code expected} has
     * arrived whole, the server gets {@link #CLOSE_AFTER_ECHO} to close. What arrived is {@link #received()}.
     */
    End readToEnd(byte[] expected) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try {
            while (true) {
                boolean whole = expected != null && received.size() >= expected.length;
                socket.setSoTimeout((int) (whole ? CLOSE_AFTER_ECHO : readTimeout).toMillis());
                int n = in.read(chunk);
                if (n < 0) {
                    return End.CLOSED;
                }
                received.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return End.STAYED_OPEN;
        } catch (IOException e) {
            if (socket.isClosed()) {
                throw e; // the deadline closed it: the check reports that, not a reset
            }
            return End.RESET;
        }
    }

    /** Reads until the server closes or the read timeout passes. */
    End readToEnd() throws IOException {
        return readToEnd(null);
    }

    byte[] received() {
        return received.toByteArray();
    }

    /** Closes with a TCP reset (SO_LINGER 0) instead of the orderly FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** At most 60 characters of bytes as a learner reads them: text in quotes, other bytes as \xFF, and the count. */
    static String show(byte[] bytes) {
        if (bytes.length == 0) {
            return "nothing";
        }
        String count = " (" + bytes.length + (bytes.length == 1 ? " byte)" : " bytes)");
        if (bytes.length <= 40) {
            return "\"" + escaped(bytes) + "\"" + count;
        }
        return "\"" + escaped(Arrays.copyOf(bytes, 20)) + "..."
                + escaped(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length)) + "\"" + count;
    }

    /** The first byte at which {@code got} differs from {@code expected}, as a short phrase. */
    static String difference(byte[] expected, byte[] got) {
        int mismatch = Arrays.mismatch(expected, got);
        if (mismatch < 0) {
            return "the same bytes";
        }
        if (mismatch == got.length) {
            return "the first " + got.length + " of " + expected.length + " bytes";
        }
        if (mismatch == expected.length) {
            return "the " + expected.length + " bytes expected, then " + (got.length - expected.length) + " more";
        }
        return "other bytes from byte " + mismatch + " on";
    }

    private static String escaped(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                text.append((char) c);
            } else {
                text.append(String.format("\\x%02X", c));
            }
        }
        return text.toString();
    }

    /** Whether {@code bytes} end with the marker. */
    static boolean endsWithMarker(byte[] bytes) {
        byte[] marker = Protocol.eofBytes();
        return bytes.length >= marker.length
                && Arrays.equals(bytes, bytes.length - marker.length, bytes.length, marker, 0, marker.length);
    }
}
