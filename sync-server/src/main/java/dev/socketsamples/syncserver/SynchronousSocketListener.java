package dev.socketsamples.syncserver;

import dev.socketsamples.shared.AcceptBackoff;
import dev.socketsamples.shared.CommandLine.Option;
import dev.socketsamples.shared.Connections;
import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.Deadline;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.MessageAccumulator;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.Quietly;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.ServerMain;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The echo server of the .NET "Synchronous Server Socket Example": a blocking {@link ServerSocket}. */
public final class SynchronousSocketListener implements EchoServer {

    /** Who serves an accepted connection: the accepting thread itself, as in .NET, or a new virtual thread. */
    public enum Threads { ONE_AT_A_TIME, VIRTUAL }
    /** Size of the receive buffer: one read takes at most this many bytes, as in .NET. */
    public static final int BUFFER_SIZE = 1024;

    private final ServerConfig config;
    private final ServerSocket listener;
    private final Executor runner;
    private final Connections<Socket> connections;
    private final AcceptBackoff backoff;
    private final Thread listenerThread;

    private SynchronousSocketListener(ServerConfig config, Threads threads) throws IOException {
        this.config = config;
        this.connections = new Connections<>(config, config.console());
        this.backoff = new AcceptBackoff(config.console());
        // tag::threads[]
        this.runner = switch (threads) {
            case ONE_AT_A_TIME -> Runnable::run; // the accepting thread serves; the next client waits its turn
            case VIRTUAL -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sync-connection-", 1)
                    .factory()); // the same code on a thread of its own; the accepts go on at once
        };
        // end::threads[]
        // tag::bind[]
        listener = new ServerSocket(config.port(), config.backlog(), InetAddress.getByName(config.host()));
        // end::bind[]
        config.console().accept("Local address and port : " + ConsoleText.hostAndPort(localAddress()));
        listenerThread = Thread.ofPlatform().name("sync-listener").start(this::startListening);
    }

    /** Binds, prints the bound address and accepts on the thread {@code sync-listener}; returns at once. */
    public static SynchronousSocketListener start(ServerConfig config, Threads threads) throws SampleFailure {
        try {
            return new SynchronousSocketListener(config, threads);
        } catch (IOException e) {
            throw SampleFailure.cannotListen(config.host(), config.port(), e);
        }
    }

    // tag::start-listening[]
    /** The accept loop: waits for a client, then serves it here, or hands it to a virtual thread of its own. */
    private void startListening() {
        config.console().accept("Waiting for a connection...");
        while (!connections.isClosing()) { // closing: the drain's own connect wakes this accept, and the loop ends
            try {
                Socket handler = listener.accept();
                connections.add(handler);
                runner.execute(() -> serve(handler));
                if (!connections.isClosing()) {
                    config.console().accept("Waiting for a connection...");
                }
            } catch (IOException | RuntimeException | Error e) { // out of file descriptors or memory
                if (!connections.isClosing()) {
                    backoff.pauseAfter(e); // retrying at once would spin on the same error
                }
            }
        }
    }
    // end::start-listening[]

    // tag::serve[]
    /** Reads until the marker, prints the text, echoes the bytes, closes. Bad input is one line, never a throw. */
    void serve(Socket handler) {
        MessageAccumulator data = connections.newMessage();
        try {
            // tag::lab1[]
            handler.setSoTimeout((int) config.idleTimeout().toMillis()); // bounds every read below
            InputStream in = handler.getInputStream();
            byte[] bytes = new byte[BUFFER_SIZE];
            while (!data.isComplete()) {
                int bytesRec = in.read(bytes);
                if (bytesRec == -1) { // the .NET original reads 0 bytes here forever
                    connections.drop(handler, data, null);
                    return;
                }
                data.append(bytes, 0, bytesRec);
            }
            // end::lab1[]
            config.console().accept("Text received : " + data.text());

            Deadline.write(handler, data.echoBytes(), config.idleTimeout()); // closes it if the client never reads
            config.console().accept("Sent " + data.byteCount() + " bytes to client.");
            handler.shutdownOutput();
            connections.close(handler);
        } catch (IOException | RuntimeException | Error e) { // too large, silent, reset: one line, no echo
            connections.drop(handler, data, e);
        } finally {
            data.release();
        }
    }
    // end::serve[]

    @Override
    public int openConnections() {
        return connections.size();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public synchronized void close() {
        if (!connections.startClosing()) {
            return; // closed already
        }
        connections.drain(localAddress(), listenerThread::join, Connections.AcceptNow.of(listener), handler -> {
            connections.add(handler);
            Thread.ofVirtual().name("sync-drain").start(() -> serve(handler)); // the drain timeout bounds them all
        }, listener);
        Quietly.join(listenerThread, Protocol.STOP_MARGIN);
        if (runner instanceof ExecutorService virtualThreads) {
            Quietly.shutDown(virtualThreads, Protocol.STOP_MARGIN);
        }
    }

    // tag::main[]
    public static void main(String[] args) {
        ServerMain.run("sync-server", "The synchronous echo server: one connection at a time, or a virtual thread"
                + " each.", EnumSet.of(Option.THREADS), args, line -> start(ServerConfig.from(line),
                line.choice(Option.THREADS, Threads.ONE_AT_A_TIME, Threads.VIRTUAL)));
    }
    // end::main[]
}
