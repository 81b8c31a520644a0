package dev.socketsamples.shared;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** For the drain: takes a client already waiting in the backlog, or returns null when none is there. */
@FunctionalInterface
public interface AcceptNow<S> {

    S acceptNow() throws IOException;

    /** A blocking listener has no accept that returns at once: one that gives up after a millisecond. */
    static AcceptNow<Socket> of(ServerSocket listener) {
        return () -> {
            listener.setSoTimeout(1);
            try {
                return listener.accept();
            } catch (SocketTimeoutException e) {
                return null;
            }
        };
    }

    /**
     * An asynchronous listener tries to accept at once when asked; if no client is there, its accept stays
     * under way, and the next call looks at that one again: once the listener closes, it failed or won the race.
     * Call it only once the accept callbacks have stopped starting accepts.
     */
    static AcceptNow<AsynchronousSocketChannel> of(AsynchronousServerSocketChannel listener) {
        Future<?>[] underWay = {null};
        return () -> {
            if (underWay[0] == null) {
                underWay[0] = listener.isOpen() ? listener.accept() : null;
            }
            try {
                AsynchronousSocketChannel next = underWay[0] == null ? null
                        : (AsynchronousSocketChannel) underWay[0].get(0, TimeUnit.NANOSECONDS);
                underWay[0] = null;
                return next;
            } catch (TimeoutException e) {
                return null;
            } catch (ExecutionException | RuntimeException e) {
                underWay[0] = null;
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        };
    }

    /** Waits, at most {@code left}, until the code that accepts has stopped. */
    @FunctionalInterface
    interface Stopped {
        void await(Duration left) throws InterruptedException;
    }

    /**
     * Before the drain takes the backlog, the server's own accepts must stop: connects to the server once, so
     * that an accept under way returns and the code that accepts sees the server closing; waits for {@code
     * stopped}, at most until {@code end}.
     */
    static void wakeAcceptUnderWay(InetSocketAddress address, Deadline end, Stopped stopped) {
        try (Socket self = new Socket()) {
            self.connect(address, end.remainingMillis()); // closed at once: accepted, it reads as a client gone
        } catch (IOException e) {
            return; // nothing listens there any more: no accept is under way
        }
        try {
            stopped.await(end.remaining());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
