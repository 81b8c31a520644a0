package dev.socketsamples.compare;

import dev.socketsamples.asyncclient.AsynchronousClient;
import dev.socketsamples.asyncclient.CompletableFutureClient;
import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.EchoClient;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.syncclient.SynchronousSocketClient;

/** The three clients of this suite, each making one exchange the same way. */
public enum ClientKind implements EchoClient {

    // tag::client-kinds[]
    SYNC("sync client", SynchronousSocketClient::startClient),
    ASYNC_CALLBACKS("async client, callbacks and ManualResetEvents", AsynchronousClient::startClient),
    ASYNC_FUTURE("async client, a CompletableFuture pipeline", CompletableFutureClient::startClient);
    // end::client-kinds[]

    private final String description;
    private final EchoClient client;

    ClientKind(String description, EchoClient client) {
        this.description = description;
        this.client = client;
    }

    /** Connects, sends the message, and returns the echo. */
    @Override
    public byte[] startClient(ClientConfig config) throws SampleFailure {
        return client.startClient(config);
    }

    /** The class whose {@code main} runs this client from a terminal. */
    public Class<?> mainClass() {
        return switch (this) {
            case SYNC -> SynchronousSocketClient.class;
            case ASYNC_CALLBACKS -> AsynchronousClient.class;
            case ASYNC_FUTURE -> CompletableFutureClient.class;
        };
    }

    @Override
    public String toString() {
        return description;
    }
}
