package dev.socketsamples.shared;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects one message from chunks as they arrive, up to and including the first {@code <EOF>}: the stand-in for
 * the .NET samples' {@code StringBuilder}. Each byte is looked at once, a marker split across chunks is found, the
 * bytes are kept as they came (the echo is byte-exact), the text is decoded from them as UTF-8, and the message
 * may not outgrow its limit nor the server's {@link MemoryBudget}. One connection owns one; not thread-safe.
 */
public final class MessageAccumulator {

    private static final byte[] MARKER = Protocol.eofBytes();
    private static final int INITIAL_CAPACITY = 64;
    /** Bytes a message may hold without asking the budget: one read's worth, so a small message always fits. */
    private static final int UNBUDGETED_BYTES = 1024;

    private final int maxMessageBytes;
    private final MemoryBudget budget;
    private byte[] bytes = new byte[0];
    private int count;
    private int matched; // how many bytes of the marker the message ends with so far
    private ByteBuffer echo; // made once, so that a write that took part of it goes on where it stopped

    /** An accumulator with the protocol's default limit. */
    public MessageAccumulator() {
        this(Protocol.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** An accumulator that refuses messages, marker included, larger than {@code maxMessageBytes}. */
    public MessageAccumulator(int maxMessageBytes) {
        this(maxMessageBytes, MemoryBudget.unlimited());
    }

    /** An accumulator that also takes the memory it grows into from {@code budget}. */
    public MessageAccumulator(int maxMessageBytes, MemoryBudget budget) {
        if (maxMessageBytes < MARKER.length) {
            throw new IllegalArgumentException("the maximum message size must hold at least the marker, "
                    + MARKER.length + " bytes; got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
        this.budget = budget;
    }

    // tag::append[]
    /** Takes the next chunk; returns whether the message is complete. Bytes after the first marker are ignored. */
    public boolean append(byte[] chunk, int offset, int length) throws MessageTooLargeException {
        int take = 0;
        while (take < length && !isComplete()) {
            byte b = chunk[offset + take++];
            // '<' occurs once in "<EOF>", so after a mismatch the match restarts at 0, or at 1 on a '<'.
            matched = b == MARKER[matched] ? matched + 1 : b == MARKER[0] ? 1 : 0;
        }
        if (count + take > maxMessageBytes) {
            throw MessageTooLargeException.overLimit(maxMessageBytes);
        }
        ensureCapacity(count + take);
        System.arraycopy(chunk, offset, bytes, count, take);
        count += take;
        return isComplete();
    }
    // end::append[]

    /** Takes the bytes a channel read put into {@code buffer}, and clears it for the next read. */
    public boolean append(ByteBuffer buffer) throws MessageTooLargeException {
        byte[] chunk = new byte[buffer.flip().remaining()];
        buffer.get(chunk).clear();
        return append(chunk, 0, chunk.length);
    }

    /** Whether the first marker has arrived. */
    public boolean isComplete() {
        return matched == MARKER.length;
    }

    /** The bytes received so far that belong to the message: the marker included once it arrived. */
    public int byteCount() {
        return count;
    }

    /** A copy of the message bytes: once complete, exactly what the server echoes. */
    public byte[] echoBytes() {
        return Arrays.copyOf(bytes, count);
    }

    /** The message as a read-only buffer, the same at every call: a write that took part of it goes on. */
    public ByteBuffer echoBuffer() {
        if (echo == null) {
            echo = ByteBuffer.wrap(bytes, 0, count).asReadOnlyBuffer();
        }
        return echo;
    }

    /** The text for the console, as UTF-8; before the marker, a character not wholly arrived is left out. */
    public String text() {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(count); // UTF-8 never yields more chars than bytes
        decoder.decode(ByteBuffer.wrap(bytes, 0, count), out, isComplete()); // an incomplete tail waits
        if (isComplete()) {
            decoder.flush(out);
        }
        return out.flip().toString();
    }

    /** Gives the memory this message holds back to the budget; the accumulator is empty afterwards. */
    public void release() {
        budget.release(budgeted(bytes.length));
        bytes = new byte[0];
        count = 0;
        matched = 0;
    }

    // tag::grow[]
    private void ensureCapacity(int needed) throws MessageTooLargeException {
        if (needed > bytes.length) {
            int grown = Math.min(maxMessageBytes, Math.max(needed, Math.max(INITIAL_CAPACITY, bytes.length * 2)));
            if (!budget.tryReserve(budgeted(grown) - budgeted(bytes.length))) {
                throw MessageTooLargeException.overBudget(budget);
            }
            bytes = Arrays.copyOf(bytes, grown);
        }
    }

    private static long budgeted(int capacity) {
        return Math.max(0, capacity - UNBUDGETED_BYTES);
    }
    // end::grow[]
}
