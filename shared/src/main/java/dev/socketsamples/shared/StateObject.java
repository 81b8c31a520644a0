package dev.socketsamples.shared;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;

/**
 * The state of one connection, handed from callback to callback as each read's or write's attachment, where .NET
 * passes its {@code StateObject} as {@code IAsyncResult.AsyncState}: a channel for the {@code Socket}, a
 * {@link ByteBuffer} for the byte array, and a {@link MessageAccumulator} for the {@code StringBuilder}.
 */
public final class StateObject implements AutoCloseable {

    // tag::state-object[]
    /** Size of the receive buffer: one read takes at most this many bytes. */
    public static final int BUFFER_SIZE = 1024;

    /** The connection this state belongs to. */
    public final AsynchronousSocketChannel workSocket;

    /** Receive buffer, filled by one read and drained into {@link #message}. */
    public final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);

    /** The message so far, in place of .NET's {@code StringBuilder sb}. */
    public final MessageAccumulator message;
    // end::state-object[]

    /** State for a new connection whose messages may not exceed {@code maxMessageBytes}. */
    public StateObject(AsynchronousSocketChannel workSocket, int maxMessageBytes) {
        this(workSocket, new MessageAccumulator(maxMessageBytes));
    }

    /** State for a new connection that collects its message in {@code message}. */
    public StateObject(AsynchronousSocketChannel workSocket, MessageAccumulator message) {
        this.workSocket = workSocket;
        this.message = message;
    }

    /** Closes the connection and gives the memory of its message back. */
    @Override
    public void close() {
        Quietly.close(workSocket);
        message.release();
    }
}
