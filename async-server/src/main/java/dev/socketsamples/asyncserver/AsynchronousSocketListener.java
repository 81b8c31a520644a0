package dev.socketsamples.asyncserver;

import static dev.socketsamples.shared.CommandLine.Option.HOST;
import static dev.socketsamples.shared.CommandLine.Option.IDLE_TIMEOUT;
import static dev.socketsamples.shared.CommandLine.Option.MAX_MESSAGE_BYTES;
import static dev.socketsamples.shared.CommandLine.Option.PORT;

import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ManualResetEvent;
import dev.socketsamples.shared.MessageTooLargeException;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.StateObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.Channel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The echo server of the .NET "Asynchronous Server Socket Example", with {@link CompletionHandler} callbacks
 * on a channel group's thread pool in place of {@code BeginAccept}/{@code BeginReceive}/{@code BeginSend}.
 */
public final class AsynchronousSocketListener implements EchoServer {

    /** The backlog of the .NET sample's {@code Listen(100)}. */
    static final int BACKLOG = 100;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final Consumer<String> console;
    private final AsynchronousChannelGroup group;
    private final int poolSize;
    private final AsynchronousServerSocketChannel listener;
    private final InetSocketAddress localAddress;
    private final Set<AsynchronousSocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread listenerThread;
    private volatile boolean closed;

    /** Thread signal: the listener waits on it until the accept callback has taken the connection. */
    private final ManualResetEvent allDone = new ManualResetEvent(false);

    private AsynchronousSocketListener(ServerConfig config, AsynchronousChannelGroup group, int poolSize,
                                       AsynchronousServerSocketChannel listener) throws IOException {
        this.config = config;
        this.console = config.console();
        this.group = group;
        this.poolSize = poolSize;
        this.listener = listener;
        this.localAddress = (InetSocketAddress) listener.getLocalAddress();
        this.listenerThread = Thread.ofPlatform().name("async-listener").unstarted(this::startListening);
    }

    /**
     * Binds, prints the bound address, starts the accept loop on the thread {@code async-listener} and returns.
     *
     * @throws SampleFailure when the address cannot be bound, typically because the port is in use
     */
    public static AsynchronousSocketListener start(ServerConfig config) throws SampleFailure {
        int poolSize = Math.max(2, Runtime.getRuntime().availableProcessors());
        AsynchronousChannelGroup group;
        try {
            // Every callback runs on one of these threads: their names show up in the console lines.
            group = AsynchronousChannelGroup.withFixedThreadPool(poolSize,
                    Thread.ofPlatform().name("async-server-", 1).factory());
        } catch (IOException e) {
            throw SampleFailure.cannotListen(config.host(), config.port(), e);
        }
        AsynchronousSocketListener server;
        try {
            // tag::bind[]
            AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(group);
            listener.bind(new InetSocketAddress(config.host(), config.port()), BACKLOG);
            // end::bind[]
            server = new AsynchronousSocketListener(config, group, poolSize, listener);
        } catch (IOException | UnresolvedAddressException e) {
            shutDownQuietly(group);
            throw SampleFailure.cannotListen(config.host(), config.port(), e);
        }
        server.console.accept("Local address and port : " + Protocol.hostAndPort(server.localAddress));
        server.listenerThread.start();
        return server;
    }

    // tag::start-listening[]
    /** The accept loop: one accept at a time, and the next one only once the callback has the connection. */
    private void startListening() {
        while (!closed) {
            allDone.reset();
            console.accept("Waiting for a connection...");
            try {
                listener.accept(null, acceptCallback);
                allDone.waitOne(); // blocks async-listener only: start() has returned, unlike .NET's Main
            } catch (InterruptedException e) {
                return; // close() wakes the loop this way too
            } catch (RuntimeException e) {
                if (!closed) {
                    console.accept("Stopped accepting: " + SampleFailure.reason(e));
                }
                return;
            }
        }
    }
    // end::start-listening[]

    // tag::accept-callback[]
    /** Runs on a pool thread for each new connection: lets the loop go on and starts the first read. */
    final CompletionHandler<AsynchronousSocketChannel, Void> acceptCallback = new CompletionHandler<>() {
        @Override
        public void completed(AsynchronousSocketChannel handler, Void attachment) {
            allDone.set(); // the listener may accept the next connection now
            connections.add(handler);
            if (closed) {
                closeConnection(handler);
                return;
            }
            StateObject state = new StateObject(handler, config.maxMessageBytes());
            try {
                read(state);
            } catch (RuntimeException e) {
                drop(state, "Could not start reading: " + SampleFailure.reason(e));
            }
        }

        @Override
        public void failed(Throwable exc, Void attachment) {
            allDone.set();
            if (!closed) {
                log("Accept failed: " + SampleFailure.reason(exc) + "; still listening.");
            }
        }
    };
    // end::accept-callback[]

    /** Every read is timed, so a client that goes silent cannot hold its connection open forever. */
    private void read(StateObject state) {
        state.workSocket.read(state.buffer, config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS, state,
                readCallback);
    }

