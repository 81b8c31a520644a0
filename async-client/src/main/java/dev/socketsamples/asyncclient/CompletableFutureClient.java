package dev.socketsamples.asyncclient;

import static dev.socketsamples.shared.CommandLine.Option.HOST;
import static dev.socketsamples.shared.CommandLine.Option.MESSAGE;
import static dev.socketsamples.shared.CommandLine.Option.PORT;
import static dev.socketsamples.shared.CommandLine.Option.TIMEOUT;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.MessageAccumulator;
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
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The same exchange as {@link AsynchronousClient} (connect, send everything, read until the marker) composed
 * as one {@link CompletableFuture} pipeline: no events, no thread waiting between the steps.
 *
 * <p>This is the Java answer to the readers who asked the .NET docs for a task-based version of the
 * callback samples. Each step fails its future with a {@link SampleFailure}, so the one place that blocks,
 * at the very end, only has to unwrap it.
 */
public final class CompletableFutureClient {

    private static final String PROGRAM = "future-client";

    private CompletableFutureClient() {
    }

    /**
     * Starts the exchange on a pool of its own and returns at once. The future completes with the echo, or
     * fails with a {@link SampleFailure}; reads and writes time out after {@code config.timeout()}, the connect
     * when the system gives up (use {@link #startClient} for one bound on the whole). The pool ends with it.
     */
    public static CompletableFuture<byte[]> exchange(ClientConfig config) {
        AsynchronousChannelGroup group = ClientThreads.newGroup();
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open(group);
        } catch (IOException e) {
            ClientThreads.shutDown(group);
            return CompletableFuture.failedFuture(SampleFailure.cannotConnect(config.host(), config.port(), e));
        }
        return pipeline(config, channel).whenComplete((echo, failure) -> {
            closeQuietly(channel);
            group.shutdown(); // its threads end once this last callback returns
        });
    }

    /**
     * Runs the exchange and waits for it, at most {@code config.timeout()} in all.
     *
     * @throws SampleFailure when the server cannot be reached, does not echo in time, or closes without echo
     */
    public static byte[] startClient(ClientConfig config) throws SampleFailure {
        AsynchronousChannelGroup group = ClientThreads.newGroup();
        try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open(group)) {
            CompletableFuture<byte[]> echo = pipeline(config, channel);
            try {
                return echo.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS); // the only wait
            } catch (TimeoutException e) {
                throw isConnected(channel)
                        ? SampleFailure.noEcho(config.host(), config.port(), config.timeout())
                        : SampleFailure.cannotConnect(config.host(), config.port(),
                                new InterruptedByTimeoutException());
            } catch (ExecutionException e) {
                throw asSampleFailure(config, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SampleFailure("interrupted", e);
            }
        } catch (IOException e) {
            throw SampleFailure.cannotConnect(config.host(), config.port(), e);
        } finally {
            ClientThreads.shutDown(group); // no thread outlives the call
        }
    }

    // tag::pipeline[]
    /**
     * Connect, then write all, then read until the marker: each step starts when the one before completes.
     * The steps print from their completion handlers, which always run on the client's pool; a lambda here
     * would run on whichever thread completed the step before it, the caller's included.
     */
    static CompletableFuture<byte[]> pipeline(ClientConfig config, AsynchronousSocketChannel channel) {
        StateObject state = new StateObject(channel, ClientThreads.maxEchoBytes(config));
        return connect(config, channel)
                .thenCompose(connected -> writeAll(config, channel, ByteBuffer.wrap(config.message())))
                .thenCompose(bytesSent -> readUntilMarker(config, state))
                .thenApply(MessageAccumulator::echoBytes);
    }
    // end::pipeline[]

    /** Completes once connected. */
    private static CompletableFuture<Void> connect(ClientConfig config, AsynchronousSocketChannel channel) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        try {
            channel.connect(new InetSocketAddress(config.host(), config.port()), null,
                    new CompletionHandler<Void, Void>() {
                        @Override
                        public void completed(Void result, Void attachment) {
                            try {
                                log(config, "Socket connected to "
                                        + Protocol.hostAndPort(channel.getRemoteAddress()));
                                connected.complete(null);
                            } catch (IOException | RuntimeException e) {
                                failed(e, attachment);
                            }
                        }

                        @Override
                        public void failed(Throwable exc, Void attachment) {
                            connected.completeExceptionally(
                                    SampleFailure.cannotConnect(config.host(), config.port(), exc));
                        }
                    });
        } catch (RuntimeException e) {
            connected.completeExceptionally(SampleFailure.cannotConnect(config.host(), config.port(), e));
        }
        // A connect has no timeout of its own: give up after the client's timeout, as the other clients do.
        return connected.orTimeout(config.timeout().toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(failure instanceof TimeoutException
                        ? SampleFailure.cannotConnect(config.host(), config.port(), new InterruptedByTimeoutException())
                        : failure));
    }

    /** Completes with the number of bytes written once all of {@code byteData} is written. */
    private static CompletableFuture<Integer> writeAll(ClientConfig config, AsynchronousSocketChannel channel,
                                                       ByteBuffer byteData) {
        CompletableFuture<Integer> written = new CompletableFuture<>();
        CompletionHandler<Integer, ByteBuffer> sendCallback = new CompletionHandler<>() {
            @Override
            public void completed(Integer bytesSent, ByteBuffer buffer) {
                try {
                    if (buffer.hasRemaining()) {
                        write(channel, config, buffer, this); // a write may take only part: write the rest
                    } else {
                        log(config, "Sent " + buffer.limit() + " bytes to server.");
                        written.complete(buffer.limit());
                    }
                } catch (RuntimeException e) {
                    failed(e, buffer);
                }
            }

            @Override
            public void failed(Throwable exc, ByteBuffer buffer) {
                written.completeExceptionally(failure(config, exc));
            }
        };
        try {
            write(channel, config, byteData, sendCallback);
        } catch (RuntimeException e) {
            sendCallback.failed(e, byteData);
        }
        return written;
    }

    private static void write(AsynchronousSocketChannel channel, ClientConfig config, ByteBuffer buffer,
                              CompletionHandler<Integer, ByteBuffer> handler) {
        channel.write(buffer, config.timeout().toNanos(), TimeUnit.NANOSECONDS, buffer, handler);
    }

    /** Completes with the echo once its marker has arrived; the end of the stream before it is a failure. */
    private static CompletableFuture<MessageAccumulator> readUntilMarker(ClientConfig config, StateObject state) {
        CompletableFuture<MessageAccumulator> response = new CompletableFuture<>();
        CompletionHandler<Integer, StateObject> receiveCallback = new CompletionHandler<>() {
            @Override
            public void completed(Integer bytesRead, StateObject st) {
                try {
                    if (bytesRead < 0) {
                        response.completeExceptionally(SampleFailure.closedWithoutEcho(config.host(), config.port(),
                                st.message.byteCount()));
                        return;
                    }
                    st.buffer.flip();
                    boolean complete = st.message.append(st.buffer);
                    st.buffer.clear();
                    if (complete) {
                        log(config, "Response received : " + st.message.text());
                        response.complete(st.message);
                    } else {
                        read(config, st, this);
                    }
                } catch (IOException | RuntimeException e) {
                    failed(e, st);
                }
            }

            @Override
            public void failed(Throwable exc, StateObject st) {
                response.completeExceptionally(failure(config, exc));
            }
        };
        try {
            read(config, state, receiveCallback);
        } catch (RuntimeException e) {
            receiveCallback.failed(e, state);
        }
        return response;
    }

    private static void read(ClientConfig config, StateObject state, CompletionHandler<Integer, StateObject> handler) {
        state.workSocket.read(state.buffer, config.timeout().toNanos(), TimeUnit.NANOSECONDS, state, handler);
    }

    // tag::main[]
    public static void main(String[] args) {
        CommandLine commandLine = CommandLine.parseOrExit(PROGRAM,
                "The CompletableFuture echo client: the same exchange as async-client, as one pipeline.",
                EnumSet.of(HOST, PORT, MESSAGE, TIMEOUT), args);
        System.exit(EchoClient.run(PROGRAM, CompletableFutureClient::startClient, ClientConfig.from(commandLine),
                System.err));
    }
    // end::main[]


    /** A timed-out read or write means no echo in time; anything else, a lost connection. */
    private static SampleFailure failure(ClientConfig config, Throwable exc) {
        return exc instanceof InterruptedByTimeoutException
                ? SampleFailure.noEcho(config.host(), config.port(), config.timeout())
                : SampleFailure.connectionLost(config.host(), config.port(), exc);
    }

    private static SampleFailure asSampleFailure(ClientConfig config, Throwable cause) {
        Throwable unwrapped = cause instanceof CompletionException && cause.getCause() != null
                ? cause.getCause() : cause;
        return unwrapped instanceof SampleFailure failure
                ? failure : SampleFailure.connectionLost(config.host(), config.port(), unwrapped);
    }

    private static boolean isConnected(AsynchronousSocketChannel channel) {
        try {
            return channel.getRemoteAddress() != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static void log(ClientConfig config, String line) {
        config.console().accept(Protocol.onThisThread(line));
    }

    private static void closeQuietly(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
