package dev.socketsamples.syncserver;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** An input stream that hands out its chunks one read at a time, as a socket does, then ends. */
final class ChunkedInputStream extends InputStream {

    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private ChunkedInputStream(byte[]... chunks) {
        this.chunks.addAll(Arrays.asList(chunks));
    }

    /** The chunks, then the end of the stream. */
    static ChunkedInputStream of(byte[]... chunks) {
        return new ChunkedInputStream(chunks);
    }

    /** How many chunks nobody has read yet. */
    int unreadChunks() {
        return chunks.size();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        byte[] chunk = chunks.poll();
        if (chunk == null) {
            return -1;
        }
        int n = Math.min(len, chunk.length);
        System.arraycopy(chunk, 0, b, off, n);
        if (n < chunk.length) {
            chunks.addFirst(Arrays.copyOfRange(chunk, n, chunk.length));
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }
}