    // tag::read-callback[]
    /** Runs on a pool thread for each chunk: keeps it, and either reads again or echoes the whole message. */
    final CompletionHandler<Integer, StateObject> readCallback = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytesRead, StateObject state) {
            try {
                if (bytesRead < 0) {
                    drop(state, "Client closed the connection after " + state.message.byteCount()
                            + " bytes, before " + Protocol.EOF + "; connection closed.");
                    return;
                }
                state.buffer.flip();
                boolean complete = state.message.append(state.buffer);
                state.buffer.clear();
                if (!complete) {
                    read(state); // not all data received: get more
                    return;
                }
                // bytes, not characters: the .NET sample prints a character count here
                log("Read " + state.message.byteCount() + " bytes from socket.");
                log("Data : " + state.message.text());
                send(state);
            } catch (MessageTooLargeException e) {
                drop(state, "No " + Protocol.EOF + " within " + e.maxMessageBytes()
                        + " bytes; connection closed without echo.");
            } catch (RuntimeException e) {
                drop(state, "Error after " + state.message.byteCount() + " bytes: " + SampleFailure.reason(e)
                        + "; connection closed.");
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            if (exc instanceof InterruptedByTimeoutException) {
                drop(state, "No data for " + Protocol.seconds(config.idleTimeout()) + " s after "
                        + state.message.byteCount() + " bytes; connection closed.");
            } else {
                drop(state, "Connection lost after " + state.message.byteCount() + " bytes: "
                        + SampleFailure.reason(exc) + "; connection closed.");
            }
        }
    };
    // end::read-callback[]

    // tag::send[]
    /** Echoes the message, byte for byte, up to and including its marker. */
    private void send(StateObject state) {
        ByteBuffer byteData = state.message.echoBuffer();
        write(state, byteData, new SendCallback(byteData));
    }
    // end::send[]

    /** Timed like the reads: a client that never reads its echo cannot hold the connection either. */
    private void write(StateObject state, ByteBuffer byteData, SendCallback sendCallback) {
        state.workSocket.write(byteData, config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS, state,
                sendCallback);
    }

    // tag::send-callback[]
    /** Runs on a pool thread after each write: a write may take only part of the echo, so write the rest. */
    final class SendCallback implements CompletionHandler<Integer, StateObject> {

        private final ByteBuffer byteData;

        SendCallback(ByteBuffer byteData) {
            this.byteData = byteData;
        }

        @Override
        public void completed(Integer bytesSent, StateObject state) {
            try {
                if (byteData.hasRemaining()) {
                    write(state, byteData, this);
                    return;
                }
                log("Sent " + byteData.limit() + " bytes to client.");
                state.workSocket.shutdownOutput();
                closeConnection(state.workSocket);
            } catch (IOException | RuntimeException e) {
                drop(state, "Could not finish the echo: " + SampleFailure.reason(e) + "; connection closed.");
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            drop(state, "Could not send the echo: " + SampleFailure.reason(exc) + "; connection closed.");
        }
    }
    // end::send-callback[]

    /** The address actually bound: with port 0, the port the system picked. */
    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** How many threads run the callbacks: at least two, so that a reader sees them take turns. */
    public int poolSize() {
        return poolSize;
    }

    @Override
    public int openConnections() {
        return connections.size();
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        allDone.set();
        closeQuietly(listener);
        connections.forEach(this::closeConnection);
        boolean interrupted = false;
        try {
            shutDown(group);
            listenerThread.interrupt(); // in case it is between its accept and its wait
            listenerThread.join(CLOSE_TIMEOUT);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        terminated.countDown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // tag::main[]
    public static void main(String[] args) throws InterruptedException {
        CommandLine commandLine = CommandLine.parseOrExit("async-server",
                "The asynchronous echo server: CompletionHandler callbacks on a pool of threads.",
                EnumSet.of(HOST, PORT, MAX_MESSAGE_BYTES, IDLE_TIMEOUT), args);
        AsynchronousSocketListener server;
        try {
            server = start(ServerConfig.from(commandLine));
        } catch (SampleFailure e) {
            System.err.println("async-server: " + e.getMessage());
            System.exit(CommandLine.EXIT_FAILURE);
            return;
        }
        EchoServer.closeOnCtrlC(server);
        server.awaitTermination();
    }
    // end::main[]

    /** Closes one connection after a problem, in one console line; silent when the whole server is closing. */
    private void drop(StateObject state, String line) {
        closeConnection(state.workSocket);
        if (!closed) {
            log(line);
        }
    }

    private void closeConnection(AsynchronousSocketChannel channel) {
        connections.remove(channel);
        closeQuietly(channel);
    }

    /** A callback's console line, prefixed with the thread that runs it: the lesson of the pool. */
    private void log(String line) {
        console.accept(Protocol.onThisThread(line));
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway; nothing left to do with it
        }
    }

    private static void shutDown(AsynchronousChannelGroup group) throws InterruptedException {
        try {
            group.shutdownNow();
        } catch (IOException e) {
            // the channels are closed either way
        }
        group.awaitTermination(CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void shutDownQuietly(AsynchronousChannelGroup group) {
        try {
            shutDown(group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


}
