package dev.socketsamples.shared;

import java.io.IOException;

/** Thrown when a message grows past the maximum size without its marker: the server drops the connection. */
public final class MessageTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int maxMessageBytes;

    public MessageTooLargeException(int maxMessageBytes) {
        super("no " + Protocol.EOF + " within the maximum message size of " + maxMessageBytes + " bytes");
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The limit that was reached. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }
}
