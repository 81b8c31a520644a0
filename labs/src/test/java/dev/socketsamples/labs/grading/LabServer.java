package dev.socketsamples.labs.grading;

import dev.socketsamples.shared.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The graders' server for the lab clients: it accepts on a free loopback port and holds one conversation per
 * connection, as the check scripts it: an echo, a reset, silence. Closing it closes every connection.
 */
public final class LabServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Conversation {
        void have(Socket connection) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> conversationEnded = new CompletableFuture<>();

    private LabServer(Conversation conversation) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("lab-server").start(() -> {
            try {
                while (true) {
                    Socket connection = listener.accept();
                    connections.add(connection);
                    Thread.ofVirtual().name("lab-server-connection").start(() -> {
                        try (connection) {
                            conversation.have(connection);
                            conversationEnded.complete(null);
                        } catch (IOException | InterruptedException e) {
                            conversationEnded.completeExceptionally(e);
                        }
                    });
                }
            } catch (IOException e) {
                // closed: the check is over
            }
        });
    }

    /** A server on a free port that holds {@code conversation} with every client. */
    public static LabServer start(Conversation conversation) throws IOException {
        return new LabServer(conversation);
    }

    /** A port that nothing listens on: it was free a moment ago, and is again. */
    public static int closedPort() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return listener.getLocalPort();
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Completes when the first conversation has ended: for {@link #untilTheClientCloses}, when the client closed. */
    public CompletableFuture<Void> conversationEnded() {
        return conversationEnded;
    }

    /** Reads up to and including the first marker, or to the end of the stream. */
    public static byte[] readMessage(Socket connection) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        InputStream in = connection.getInputStream();
        String tail = ""; // the last few characters, to spot the marker
        int b;
        while (!tail.endsWith(Protocol.EOF) && (b = in.read()) != -1) {
            message.write(b);
            tail = (tail + (char) b).substring(Math.max(0, tail.length() + 1 - Protocol.EOF.length()));
        }
        return message.toByteArray();
    }

    /** The protocol's server: reads the message, echoes it, closes. */
    public static void echo(Socket connection) throws IOException {
        byte[] message = readMessage(connection);
        connection.getOutputStream().write(message);
        connection.shutdownOutput();
    }

    /** Closes with a TCP reset (SO_LINGER 0), so the client's next read or write fails. */
    public static void reset(Socket connection) throws IOException {
        connection.setSoLinger(true, 0);
        connection.close();
    }

    /** Reads and drops whatever the client sends until it closes its side, or resets. */
    public static void untilTheClientCloses(Socket connection) throws IOException {
        try {
            connection.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // a reset is a close too
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

}
