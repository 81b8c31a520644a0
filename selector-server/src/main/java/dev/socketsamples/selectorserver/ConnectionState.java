package dev.socketsamples.selectorserver;

import dev.socketsamples.shared.Deadline;
import dev.socketsamples.shared.MessageAccumulator;
import dev.socketsamples.shared.Quietly;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The state of one connection of the selector server, kept as the attachment of its {@link SelectionKey}.
 *
 * <p>Not the shared {@link dev.socketsamples.shared.StateObject}: that one holds an
 * {@code AsynchronousSocketChannel} and a read buffer of its own. Here the channel is a non-blocking
 * {@link SocketChannel}; the one loop thread reads every connection into one buffer, so none is kept per
 * connection; and with no timed read to lean on, the state carries its own idle deadline.
 */
final class ConnectionState implements AutoCloseable {

    // tag::state-object[]
    /** The connection this state belongs to. */
    final SocketChannel workSocket;

    /** The message so far, in place of .NET's {@code StringBuilder sb}. */
    final MessageAccumulator message;

    /** When this connection has been silent too long: moved on by every read and every write. */
    Deadline idleDeadline;
    // end::state-object[]

    ConnectionState(SocketChannel workSocket, MessageAccumulator message, Deadline idleDeadline) {
        this.workSocket = workSocket;
        this.message = message;
        this.idleDeadline = idleDeadline;
    }

    /** Closes the connection and gives the memory of its message back. */
    @Override
    public void close() {
        Quietly.close(workSocket);
        message.release();
    }
}
