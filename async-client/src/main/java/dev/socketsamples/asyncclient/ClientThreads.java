package dev.socketsamples.asyncclient;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.TimeUnit;

/** The pool of named threads each client call runs its callbacks on, and what both clients print alike. */
final class ClientThreads {

    /** Two threads, so that a reader may see the callbacks of one exchange move between them. */
    static final int POOL_SIZE = 2;

    static final String NAME_PREFIX = "async-client-";

    private ClientThreads() {
    }

    /** A new group of threads named {@code async-client-1}, {@code async-client-2}. */
    static AsynchronousChannelGroup newGroup() {
        try {
            return AsynchronousChannelGroup.withFixedThreadPool(POOL_SIZE,
                    Thread.ofPlatform().name(NAME_PREFIX, 1).factory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the group's channels and waits for its threads to end. */
    static void shutDown(AsynchronousChannelGroup group) {
        try {
            group.shutdownNow();
            group.awaitTermination(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the channels are closed either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The echo is at most the message, but a server may send anything: keep at least the protocol's limit. */
    static int maxEchoBytes(ClientConfig config) {
        return Math.max(config.message().length, Protocol.DEFAULT_MAX_MESSAGE_BYTES);
    }


}
