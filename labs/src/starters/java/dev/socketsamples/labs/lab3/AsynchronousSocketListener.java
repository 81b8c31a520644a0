package dev.socketsamples.labs.lab3;
// Cut from the sample in async-server: the same, line for line, but for lab 3's gaps.

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.socketsamples.shared.AcceptBackoff;
import dev.socketsamples.shared.ChannelGroups;
import dev.socketsamples.shared.CommandLine.Option;
import dev.socketsamples.shared.Connections;
import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ManualResetEvent;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.Quietly;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.ServerMain;
import dev.socketsamples.shared.StateObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;

/** The echo server of the .NET "Asynchronous Server Socket Example": {@link CompletionHandler} callbacks. */
public final class AsynchronousSocketListener implements EchoServer {

    /** How the next accept starts: after {@code allDone} as in .NET, or from the accept callback itself. */
    public enum Accept { ALL_DONE_LOOP, CHAINED }

    private final ServerConfig config;
    private final Accept accept;
    private final AsynchronousChannelGroup group;
    private final AsynchronousServerSocketChannel listener;
    private final InetSocketAddress localAddress;
    private final Connections<StateObject> connections;
    private final AcceptBackoff backoff;
    private final Thread listenerThread;

    /** Thread signal: the loop waits on it until the accept callback has taken the connection. */
    private final ManualResetEvent allDone = new ManualResetEvent(false);
    private final ManualResetEvent acceptsStopped = new ManualResetEvent(false); // closing: the drain accepts

    private AsynchronousSocketListener(ServerConfig config, Accept accept, AsynchronousChannelGroup group)
            throws IOException {
        this.config = config;
        this.accept = accept;
        this.group = group;
        this.connections = new Connections<>(config, config::log);
        this.backoff = new AcceptBackoff(config::log);
        // tag::bind[]
        listener = AsynchronousServerSocketChannel.open(group)
                .bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
        // end::bind[]
        localAddress = (InetSocketAddress) listener.getLocalAddress();
        config.console().accept("Local address and port : " + ConsoleText.hostAndPort(localAddress));
        listenerThread = Thread.ofPlatform().name("async-listener").unstarted(this::startListening);
    }

    /** Binds, prints the bound address, starts accepting and returns. */
    public static AsynchronousSocketListener start(ServerConfig config, Accept accept) throws SampleFailure {
        // Every callback runs on one of these threads: their names show up in the console lines.
        AsynchronousChannelGroup group = ChannelGroups.fixedThreadPool("async-server-",
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            AsynchronousSocketListener server = new AsynchronousSocketListener(config, accept, group);
            if (accept == Accept.ALL_DONE_LOOP) {
                server.listenerThread.start();
            } else {
                config.console().accept("Waiting for a connection..."); // from now on, always
                server.listener.accept(null, server.acceptCallback);
            }
            return server;
        } catch (IOException | RuntimeException e) {
            ChannelGroups.shutDown(group);
            throw SampleFailure.cannotListen(config.host(), config.port(), e);
        }
    }

    // tag::start-listening[]
    /** The .NET loop: start an accept, then wait until the callback has the connection before the next. */
    private void startListening() {
        while (!connections.isClosing()) {
            allDone.reset(); // Set the event to nonsignaled state.
            config.console().accept("Waiting for a connection...");
            startAccept();
            try {
                allDone.waitOne(); // blocks async-listener only: start() has returned, unlike .NET's Main
            } catch (InterruptedException e) {
                return;
            }
        }
        acceptsStopped.set();
    }

    /** Starts one accept, unless closing (then the drain accepts); one that cannot start has failed too. */
    private void startAccept() {
        if (connections.isClosing()) { // no accept is under way: the drain may start its own
            acceptsStopped.set();
            allDone.set(); // the loop, if it waits, ends
            return;
        }
        try {
            listener.accept(null, acceptCallback);
        } catch (RuntimeException e) {
            retryAfterPause(e);
        }
    }

    /** Out of file descriptors or memory: pause, then accept again; retrying at once would spin. */
    private void retryAfterPause(Throwable cause) {
        CompletableFuture.delayedExecutor(backoff.failed(cause).toNanos(), NANOSECONDS).execute(this::startAccept);
    }
    // end::start-listening[]

