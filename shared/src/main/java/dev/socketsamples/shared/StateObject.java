package dev.socketsamples.shared;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;

/**
 * The state of one connection, handed from callback to callback by the async server and the async client.
 *
 * <p>The twin of the .NET samples' {@code StateObject}, and it travels the same way: as the attachment of
 * each {@code read} or {@code write}, where .NET passes it as {@code IAsyncResult.AsyncState}. What changed:
 * <ul>
 *   <li>{@code workSocket} is an {@link AsynchronousSocketChannel}, the NIO.2 counterpart of a {@code Socket}
 *       used with {@code BeginReceive}/{@code EndReceive};</li>
 *   <li>{@code buffer} is a {@link ByteBuffer}, because channels read into buffers, not arrays;</li>
 *   <li>the {@code StringBuilder sb} is a {@link MessageAccumulator}: it keeps the bytes, finds the marker
 *       across chunks without searching everything again, decodes UTF-8 without splitting characters and
 *       stops at a maximum size: the four things the original gets wrong;</li>
 *   <li>the fields are final: a state object belongs to one connection for its whole life.</li>
 * </ul>
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
