package dev.socketsamples.shared.testing;

import dev.socketsamples.shared.MessageAccumulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server for the clients' tests that behaves as the test says, well or badly: on a free loopback port, each
 * connection on a thread of its own. {@link #close()} closes every connection and ends every thread it started.
 */
public final class FakeServer implements AutoCloseable {

    /** What the server does with one accepted connection; the socket is closed when it returns. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket) throws IOException, InterruptedException;
    }

    /** Never outlive a test: a read that waits this long gives up. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ServerSocket serverSocket;
    private final Behaviour behaviour;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakeServer(Behaviour behaviour) throws IOException {
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        this.acceptor = Thread.ofPlatform().name("fake-server").start(this::acceptEveryClient);
    }

    /** Listens on a free loopback port and serves every client with {@code behaviour}. */
    public static FakeServer start(Behaviour behaviour) throws IOException {
        return new FakeServer(behaviour);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** How many connections it has accepted so far. */
    public int accepted() {
        return accepted.size();
    }

    private void acceptEveryClient() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                accepted.add(socket);
                threads.add(Thread.ofVirtual().name("fake-server-connection").start(() -> serve(socket)));
            } catch (IOException e) {
                // closed by the test
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            behaviour.serve(socket);
        } catch (IOException e) {
            // the client left or the test closed the server: the client's side is what the tests check
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() ends a behaviour that waits
        }
    }

    /** Stops listening, closes every connection, and waits for every thread it started to end. */
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

    /** Reads up to and including the marker, or to the end of the stream; returns what it read. */
    public static byte[] readMessage(Socket socket) throws IOException {
        MessageAccumulator message = new MessageAccumulator(Integer.MAX_VALUE - 8);
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[8192];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (message.append(chunk, 0, n)) {
                break;
            }
        }
        return message.echoBytes();
    }

    /** Reads and discards everything until the client closes its side, or resets: a reset is a close too. */
    public static void awaitClientClose(Socket socket) throws IOException {
        try {
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (SocketException e) {
            // reset by the client, or closed by close(); a read timeout is not a close and goes on up
        }
    }

    /** Serves the first connection with the first behaviour, the next with the next, and round again. */
    public static Behaviour inTurn(Behaviour... behaviours) {
        AtomicInteger served = new AtomicInteger();
        return socket -> behaviours[served.getAndIncrement() % behaviours.length].serve(socket);
    }

    /** Echoes the message whole, then closes. */
    public static final Behaviour ECHO = socket -> {
        socket.getOutputStream().write(readMessage(socket));
        socket.shutdownOutput();
    };

    /** Echoes the message one byte per write (TCP_NODELAY, so the bytes leave one by one), then closes. */
    public static final Behaviour ECHO_ONE_BYTE_AT_A_TIME = socket -> {
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        for (byte b : readMessage(socket)) {
            out.write(b);
            out.flush();
        }
    };

    /** A plain echo server: echoes, and keeps the connection open until the client leaves. */
    public static final Behaviour ECHO_AND_STAY_OPEN = socket -> {
        socket.getOutputStream().write(readMessage(socket));
        awaitClientClose(socket);
    };

    /** Reads the message and never answers, until the client leaves. */
    public static final Behaviour SILENT = socket -> {
        readMessage(socket);
        awaitClientClose(socket);
    };

    /** Accepts and never reads a byte: the client's send can go no further than the socket buffers. */
    public static final Behaviour NEVER_READS = socket -> new CountDownLatch(1).await(); // until close() interrupts

    /** Reads the message and closes without a word. */
    public static final Behaviour CLOSE_WITHOUT_ECHO = FakeServer::readMessage;

    /** Reads the message, sends back its first half, and closes. */
    public static final Behaviour HALF_AN_ECHO_THEN_CLOSE = socket -> {
        byte[] message = readMessage(socket);
        socket.getOutputStream().write(Arrays.copyOf(message, message.length / 2));
    };

    /** Reads the message and closes with a reset (SO_LINGER 0). */
    public static final Behaviour RESET = socket -> {
        readMessage(socket);
        socket.setSoLinger(true, 0);
    };

    /** Reads the message and answers {@code reply} instead of the echo, then closes. */
    public static Behaviour answering(byte[] reply) {
        return socket -> {
            readMessage(socket);
            socket.getOutputStream().write(reply);
            socket.shutdownOutput();
        };
    }

    /** Reads the message and echoes it one byte every {@code interval}: each read gets a byte in time. */
    public static Behaviour dripping(Duration interval) {
        return socket -> {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            CountDownLatch never = new CountDownLatch(1);
            for (byte b : readMessage(socket)) {
                out.write(b);
                out.flush();
                never.await(interval.toNanos(), TimeUnit.NANOSECONDS); // the pace; close() interrupts
            }
        };
    }
}
