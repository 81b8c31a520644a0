package dev.socketsamples.labs.solutions.lab3;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.socketsamples.labs.TryIt;
import dev.socketsamples.shared.Quietly;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.StateObject;
import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;

/** Lab 3, solved: the asynchronous server's callbacks; the read re-arms itself, and so does the accept. */
public final class AsynchronousSocketListener {

    private final AsynchronousServerSocketChannel listener;
    private final ServerConfig config;
    private final long idleNanos;

    /** A server that accepts on {@code listener}, with the limits and the console of {@code config}. */
    public AsynchronousSocketListener(AsynchronousServerSocketChannel listener, ServerConfig config) {
        this.listener = listener;
        this.config = config;
        this.idleNanos = config.idleTimeout().toNanos();
    }

    /** Starts the first accept and returns at once: from then on, the callbacks do everything. */
    public void startListening() {
        config.console().accept("Waiting for a connection...");
        listener.accept(null, acceptCallback);
    }

    // tag::accept-callback[]
    /** Runs on a pool thread for each new connection. */
    final CompletionHandler<AsynchronousSocketChannel, Void> acceptCallback = new CompletionHandler<>() {
        @Override
        public void completed(AsynchronousSocketChannel handler, Void attachment) {
            // tag::step-3[]
            listener.accept(null, this); // the next accept starts now, while this connection is served
            // end::step-3[]
            read(new StateObject(handler, config.maxMessageBytes()));
        }

        @Override
        public void failed(Throwable exc, Void attachment) {
            if (listener.isOpen()) { // the real server pauses and accepts again; this one stops
                config.log("Stopped accepting: " + SampleFailure.reason(exc));
            }
        }
    };
    // end::accept-callback[]

    private void read(StateObject state) {
        state.workSocket.read(state.buffer, idleNanos, NANOSECONDS, state, readCallback);
    }

    // tag::read-callback[]
    /** Runs on a pool thread for each chunk that arrives. */
    final CompletionHandler<Integer, StateObject> readCallback = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytesRead, StateObject state) {
            try {
                // tag::step-2[]
                if (bytesRead < 0) {
                    drop(state, null); // the client left before the marker
                    return;
                }
                // end::step-2[]
                // tag::step-1[]
                if (!state.message.append(state.buffer)) {
                    read(state); // Not all data received. Get more.
                    return;
                }
                // end::step-1[]
                config.log("Read " + state.message.byteCount() + " bytes from socket.");
                config.log("Data : " + state.message.text());
                send(state);
            } catch (IOException | RuntimeException e) {
                drop(state, e);
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            drop(state, exc);
        }
    };
    // end::read-callback[]

    /** Writes the echo, or what a previous write left of it. */
    private void send(StateObject state) {
        state.workSocket.write(state.message.echoBuffer(), idleNanos, NANOSECONDS, state, sendCallback);
    }

    /** Runs on a pool thread after each write: writes the rest, or closes once the echo is out. */
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
                state.close();
            } catch (IOException | RuntimeException e) {
                drop(state, e);
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            drop(state, exc);
        }
    };

    /** Closes the connection without an echo, in one line saying why. */
    private void drop(StateObject state, Throwable cause) {
        config.log(SampleFailure.dropped(state.message.byteCount(), cause, config.idleTimeout()));
        state.close();
    }

    /** Serves on 127.0.0.1:11000 (or --port) until Ctrl+C; the callbacks run on two pool threads. */
    public static void main(String[] args) throws IOException, InterruptedException {
        ServerConfig config = TryIt.serverConfig("lab3-server", "Lab 3: the callbacks, on two pool threads.", args);
        AsynchronousChannelGroup group = Quietly.newGroup("lab3-pool-", 2);
        new AsynchronousSocketListener(TryIt.listen("lab3-server", config, group), config).startListening();
        Thread.currentThread().join(); // main has nothing left to do; the pool threads serve
    }
}
