package dev.socketsamples.syncserver;

import static dev.socketsamples.shared.CommandLine.Option.HOST;
import static dev.socketsamples.shared.CommandLine.Option.IDLE_TIMEOUT;
import static dev.socketsamples.shared.CommandLine.Option.MAX_MESSAGE_BYTES;
import static dev.socketsamples.shared.CommandLine.Option.PORT;
import static dev.socketsamples.shared.CommandLine.Option.THREADS;

import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.MessageAccumulator;
import dev.socketsamples.shared.MessageTooLargeException;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The synchronous echo server: a blocking {@link ServerSocket}, one connection at a time or a virtual thread each. */
public final class SynchronousSocketListener implements EchoServer {

    /** Who serves an accepted connection. */
    public enum Threads {
        /** The accepting thread itself, so the next client waits: the .NET original. */
        ONE_AT_A_TIME,
        /** A new virtual thread per connection, running the very same code. */
        VIRTUAL
    }

    /** Size of the receive buffer: one read takes at most this many bytes, as in .NET. */
    public static final int BUFFER_SIZE = 1024;

    /** Pending connections the system queues before accept, as the .NET sync sample's {@code Listen(10)}. */
    static final int BACKLOG = 10;

    private final ServerConfig config;
    private final ServerSocket listener;
    private final InetSocketAddress localAddress;
    private final Executor runner;
    private final Thread listenerThread;
    private final Thread.Builder virtualThreads = Thread.ofVirtual().name("sync-connection-", 1);
    /** Connection threads started and not yet seen finished, for close() to join; only sync-listener adds. */
    private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
    private final Set<Socket> connections = new HashSet<>(); // guarded by itself
    private boolean closed; // guarded by connections
    private final CountDownLatch terminated = new CountDownLatch(1);

    private SynchronousSocketListener(ServerConfig config, Threads threads, ServerSocket listener) {
        this.config = config;
        this.listener = listener;
        this.localAddress = (InetSocketAddress) listener.getLocalSocketAddress();
        this.runner = runner(threads);
        this.listenerThread = Thread.ofPlatform().name("sync-listener").unstarted(this::startListening);
    }

    // tag::threads[]
    /** Who runs each accepted connection: the one thing that differs between the two modes. */
    private Executor runner(Threads threads) {
        return switch (threads) {
            // The accepting thread serves the connection itself; the next accept waits until it is done.
            case ONE_AT_A_TIME -> Runnable::run;
            // Each connection gets a virtual thread of its own; a blocking read no longer holds up the accepts.
            case VIRTUAL -> this::startConnectionThread;
        };
    }

    /** Runs {@code task} on a new virtual thread, remembered so that {@link #close()} can join it. */
    private void startConnectionThread(Runnable task) {
        connectionThreads.removeIf(thread -> !thread.isAlive()); // forget the finished ones
        connectionThreads.add(virtualThreads.start(task));
    }
    // end::threads[]

    /**
     * Binds {@code config.host():config.port()}, prints the bound address and runs the accept loop on the
     * platform thread {@code sync-listener}.
     *
     * @throws SampleFailure when the address cannot be bound, for example because the port is in use
     */
    public static SynchronousSocketListener start(ServerConfig config, Threads threads) throws SampleFailure {
        ServerSocket listener = bind(config);
        SynchronousSocketListener server = new SynchronousSocketListener(config, threads, listener);
        config.console().accept("Local address and port : " + Protocol.hostAndPort(server.localAddress));
        server.listenerThread.start();
        return server;
    }

