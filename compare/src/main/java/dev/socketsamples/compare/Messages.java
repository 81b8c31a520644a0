package dev.socketsamples.compare;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.StateObject;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

/** The messages the contract checks and the matrix send: each one ends with the marker and contains it nowhere else. */
public final class Messages {

    private Messages() {
    }

    public static byte[] text(String body) {
        return (body + Protocol.EOF).getBytes(UTF_8);
    }

    /** Multi-byte characters placed so that some straddle the 1024-byte buffer boundary. */
    public static byte[] straddlingTheBuffer() {
        StringBuilder body = new StringBuilder("x".repeat(StateObject.BUFFER_SIZE - 2));
        body.append("€漢😀é").append("x".repeat(StateObject.BUFFER_SIZE - 3)).append("😀€");
        return text(body.toString());
    }

    /** Every byte value, in a seeded random order and length, with any accidental marker removed. */
    public static byte[] binary(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return withMarker(bytes);
    }

    /** {@code length} bytes in all, the marker included. */
    public static byte[] ofLength(int length) {
        byte[] bytes = new byte[length - Protocol.EOF.length()];
        Arrays.fill(bytes, (byte) 'a');
        return withMarker(bytes);
    }

    public static byte[] withMarker(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] marker = Protocol.eofBytes();
        for (byte b : body) {
            out.write(b == '<' ? '(' : b); // no '<', so no marker before the end
        }
        out.writeBytes(marker);
        return out.toByteArray();
    }
}
