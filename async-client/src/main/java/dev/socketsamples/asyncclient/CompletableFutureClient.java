package dev.socketsamples.asyncclient;

import dev.socketsamples.shared.ChannelGroups;
import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.MessageAccumulator;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The exchange of {@code AsynchronousClient} as one {@link CompletableFuture} pipeline, no thread waiting between
 * the steps: the Java answer to the readers who asked the .NET docs for task-based callback samples.
 */
public final class CompletableFutureClient {

    private CompletableFutureClient() {
    }

    // tag::pipeline[]
    /** Starts the exchange and returns at once: the echo, or a {@link SampleFailure}, within the timeout. */
    public static CompletableFuture<byte[]> exchange(ClientConfig config) {
        AsynchronousChannelGroup group = ChannelGroups.fixedThreadPool("future-client-", 2);
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open(group);
        } catch (IOException e) { // out of file descriptors
            ChannelGroups.shutDown(group);
            return CompletableFuture.failedFuture(SampleFailure.cannotConnect(config.host(), config.port(), e));
        }
        StateObject state = new StateObject(channel, config.newEchoAccumulator());
        CompletableFuture<Void> connected = connect(config, channel);
        return connected
                .thenCompose(ignored -> writeAll(config, channel, ByteBuffer.wrap(config.message())))
                .thenCompose(bytesSent -> readUntilMarker(config, state))
                .orTimeout(config.timeout().toNanos(), TimeUnit.NANOSECONDS) // one deadline for the whole
                .handle((echo, failure) -> {
                    Quietly.close(channel); // ends whatever step is still waiting
                    group.shutdown(); // its threads end once this last callback returns
                    if (failure != null) {
                        throw new CompletionException(asSampleFailure(config, failure,
                                connected.isDone() && !connected.isCompletedExceptionally()));
                    }
                    return echo;
                });
    }

    /** The one completion handler of this client: it completes the future it is given as attachment. */
    private static <V> CompletionHandler<V, CompletableFuture<V>> completing() {
        return new CompletionHandler<>() {
            @Override
            public void completed(V result, CompletableFuture<V> future) {
                future.complete(result);
            }

            @Override
            public void failed(Throwable exc, CompletableFuture<V> future) {
                future.completeExceptionally(exc);
            }
        };
    }
    // end::pipeline[]

    /** Runs the exchange and waits for it: the one place that blocks. */
    public static byte[] startClient(ClientConfig config) throws SampleFailure {
        try {
            return exchange(config).join(); // returns by the deadline at the latest
        } catch (CompletionException e) {
            throw (SampleFailure) e.getCause(); // exchange() fails with nothing else
        }
    }

    /** Completes once connected. */
    private static CompletableFuture<Void> connect(ClientConfig config, AsynchronousSocketChannel channel) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        CompletableFuture<Void> logged = connected.thenRun( // on the pool thread that completes the connect
                () -> config.log("Socket connected to " + config.host() + ":" + config.port()));
        try {
            channel.connect(new InetSocketAddress(config.host(), config.port()), connected, completing());
        } catch (RuntimeException e) { // an unknown host fails here, before any callback
            connected.completeExceptionally(e);
        }
        return logged;
    }

    /** Completes with the number of bytes sent once all of {@code byteData} is written. */
    private static CompletableFuture<Integer> writeAll(ClientConfig config, AsynchronousSocketChannel channel,
                                                       ByteBuffer byteData) {
        CompletableFuture<Integer> written = new CompletableFuture<>();
        CompletableFuture<Integer> next = written.thenCompose(bytesSent -> {
            if (byteData.hasRemaining()) {
                return writeAll(config, channel, byteData); // a write may take only part: write the rest
            }
            config.log("Sent " + byteData.limit() + " bytes to server.");
            return CompletableFuture.completedFuture(byteData.limit());
        });
        channel.write(byteData, written, completing());
        return next;
    }

    /** Completes with the echo once its marker has arrived; the end of the stream before it is a failure. */
    private static CompletableFuture<byte[]> readUntilMarker(ClientConfig config, StateObject state) {
        CompletableFuture<Integer> read = new CompletableFuture<>();
        CompletableFuture<byte[]> next = read.thenCompose(bytesRead -> {
            try {
                if (bytesRead < 0) {
                    throw SampleFailure.closedWithoutEcho(config.host(), config.port(), state.message.byteCount());
                } else if (!state.message.append(state.buffer)) {
                    return readUntilMarker(config, state); // there might be more: get the rest
                }
                config.log("Response received : " + state.message.text());
                return CompletableFuture.completedFuture(config.checkEcho(state.message));
            } catch (SampleFailure | MessageTooLargeException e) {
                throw new CompletionException(e);
            }
        });
        state.workSocket.read(state.buffer, read, completing());
        return next;
    }

    /** A step's failure in the protocol's words: before the connection, a connect failure; after, no echo. */
    private static SampleFailure asSampleFailure(ClientConfig config, Throwable failure, boolean connected) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return switch (cause) { // a MessageTooLargeException: more bytes than were sent, and no marker
            case SampleFailure sampleFailure -> sampleFailure;
            case MessageTooLargeException e -> SampleFailure.notTheEcho(config.host(), config.port());
            case TimeoutException e when connected -> SampleFailure.noEcho(config.host(), config.port(), config.timeout());
            default -> connected ? SampleFailure.connectionLost(config.host(), config.port(), cause)
                    : SampleFailure.cannotConnect(config.host(), config.port(), cause);
        };
    }

    // tag::main[]
    public static void main(String[] args) {
        EchoClient.main("future-client", "The CompletableFuture echo client: the same exchange as async-client,"
                + " as one pipeline.", args, CompletableFutureClient::startClient);
    }
    // end::main[]
}
