package dev.socketsamples.compare;

import dev.socketsamples.asyncclient.AsynchronousClient;
import dev.socketsamples.asyncclient.CompletableFutureClient;
import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.syncclient.SynchronousSocketClient;

/** The three clients of this suite, each making one exchange the same way. */
public enum ClientKind {

    // tag::client-kinds[]
    SYNC("sync client") {
        @Override
        public byte[] startClient(ClientConfig config) throws SampleFailure {
            return SynchronousSocketClient.startClient(config);
        }
    },
    ASYNC_CALLBACKS("async client, callbacks and ManualResetEvents") {
        @Override
        public byte[] startClient(ClientConfig config) throws SampleFailure {
            return AsynchronousClient.startClient(config);
        }
    },
    ASYNC_FUTURE("async client, a CompletableFuture pipeline") {
        @Override
        public byte[] startClient(ClientConfig config) throws SampleFailure {
            return CompletableFutureClient.startClient(config);
        }
    };
    // end::client-kinds[]

    private final String description;

    ClientKind(String description) {
        this.description = description;
    }

    /** Connects, sends the message, and returns the echo. */
    public abstract byte[] startClient(ClientConfig config) throws SampleFailure;

    @Override
    public String toString() {
        return description;
    }
}
