package dev.socketsamples.shared;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects one message from chunks as they arrive, up to and including the first {@code <EOF>}.
 *
 * <p>The Java stand-in for the {@code StringBuilder} of the .NET samples, which decoded every chunk on its
 * own, searched the whole text again after every chunk and never stopped growing. Here:
 * <ul>
 *   <li>the marker is found with a small state machine that sees each byte once, also when the marker is
 *       split across chunks;</li>
 *   <li>the bytes are kept as they came, so the echo is byte-exact whatever the encoding;</li>
 *   <li>the text for the console is decoded as UTF-8 by one streaming decoder, so a character split across
 *       chunks stays whole and malformed bytes show as U+FFFD;</li>
 *   <li>the message may not grow past a maximum size.</li>
 * </ul>
 * One connection owns one accumulator; it is not thread-safe.
 */
public final class MessageAccumulator {

    private static final byte[] MARKER = Protocol.eofBytes();
    /** For each prefix of the marker, the length of its longest proper prefix that is also a suffix (KMP). */
    private static final int[] FALLBACK = fallbackTable(MARKER);
    private static final int INITIAL_CAPACITY = 64;

    private final int maxMessageBytes;
    private byte[] bytes = new byte[0];
    private int count;
    private int matched;
    private boolean complete;

    private CharsetDecoder decoder;
    private int decodedUpTo;
    private final StringBuilder text = new StringBuilder();

    /** An accumulator with the protocol's default limit. */
    public MessageAccumulator() {
        this(Protocol.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** An accumulator that refuses messages, marker included, larger than {@code maxMessageBytes}. */
    public MessageAccumulator(int maxMessageBytes) {
        if (maxMessageBytes < MARKER.length) {
            throw new IllegalArgumentException("the maximum message size must hold at least the marker, "
                    + MARKER.length + " bytes; got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    // tag::append[]
    /**
     * Takes the next chunk and returns whether the message is now complete.
     * Bytes after the first marker are ignored, as the protocol says.
     *
     * @throws MessageTooLargeException when the message would grow past the maximum without its marker
     */
    public boolean append(byte[] chunk, int offset, int length) throws MessageTooLargeException {
        if (complete) {
            return true;
        }
        int take = 0;
        while (take < length && !complete) {
            matched = advance(matched, chunk[offset + take]);
            take++;
            complete = matched == MARKER.length;
        }
        if (count + take > maxMessageBytes) {
            throw new MessageTooLargeException(maxMessageBytes);
        }
        ensureCapacity(count + take);
        System.arraycopy(chunk, offset, bytes, count, take);
        count += take;
        decodeNewBytes();
        return complete;
    }
    // end::append[]

    /** Takes every remaining byte of {@code chunk}, as a channel read left it after {@code flip()}. */
    public boolean append(ByteBuffer chunk) throws MessageTooLargeException {
        int length = chunk.remaining();
        if (chunk.hasArray()) {
            boolean done = append(chunk.array(), chunk.arrayOffset() + chunk.position(), length);
            chunk.position(chunk.limit());
            return done;
        }
        byte[] copy = new byte[length];
        chunk.get(copy);
        return append(copy, 0, length);
    }

    /** Whether the first marker has arrived. */
    public boolean isComplete() {
        return complete;
    }

    /** The bytes received so far that belong to the message: the marker included once it arrived. */
    public int byteCount() {
        return count;
    }

    /** The limit this accumulator enforces. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** A copy of the message bytes: once complete, exactly what the server echoes. */
    public byte[] echoBytes() {
        return Arrays.copyOf(bytes, count);
    }

    /** The message bytes as a read-only buffer ready to write, without a copy. */
    public ByteBuffer echoBuffer() {
        return ByteBuffer.wrap(bytes, 0, count).asReadOnlyBuffer();
    }

    /**
     * The text for the console, decoded as UTF-8. Before the marker has arrived, a character whose bytes
     * have not all arrived yet is left out.
     */
    public String text() {
        return text.toString();
    }

    private static int advance(int state, byte b) {
        int s = state;
        while (s > 0 && MARKER[s] != b) {
            s = FALLBACK[s - 1];
        }
        return MARKER[s] == b ? s + 1 : 0;
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            int grown = Math.max(INITIAL_CAPACITY, bytes.length * 2);
            bytes = Arrays.copyOf(bytes, Math.min(maxMessageBytes, Math.max(needed, grown)));
        }
    }

    // Decodes only the bytes not decoded yet; an incomplete character waits for the next chunk.
    private void decodeNewBytes() {
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, decodedUpTo, count - decodedUpTo);
        CharBuffer out = CharBuffer.allocate(in.remaining()); // UTF-8 never yields more chars than bytes
        decoder.decode(in, out, complete);
        if (complete) {
            decoder.flush(out);
        }
        decodedUpTo = in.position();
        text.append(out.flip());
    }

    private static int[] fallbackTable(byte[] pattern) {
        int[] table = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = table[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }
}
