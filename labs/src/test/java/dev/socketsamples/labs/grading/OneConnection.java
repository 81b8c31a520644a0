package dev.socketsamples.labs.grading;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One connection served by the student's {@code serve}: the grader's client at one end, {@code serve} running on
 * a thread of its own at the other. Closing it closes both ends, which also ends a {@code serve} that hangs.
 */
public final class OneConnection implements AutoCloseable {

    private final ServerSocket listener;
    private final LabClient client;
    private final Socket handler;
    private final CompletableFuture<Void> served = new CompletableFuture<>();

    private OneConnection(Consumer<Socket> serve) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = LabClient.connect(listener.getLocalPort());
        handler = listener.accept();
        Thread.ofVirtual().name("lab-serve").start(() -> {
            try {
                serve.accept(handler);
                served.complete(null);
            } catch (Throwable e) {
                served.completeExceptionally(e);
            }
        });
    }

    /** Connects the grader's client and hands the accepted socket to {@code serve}. */
    public static OneConnection servedBy(Consumer<Socket> serve) throws IOException {
        return new OneConnection(serve);
    }

    public LabClient client() {
        return client;
    }

    /** Whether {@code serve} returned within {@code wait}; rethrows what it threw, for the summary to show. */
    public boolean servedWithin(Duration wait) throws InterruptedException {
        try {
            served.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        handler.close();
        listener.close();
    }
}
