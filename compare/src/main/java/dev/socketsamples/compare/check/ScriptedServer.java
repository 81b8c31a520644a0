package dev.socketsamples.compare.check;

import dev.socketsamples.shared.MessageAccumulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server that misbehaves as a client check says, on a free loopback port, each connection on a virtual thread
 * of its own; {@link #close()} closes every connection and ends every thread it started. What the last client
 * sent is kept, so that a check can see whether the client printed the echo.
 */
final class ScriptedServer implements AutoCloseable {

    /** What the server does with one accepted connection; the socket is closed when it returns. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket socket, ScriptedServer server) throws IOException, InterruptedException;
    }

    /** No connection outlives a check: a read that waits this long gives up. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ServerSocket serverSocket;
    private final Behaviour behaviour;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile byte[] received = new byte[0];

    private ScriptedServer(Behaviour behaviour) throws IOException {
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        this.acceptor = Thread.ofPlatform().name("scripted-server").daemon().start(this::acceptEveryClient);
    }

    static ScriptedServer start(Behaviour behaviour) throws IOException {
        return new ScriptedServer(behaviour);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** The bytes of the last message read, marker included. */
    byte[] received() {
        return received.clone();
    }

    private void acceptEveryClient() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                accepted.add(socket);
                threads.add(Thread.ofVirtual().name("scripted-server-connection").start(() -> serve(socket)));
            } catch (IOException e) {
                // closed by the check
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            behaviour.serve(socket, this);
        } catch (IOException e) {
            // the client left or the check closed the server: the client's exit is what the check grades
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() ends a behaviour that waits
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        threads.forEach(Thread::interrupt);
        try {
            acceptor.join(READ_TIMEOUT);
            for (Thread thread : threads) {
                thread.join(READ_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads up to and including the marker, or to the end of the stream, and keeps it as {@link #received()}. */
    byte[] readMessage(Socket socket) throws IOException {
        MessageAccumulator message = new MessageAccumulator(Integer.MAX_VALUE - 8);
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[8192];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (message.append(chunk, 0, n)) {
                break;
            }
        }
        received = message.echoBytes();
        return received();
    }

    /** Echoes the message whole, then closes: the server a good client talks to. */
    static final Behaviour ECHO = (socket, server) -> {
        socket.getOutputStream().write(server.readMessage(socket));
        socket.shutdownOutput();
    };

    /** Accepts and never reads a byte, until the check closes it. */
    static final Behaviour NEVER_READS = (socket, server) -> new CountDownLatch(1).await();

    /** Reads the message and closes without a word. */
    static final Behaviour CLOSES_EARLY = (socket, server) -> server.readMessage(socket);

    /** Reads the message and answers other bytes, then closes. */
    static final Behaviour WRONG_ECHO = (socket, server) -> {
        server.readMessage(socket);
        socket.getOutputStream().write("junk<EOF>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.shutdownOutput();
    };

    /** Reads the message and echoes one byte every {@code interval}: every read gets a byte in time. */
    static Behaviour dripping(Duration interval) {
        return (socket, server) -> {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            CountDownLatch never = new CountDownLatch(1);
            for (byte b : server.readMessage(socket)) {
                out.write(b);
                out.flush();
                never.await(interval.toNanos(), TimeUnit.NANOSECONDS); // the pace; close() interrupts
            }
        };
    }
}
