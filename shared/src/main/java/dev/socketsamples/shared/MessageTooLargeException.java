package dev.socketsamples.shared;

import java.io.IOException;

/** A message outgrew its limit, or the server's memory budget, before its marker: the connection is dropped. */
public final class MessageTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private MessageTooLargeException(String message) {
        super(message);
    }

    /** The message reached {@code maxMessageBytes} without a marker. */
    public static MessageTooLargeException overLimit(int maxMessageBytes) {
        return new MessageTooLargeException("no " + Protocol.EOF + " within the maximum message size of "
                + maxMessageBytes + " bytes");
    }

    /** The server holds {@code budget.limit()} bytes of unfinished messages already. */
    public static MessageTooLargeException overBudget(MemoryBudget budget) {
        return new MessageTooLargeException("the server's memory budget of " + budget.limit()
                + " bytes for unfinished messages is spent");
    }
}
