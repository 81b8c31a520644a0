package dev.socketsamples.labs.lab4;
// Cut from the sample in async-client: the same, line for line, but for lab 4's gaps.

import dev.socketsamples.shared.ChannelGroups;
import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.Deadline;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.ManualResetEvent;
import dev.socketsamples.shared.MessageTooLargeException;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.StateObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client of the .NET "Asynchronous Client Socket Example": {@link CompletionHandler} callbacks, the caller
 * waiting on a {@link ManualResetEvent} after each; a failed callback sets its event too, and one deadline counts.
 */
public final class AsynchronousClient {

    static final String THREAD_PREFIX = "async-client-"; // two threads: an exchange may move between them

    // ManualResetEvent instances signal completion.
    final ManualResetEvent connectDone = new ManualResetEvent(false);
    final ManualResetEvent sendDone = new ManualResetEvent(false);
    final ManualResetEvent receiveDone = new ManualResetEvent(false);

    /** The first failure of any callback, for the waiting thread to report. */
    final AtomicReference<SampleFailure> error = new AtomicReference<>();

    private final ClientConfig config;

    AsynchronousClient(ClientConfig config) {
        this.config = config;
    }

    // tag::start-client[]
    /** Sends {@code config.message()} and returns the echo; a {@link SampleFailure} if none comes in time. */
    public static byte[] startClient(ClientConfig config) throws SampleFailure {
        AsynchronousChannelGroup group = ChannelGroups.fixedThreadPool(THREAD_PREFIX, 2);
        try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open(group)) {
            return new AsynchronousClient(config).startClient(client);
        } catch (IOException | UnresolvedAddressException e) { // an unknown host fails before any callback
            throw SampleFailure.cannotConnect(config.host(), config.port(), e);
        } finally {
            ChannelGroups.shutDown(group); // no thread outlives the call
        }
    }

    private byte[] startClient(AsynchronousSocketChannel client) throws SampleFailure {
        Deadline deadline = Deadline.after(config.timeout()); // for connect, send and receive together
        StateObject state = new StateObject(client, config.newEchoAccumulator());

        // Connect to the remote endpoint.
        client.connect(new InetSocketAddress(config.host(), config.port()), state, connectCallback);
        waitOne(connectDone, deadline,
                SampleFailure.cannotConnect(config.host(), config.port(), new InterruptedByTimeoutException()));

        // Send test data to the remote device.
        send(state, config.message());
        SampleFailure noEcho = SampleFailure.noEcho(config.host(), config.port(), config.timeout());
        waitOne(sendDone, deadline, noEcho);

        // Receive the response from the remote device.
        receive(state);
        waitOne(receiveDone, deadline, noEcho);

        config.console().accept("Response received : " + state.message.text());
        return config.checkEcho(state.message);
    }
    // end::start-client[]

    // tag::wait-one[]
    /** Waits for a callback to set {@code done}; throws its failure, or {@code onTimeout} once the deadline passes. */
    private void waitOne(ManualResetEvent done, Deadline deadline, SampleFailure onTimeout) throws SampleFailure {
        try {
            // tag::step-4[]
            // TODO lab 4, step 4: a server that never answers makes this wait for ever, as in .NET. Wait at most
            //  deadline.remaining() (waitOne(Duration) returns false when the time is up), then throw onTimeout.
            done.waitOne();
            // end::step-4[]
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SampleFailure("interrupted", e);
        }
        if (error.get() != null) {
            throw error.get();
        }
    }
    // end::wait-one[]

    // tag::connect-callback[]
    /** Runs on a pool thread once the connection is made, or has failed. */
    final CompletionHandler<Void, StateObject> connectCallback = new CompletionHandler<>() {
        @Override
        public void completed(Void result, StateObject state) {
            config.log("Socket connected to " + config.host() + ":" + config.port());
            connectDone.set(); // Signal that the connection has been made.
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            // tag::step-1[]
            config.log(exc.toString());
            // TODO lab 4, step 1: the thread in waitOne(connectDone) sleeps on. Record the failure,
            //  fail(SampleFailure.cannotConnect(config.host(), config.port(), exc)), then set connectDone.
            // end::step-1[]
        }
    };
    // end::connect-callback[]

    // tag::send[]
    /** Starts sending all of {@code byteData}; a write may take only part, so the callback writes the rest. */
    void send(StateObject state, byte[] byteData) {
        ByteBuffer buffer = ByteBuffer.wrap(byteData);
        state.workSocket.write(buffer, state, new SendCallback(buffer));
    }
    // end::send[]

    // tag::send-callback[]
    /** Runs on a pool thread after each write, until every byte is sent. */
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
                config.log("Sent " + byteData.limit() + " bytes to server.");
                sendDone.set(); // Signal that all bytes have been sent.
            } catch (RuntimeException e) {
                failed(e, state);
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            // tag::step-2[]
            config.log(exc.toString());
            // TODO lab 4, step 2: the same for sending: record SampleFailure.connectionLost(...), set sendDone.
            // end::step-2[]
        }
    }
    // end::send-callback[]

    // tag::receive[]
    /** Starts receiving the echo into the state's buffer. */
    void receive(StateObject state) {
        state.workSocket.read(state.buffer, state, receiveCallback);
    }
    // end::receive[]

    // tag::receive-callback[]
    /** Runs on a pool thread for each chunk of the echo: reads again until the marker or the end of stream. */
    final CompletionHandler<Integer, StateObject> receiveCallback = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytesRead, StateObject state) {
            try {
                if (bytesRead < 0) { // the server closed the connection before the echo was whole
                    fail(SampleFailure.closedWithoutEcho(config.host(), config.port(), state.message.byteCount()));
                } else if (!state.message.append(state.buffer)) {
                    receive(state); // There might be more data, so get the rest.
                    return;
                }
            } catch (MessageTooLargeException e) {
                fail(SampleFailure.notTheEcho(config.host(), config.port()));
            } catch (RuntimeException e) {
                fail(SampleFailure.connectionLost(config.host(), config.port(), e));
            }
            receiveDone.set(); // Signal that all bytes have been received, or that they never will be.
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            // tag::step-3[]
            config.log(exc.toString());
            // TODO lab 4, step 3: the same for receiving: record SampleFailure.connectionLost(...), set receiveDone.
            // end::step-3[]
        }
    };
    // end::receive-callback[]

    // tag::main[]
    public static void main(String[] args) {
        EchoClient.main("async-client", "The asynchronous echo client: sends one message and prints the echo.", args,
                AsynchronousClient::startClient);
    }
    // end::main[]

    private void fail(SampleFailure failure) {
        error.compareAndSet(null, failure);
    }
}
