package dev.socketsamples.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.TimeUnit;

/** The pools of named threads that run the asynchronous samples' callbacks: their names are in the console. */
public final class ChannelGroups {

    private ChannelGroups() {
    }

    /** {@code size} platform threads named {@code prefix1}, {@code prefix2}...; {@link #shutDown} ends them. */
    public static AsynchronousChannelGroup fixedThreadPool(String prefix, int size) {
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
            group.awaitTermination(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the channels are closed either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
