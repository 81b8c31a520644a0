package dev.socketsamples.labs.lab4;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.Deadline;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.ManualResetEvent;
import dev.socketsamples.shared.MessageTooLargeException;
import dev.socketsamples.shared.Quietly;
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

/** Lab 4: the callback client, which must never hang: every failure must wake the waiting thread, a deadline too. */
public final class AsynchronousClient {

    // ManualResetEvent instances signal completion.
    private final ManualResetEvent connectDone = new ManualResetEvent(false);
    private final ManualResetEvent sendDone = new ManualResetEvent(false);
    private final ManualResetEvent receiveDone = new ManualResetEvent(false);

    /** The first failure of any callback, for the waiting thread to report. */
    private final AtomicReference<SampleFailure> error = new AtomicReference<>();

    private final ClientConfig config;

    private AsynchronousClient(ClientConfig config) {
        this.config = config;
    }

    // tag::start-client[]
    /** Sends {@code config.message()} and returns the echo; fails in one line, within the timeout, otherwise. */
    public static byte[] startClient(ClientConfig config) throws SampleFailure {
        AsynchronousChannelGroup group = Quietly.newGroup("lab4-client-", 2);
        try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open(group)) {
            return new AsynchronousClient(config).startClient(client);
        } catch (IOException | UnresolvedAddressException e) { // an unknown host fails before any callback
            throw SampleFailure.cannotConnect(config.host(), config.port(), e);
        } finally {
            Quietly.shutDown(group);
        }
    }

    private byte[] startClient(AsynchronousSocketChannel client) throws SampleFailure {
        Deadline deadline = Deadline.after(config.timeout()); // for connect, send and receive together
        StateObject state = new StateObject(client, config.newEchoAccumulator());

        client.connect(new InetSocketAddress(config.host(), config.port()), state, connectCallback);
        waitOne(connectDone, deadline,
                SampleFailure.cannotConnect(config.host(), config.port(), new InterruptedByTimeoutException()));

        send(state, config.message());
        SampleFailure noEcho = SampleFailure.noEcho(config.host(), config.port(), config.timeout());
        waitOne(sendDone, deadline, noEcho);

        receive(state);
        waitOne(receiveDone, deadline, noEcho);

        config.log("Response received : " + state.message.text());
        return config.checkEcho(state.message);
    }
    // end::start-client[]

    // tag::wait-one[]
    /** Waits for a callback to set {@code done}, then throws the failure a callback recorded, if any. */
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
    private final CompletionHandler<Void, StateObject> connectCallback = new CompletionHandler<>() {
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

    /** Starts sending all of {@code byteData}; a write may take only part, so the callback writes the rest. */
    private void send(StateObject state, byte[] byteData) {
        ByteBuffer buffer = ByteBuffer.wrap(byteData);
        state.workSocket.write(buffer, state, new SendCallback(buffer));
    }

    // tag::send-callback[]
    /** Runs on a pool thread after each write, until every byte is sent. */
    private final class SendCallback implements CompletionHandler<Integer, StateObject> {

        private final ByteBuffer byteData;

        SendCallback(ByteBuffer byteData) {
            this.byteData = byteData;
        }

        @Override
        public void completed(Integer bytesSent, StateObject state) {
            if (byteData.hasRemaining()) {
                state.workSocket.write(byteData, state, this);
                return;
            }
            config.log("Sent " + byteData.limit() + " bytes to server.");
            sendDone.set(); // Signal that all bytes have been sent.
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

    /** Starts receiving the echo into the state's buffer. */
    private void receive(StateObject state) {
        state.workSocket.read(state.buffer, state, receiveCallback);
    }

    // tag::receive-callback[]
    /** Runs on a pool thread for each chunk of the echo: reads again until the marker or the end of stream. */
    private final CompletionHandler<Integer, StateObject> receiveCallback = new CompletionHandler<>() {
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

    private void fail(SampleFailure failure) {
        error.compareAndSet(null, failure);
    }

    /** One exchange with the server on 127.0.0.1:11000; {@code --help} lists the options. */
    public static void main(String[] args) {
        EchoClient.main("lab4-client", "Lab 4's client: sends one message and prints the echo.", args,
                AsynchronousClient::startClient);
    }
}
