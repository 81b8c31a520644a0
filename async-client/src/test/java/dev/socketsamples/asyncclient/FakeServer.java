package dev.socketsamples.asyncclient;

import dev.socketsamples.shared.MessageAccumulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server for the clients' tests that misbehaves on purpose, one connection at a time, on a free port. */
final class FakeServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    private final ServerSocket serverSocket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakeServer(Behaviour behaviour) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().name("fake-server").start(() -> {
            while (!serverSocket.isClosed()) {
                try (Socket socket = serverSocket.accept()) {
                    accepted.add(socket);
                    behaviour.serve(socket);
                } catch (IOException e) {
                    // closed by the test, or the client left: serve the next one
                }
            }
        });
    }

    static FakeServer start(Behaviour behaviour) throws IOException {
        return new FakeServer(behaviour);
    }

    /** Reads the whole message, then echoes it all at once. */
    static FakeServer echoing() throws IOException {
        return start(socket -> socket.getOutputStream().write(readMessage(socket.getInputStream())));
    }

    /** Reads the whole message, then echoes it one byte per write. */
    static FakeServer echoingOneByteAtATime() throws IOException {
        return start(socket -> {
            OutputStream out = socket.getOutputStream();
            socket.setTcpNoDelay(true);
            for (byte b : readMessage(socket.getInputStream())) {
                out.write(b);
                out.flush();
            }
        });
    }

    /** Reads everything and never answers, until the client gives up and closes. */
    static FakeServer silent() throws IOException {
        return start(socket -> socket.getInputStream().transferTo(OutputStream.nullOutputStream()));
    }

    /** Reads the whole message, sends back its first bytes, and closes. */
    static FakeServer closingWithoutEcho(String partial) throws IOException {
        return start(socket -> {
            readMessage(socket.getInputStream());
            socket.getOutputStream().write(partial.getBytes(StandardCharsets.UTF_8));
        });
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        try {
            acceptor.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readMessage(InputStream in) throws IOException {
        MessageAccumulator message = new MessageAccumulator(Integer.MAX_VALUE - 8);
        byte[] chunk = new byte[8192];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (message.append(chunk, 0, n)) {
                break;
            }
        }
        return message.echoBytes();
    }
}
