package dev.socketsamples.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Closing what may already be closed, where a failure to close changes nothing. */
public final class Quietly {

    /** How long shutting a channel group down waits for its threads. */
    private static final Duration GROUP_SHUTDOWN = Duration.ofSeconds(10);

    private Quietly() {
    }

    /** Closes {@code closeable}, if any; the resource is unusable either way. */
    public static void close(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // best effort: nothing is left to do with it
        }
    }

    /** Waits up to {@code timeout} for {@code thread} to end, if it started; an interrupt stops the wait. */
    public static void join(Thread thread, Duration timeout) {
        if (thread.getState() == Thread.State.NEW) {
            return;
        }
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops {@code executor} and waits up to {@code timeout} for its threads to end. */
    public static void shutDown(ExecutorService executor, Duration timeout) {
        executor.shutdown();
        try {
            executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A pool of {@code size} platform threads named {@code prefix1}, {@code prefix2}...; see {@link #shutDown}. */
    public static AsynchronousChannelGroup newGroup(String prefix, int size) {
        try {
            return AsynchronousChannelGroup.withFixedThreadPool(size, Thread.ofPlatform().name(prefix, 1).factory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the group's channels and waits for its threads to end, so that none outlives its owner. */
    public static void shutDown(AsynchronousChannelGroup group) {
        try {
            group.shutdownNow();
            group.awaitTermination(GROUP_SHUTDOWN.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            // the channels are closed either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