    // tag::accept-callback[]
    /** Runs on a pool thread for each new connection: lets the next accept start and reads the first chunk. */
    final CompletionHandler<AsynchronousSocketChannel, Void> acceptCallback = new CompletionHandler<>() {
        @Override
        public void completed(AsynchronousSocketChannel handler, Void attachment) {
            if (connections.isClosing()) {
                acceptsStopped.set(); // the drain takes the rest of the backlog
            } else if (accept == Accept.CHAINED) {
                // tag::step-3[]
                // TODO lab 3, step 3: nothing accepts the next client. Start the next accept here, first thing,
                //  so that it waits while this connection is served (hint: this callback is "this").
                // end::step-3[]
            }
            allDone.set(); // Signal the main thread to continue.
            StateObject state = new StateObject(handler, connections.newMessage());
            connections.add(state);
            read(state);
        }

        @Override
        public void failed(Throwable exc, Void attachment) {
            if (connections.isClosing()) {
                acceptsStopped.set();
                allDone.set(); // closing: let the loop end
            } else {
                retryAfterPause(exc); // the open connections go on
            }
        }
    };
    // end::accept-callback[]

    private void read(StateObject state) { // every read and write is timed: a silent client cannot hold a connection
        state.workSocket.read(state.buffer, config.idleTimeout().toNanos(), NANOSECONDS, state, readCallback);
    }

    // tag::read-callback[]
    /** Runs on a pool thread for each chunk: keeps it, and either reads again or echoes the whole message. */
    final CompletionHandler<Integer, StateObject> readCallback = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytesRead, StateObject state) {
            try {
                // tag::step-2[]
                // TODO lab 3, step 2: a negative bytesRead means the client closed its side before the marker:
                //  connections.drop(state, state.message, null) and return, without an echo.
                // end::step-2[]
                // tag::step-1[]
                // TODO lab 3, step 1: append returns false while the marker has not arrived. Then start the next
                //  read, read(state), and return: this callback runs again when more bytes have come.
                state.message.append(state.buffer);
                // end::step-1[]
                config.log("Read " + state.message.byteCount() + " bytes from socket.");
                config.log("Data : " + state.message.text());
                send(state);
            } catch (IOException | RuntimeException | Error e) {
                connections.drop(state, state.message, e);
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            connections.drop(state, state.message, exc);
        }
    };
    // end::read-callback[]

    // tag::send[]
    /** Writes the echo, or what is left of it: the message, byte for byte, up to and including its marker. */
    private void send(StateObject state) {
        state.workSocket.write(state.message.echoBuffer(), config.idleTimeout().toNanos(), NANOSECONDS, state,
                sendCallback);
    }
    // end::send[]

    // tag::send-callback[]
    /** Runs on a pool thread after each write: a write may take only part of the echo, so write the rest. */
    final CompletionHandler<Integer, StateObject> sendCallback = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytesSent, StateObject state) {
            try {
                if (state.message.echoBuffer().hasRemaining()) {
                    send(state);
                    return;
                }
                config.log("Sent " + state.message.byteCount() + " bytes to client.");
                state.workSocket.shutdownOutput();
                connections.close(state);
            } catch (IOException | RuntimeException | Error e) {
                connections.drop(state, state.message, e);
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            connections.drop(state, state.message, exc);
        }
    };
    // end::send-callback[]

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public int openConnections() {
        return connections.size();
    }

    @Override
    public synchronized void close() {
        if (!connections.startClosing()) {
            return;
        }
        // The accept under way is woken first: its callback starts no other, so only the drain accepts.
        connections.drain(localAddress, acceptsStopped::waitOne, Connections.AcceptNow.of(listener),
                handler -> acceptCallback.completed(handler, null), listener);
        ChannelGroups.shutDown(group);
        Quietly.join(listenerThread, Protocol.STOP_MARGIN); // at once if it never started: CHAINED
    }

    // tag::main[]
    public static void main(String[] args) {
        ServerMain.run("async-server", "The asynchronous echo server: CompletionHandler callbacks on a pool of"
                + " threads.", EnumSet.of(Option.ACCEPT), args, line -> start(ServerConfig.from(line),
                line.choice(Option.ACCEPT, Accept.ALL_DONE_LOOP, Accept.CHAINED)));
    }
    // end::main[]
}