    private static ServerSocket bind(ServerConfig config) throws SampleFailure {
        ServerSocket listener = null;
        try {
            // tag::bind[]
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(config.host(), config.port()), BACKLOG);
            // end::bind[]
            return listener;
        } catch (IOException e) {
            closeQuietly(listener);
            throw SampleFailure.cannotListen(config.host(), config.port(), e);
        }
    }

    // tag::start-listening[]
    /** The accept loop: waits for a client and hands its socket to whoever {@code runner} says. */
    private void startListening() {
        Consumer<String> console = config.console();
        try {
            while (!isClosed()) {
                console.accept("Waiting for a connection...");
                Socket handler = listener.accept();
                if (!track(handler)) {
                    handler.close(); // accepted while closing
                    return;
                }
                runner.execute(() -> {
                    try {
                        serve(handler, config);
                    } finally {
                        untrack(handler);
                    }
                });
            }
        } catch (IOException e) {
            // close() closing the listener is how this loop normally ends; anything else stops the server.
            if (!isClosed()) {
                console.accept("Stopped accepting connections: " + SampleFailure.reason(e));
                close();
            }
        }
    }
    // end::start-listening[]

    // tag::serve[]
    /**
     * Serves one connection: reads until the marker, prints the text, echoes the bytes, closes. Every bad
     * input ends in one console line and a closed connection, never in an exception.
     */
    static void serve(Socket handler, ServerConfig config) {
        Consumer<String> console = config.console();
        MessageAccumulator data = new MessageAccumulator(config.maxMessageBytes());
        try (handler) {
            handler.setSoTimeout(millis(config.idleTimeout()));
            InputStream in = handler.getInputStream();
            byte[] bytes = new byte[BUFFER_SIZE];
            while (!data.isComplete()) {
                int bytesRec = in.read(bytes);
                if (bytesRec == -1) {
                    // The .NET original reads 0 bytes here forever; the client has left, so we do too.
                    console.accept("Client closed the connection after " + data.byteCount()
                            + " bytes, before " + Protocol.EOF + "; closed it without echo.");
                    return;
                }
                data.append(bytes, 0, bytesRec);
            }
            console.accept("Text received : " + data.text());

            byte[] msg = data.echoBytes();
            writeWithin(handler, msg, config.idleTimeout());
            console.accept("Sent " + msg.length + " bytes to client.");
            handler.shutdownOutput();
        } catch (MessageTooLargeException e) {
            console.accept("Closed the connection without echo: " + e.getMessage() + ".");
        } catch (SocketTimeoutException e) {
            console.accept("Closed the connection after " + data.byteCount() + " bytes: silent for longer than "
                    + Protocol.seconds(config.idleTimeout()) + " s, the idle timeout.");
        } catch (IOException e) {
            console.accept("Connection lost after " + data.byteCount() + " bytes: " + SampleFailure.reason(e) + ".");
        }
    }
    // end::serve[]

    /**
     * Writes the echo, or closes the connection if the client has not taken it within {@code timeout}. A blocking
     * write has no timeout of its own: a client that never reads would hold this thread, and in the one-at-a-time
     * mode every client queued behind it.
     */
    // tag::write-within[]
    private static void writeWithin(Socket handler, byte[] bytes, Duration timeout) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().name("sync-echo-watchdog").start(() -> {
            try {
                Thread.sleep(timeout);
                timedOut.set(true);
                handler.close();
            } catch (InterruptedException | IOException e) {
                // the echo went out in time, or the socket is closed already
            }
        });
        try {
            handler.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw timedOut.get() ? new SocketTimeoutException("the client did not read its echo") : e;
        } finally {
            watchdog.interrupt();
        }
    }
    // end::write-within[]

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public int openConnections() {
        synchronized (connections) {
            return connections.size();
        }
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    @Override
    public void close() {
        List<Socket> open;
        synchronized (connections) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(connections);
        }
        closeQuietly(listener);
        // A blocked read or write on a closed socket fails at once, so every thread serving one finishes.
        open.forEach(SynchronousSocketListener::closeQuietly);
        boolean interrupted = false;
        if (Thread.currentThread() != listenerThread) {
            interrupted = join(listenerThread);
        }
        // The listener has stopped, so no connection thread starts any more.
        for (Thread connectionThread : connectionThreads) {
            interrupted |= join(connectionThread);
        }
        terminated.countDown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // tag::main[]
    /** Starts the server from the command line and serves until Ctrl+C. */
    public static void main(String[] args) throws InterruptedException {
        CommandLine commandLine = CommandLine.parseOrExit("sync-server",
                "The synchronous echo server: a blocking ServerSocket, one connection at a time or one virtual"
                        + " thread each.",
                EnumSet.of(HOST, PORT, THREADS, MAX_MESSAGE_BYTES, IDLE_TIMEOUT), args);
        Threads threads = commandLine.virtualThreads() ? Threads.VIRTUAL : Threads.ONE_AT_A_TIME;
        SynchronousSocketListener server;
        try {
            server = start(ServerConfig.from(commandLine), threads);
        } catch (SampleFailure e) {
            System.err.println("sync-server: " + e.getMessage());
            System.exit(CommandLine.EXIT_FAILURE);
            return;
        }
        EchoServer.closeOnCtrlC(server);
        server.awaitTermination();
    }
    // end::main[]

    /** Waits for {@code thread} to end, even if interrupted; returns whether it was. */
    private static boolean join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    private boolean track(Socket handler) {
        synchronized (connections) {
            return !closed && connections.add(handler);
        }
    }

    private void untrack(Socket handler) {
        synchronized (connections) {
            connections.remove(handler);
        }
    }

    private boolean isClosed() {
        synchronized (connections) {
            return closed;
        }
    }


    private static int millis(Duration timeout) {
        // 0 would mean "wait forever" to setSoTimeout; the command line already refuses less than 1 ms.
        return Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
    }


    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort: the socket is unusable either way
        }
    }
}
