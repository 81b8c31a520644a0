package dev.socketsamples.asyncclient;

import static dev.socketsamples.shared.CommandLine.Option.HOST;
import static dev.socketsamples.shared.CommandLine.Option.MESSAGE;
import static dev.socketsamples.shared.CommandLine.Option.PORT;
import static dev.socketsamples.shared.CommandLine.Option.TIMEOUT;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.ManualResetEvent;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.StateObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client of the .NET "Asynchronous Client Socket Example": connect, send and receive with
 * {@link CompletionHandler} callbacks, the calling thread waiting on a {@link ManualResetEvent} after each.
 *
 * <p>Unlike the original, a callback that fails records the error and still sets its event, and every wait
 * is bounded: the client reports a failure in one line and never hangs.
 */
public final class AsynchronousClient {

    private static final String PROGRAM = "async-client";

    // ManualResetEvent instances signal completion.
    final ManualResetEvent connectDone = new ManualResetEvent(false);
    final ManualResetEvent sendDone = new ManualResetEvent(false);
    final ManualResetEvent receiveDone = new ManualResetEvent(false);

    /** The first failure of any callback, for the waiting thread to report. */
    private final AtomicReference<SampleFailure> error = new AtomicReference<>();

    private final ClientConfig config;

    AsynchronousClient(ClientConfig config) {
        this.config = config;
    }

    // tag::start-client[]
    /**
     * Sends {@code config.message()} and returns the echo, up to and including its marker.
     *
     * @throws SampleFailure when the server cannot be reached, does not echo in time, or closes without echo
     */
    public static byte[] startClient(ClientConfig config) throws SampleFailure {
        AsynchronousChannelGroup group = ClientThreads.newGroup();
        try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open(group)) {
            return new AsynchronousClient(config).startClient(client);
        } catch (IOException e) {
            throw SampleFailure.cannotConnect(config.host(), config.port(), e);
        } finally {
            ClientThreads.shutDown(group); // no thread outlives the call
        }
    }

    private byte[] startClient(AsynchronousSocketChannel client) throws SampleFailure {
        StateObject state = new StateObject(client, ClientThreads.maxEchoBytes(config));

        // Connect to the remote endpoint.
        try {
            client.connect(new InetSocketAddress(config.host(), config.port()), state, connectCallback);
        } catch (RuntimeException e) { // an unknown host fails here, before any callback
            connectCallback.failed(e, state);
        }
        if (!waitOne(connectDone, config.timeout())) {
            throw SampleFailure.cannotConnect(config.host(), config.port(), new InterruptedByTimeoutException());
        }

        // Send the message, then receive the echo: together bounded by the timeout.
        long deadline = System.nanoTime() + config.timeout().toNanos();
        send(state, config.message());
        if (!waitOne(sendDone, Duration.ofNanos(deadline - System.nanoTime()))) {
            throw SampleFailure.noEcho(config.host(), config.port(), config.timeout());
        }
        receive(state);
        if (!waitOne(receiveDone, Duration.ofNanos(deadline - System.nanoTime()))) {
            throw SampleFailure.noEcho(config.host(), config.port(), config.timeout());
        }

        // Write the response to the console.
        config.console().accept("Response received : " + state.message.text());
        return state.message.echoBytes();
    }
    // end::start-client[]

    /** Waits for a callback to set {@code done}; false on timeout; the callback's failure, if any, is thrown. */
    private boolean waitOne(ManualResetEvent done, Duration timeout) throws SampleFailure {
        try {
            if (!done.waitOne(timeout)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SampleFailure("interrupted", e);
        }
        SampleFailure failure = error.get();
        if (failure != null) {
            throw failure;
        }
        return true;
    }

    // tag::connect-callback[]
    /** Runs on a pool thread once the connection is made, or has failed. */
    final CompletionHandler<Void, StateObject> connectCallback = new CompletionHandler<>() {
        @Override
        public void completed(Void result, StateObject state) {
            try {
                log("Socket connected to " + Protocol.hostAndPort(state.workSocket.getRemoteAddress()));
            } catch (IOException | RuntimeException e) {
                fail(SampleFailure.cannotConnect(config.host(), config.port(), e));
            } finally {
                connectDone.set(); // signal that the connection has been made
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            fail(SampleFailure.cannotConnect(config.host(), config.port(), exc));
            connectDone.set(); // wake the waiting thread with the error: the original forgets this
        }
    };
    // end::connect-callback[]

    // tag::send[]
    /** Starts sending all of {@code byteData} on the state's connection. */
    void send(StateObject state, byte[] byteData) {
        ByteBuffer buffer = ByteBuffer.wrap(byteData);
        SendCallback sendCallback = new SendCallback(buffer);
        try {
            state.workSocket.write(buffer, state, sendCallback);
        } catch (RuntimeException e) {
            sendCallback.failed(e, state);
        }
    }
    // end::send[]

    // tag::send-callback[]
    /** Runs on a pool thread after each write; a write may take part of the buffer, so it writes the rest. */
    final class SendCallback implements CompletionHandler<Integer, StateObject> {

        private final ByteBuffer byteData;

        SendCallback(ByteBuffer byteData) {
            this.byteData = byteData;
        }

        @Override
        public void completed(Integer bytesSent, StateObject state) {
            try {
                if (byteData.hasRemaining()) {
                    state.workSocket.write(byteData, state, this);
                    return;
                }
                log("Sent " + byteData.limit() + " bytes to server.");
                sendDone.set(); // signal that all bytes have been sent
            } catch (RuntimeException e) {
                failed(e, state);
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            fail(SampleFailure.connectionLost(config.host(), config.port(), exc));
            sendDone.set();
        }
    }
    // end::send-callback[]

    // tag::receive[]
    /** Starts receiving the echo into the state's buffer. */
    void receive(StateObject state) {
        try {
            state.workSocket.read(state.buffer, state, receiveCallback);
        } catch (RuntimeException e) {
            receiveCallback.failed(e, state);
        }
    }
    // end::receive[]

    // tag::receive-callback[]
    /** Runs on a pool thread for each chunk of the echo: reads again until the marker or the end of stream. */
    final CompletionHandler<Integer, StateObject> receiveCallback = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytesRead, StateObject state) {
            try {
                if (bytesRead < 0) {
                    // the server closed the connection before the echo was whole
                    fail(SampleFailure.closedWithoutEcho(config.host(), config.port(), state.message.byteCount()));
                    receiveDone.set();
                    return;
                }
                state.buffer.flip();
                boolean complete = state.message.append(state.buffer);
                state.buffer.clear();
                if (complete) {
                    receiveDone.set(); // signal that all bytes have arrived
                } else {
                    receive(state); // there might be more data: get the rest
                }
            } catch (IOException | RuntimeException e) {
                failed(e, state);
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            fail(SampleFailure.connectionLost(config.host(), config.port(), exc));
            receiveDone.set();
        }
    };
    // end::receive-callback[]

    // tag::main[]
    public static void main(String[] args) {
        CommandLine commandLine = CommandLine.parseOrExit(PROGRAM,
                "The asynchronous echo client: sends one message and prints the echo.",
                EnumSet.of(HOST, PORT, MESSAGE, TIMEOUT), args);
        System.exit(EchoClient.run(PROGRAM, AsynchronousClient::startClient, ClientConfig.from(commandLine),
                System.err));
    }
    // end::main[]


    /** The failure a callback recorded, if any. */
    SampleFailure error() {
        return error.get();
    }

    private void fail(SampleFailure failure) {
        error.compareAndSet(null, failure);
    }

    private void log(String line) {
        config.console().accept(Protocol.onThisThread(line));
    }
}
