package dev.socketsamples.syncclient;

import dev.socketsamples.shared.MessageAccumulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/** A one-connection server for the client's tests: accepts one client and does what the test says. */
final class FakeServer implements AutoCloseable {

    /** What the server does with the one connection; the socket is closed when it returns. */
    interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    private final ServerSocket serverSocket;
    private final Thread thread;

    private FakeServer(ServerSocket serverSocket, Behaviour behaviour) {
        this.serverSocket = serverSocket;
        this.thread = Thread.ofPlatform().name("fake-server").start(() -> {
            try (Socket socket = serverSocket.accept()) {
                socket.setSoTimeout(10_000); // never outlive a test
                behaviour.serve(socket);
            } catch (IOException e) {
                // the client's side of the story is what the tests check
            }
        });
    }

    static FakeServer start(Behaviour behaviour) throws IOException {
        return new FakeServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), behaviour);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads up to and including the marker. */
    static byte[] readMessage(Socket socket) throws IOException {
        MessageAccumulator message = new MessageAccumulator();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        while (!message.isComplete()) {
            int n = in.read(buffer);
            if (n == -1) {
                break;
            }
            message.append(buffer, 0, n);
        }
        return message.echoBytes();
    }

    /** Waits until the client closes its side. */
    static void awaitClientClose(Socket socket) throws IOException {
        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    static final Behaviour ECHO = socket -> {
        socket.getOutputStream().write(readMessage(socket));
        socket.shutdownOutput();
    };

    static final Behaviour ECHO_ONE_BYTE_AT_A_TIME = socket -> {
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        for (byte b : readMessage(socket)) {
            out.write(b);
            out.flush();
        }
    };

    /** A plain echo server: echoes and keeps the connection open until the client leaves. */
    static final Behaviour ECHO_AND_STAY_OPEN = socket -> {
        socket.getOutputStream().write(readMessage(socket));
        awaitClientClose(socket);
    };

    static final Behaviour SILENT = socket -> {
        readMessage(socket);
        awaitClientClose(socket);
    };

    static final Behaviour CLOSE_WITHOUT_ECHO = FakeServer::readMessage;

    static final Behaviour HALF_AN_ECHO_THEN_CLOSE = socket -> {
        byte[] message = readMessage(socket);
        socket.getOutputStream().write(Arrays.copyOf(message, message.length / 2));
    };

    static final Behaviour RESET = socket -> {
        readMessage(socket);
        socket.setSoLinger(true, 0);
    };
}
