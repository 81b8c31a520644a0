package dev.socketsamples.labs.grading;

import static org.awaitility.Awaitility.await;

import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One client of a server that the grader started for this check alone: the student's server, or the sample.
 * Closing it closes the client, then the server, whose close also ends a {@code serve} that hangs.
 */
public final class OneConnection implements AutoCloseable {

    private final EchoServer server;
    private final RawClient client;

    private OneConnection(EchoServer server) throws IOException {
        this.server = server;
        this.client = RawClient.connect(server.localAddress().getPort());
    }

    /** Connects the grader's client to {@code server}, which this connection closes. */
    public static OneConnection to(EchoServer server) throws IOException {
        return new OneConnection(server);
    }

    public RawClient client() {
        return client;
    }

    /** Whether the server let go of the connection within {@code wait}: served it, or dropped it. */
    public boolean servedWithin(Duration wait) {
        try {
            await().atMost(wait).until(() -> server.openConnections() == 0);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
    }
}
