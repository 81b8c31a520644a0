package dev.socketsamples.shared.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/**
 * What a server sent back to a test's client within some time: bytes, and whether it closed the connection.
 *
 * @param bytes  what arrived
 * @param closed whether the server closed the connection (or reset it) afterwards
 */
public record Answer(byte[] bytes, boolean closed) {

    /** Whether nothing arrived and the connection is still open: the server is waiting for more. */
    public boolean isSilence() {
        return bytes.length == 0 && !closed;
    }

    /** Whether the server sent exactly {@code expected} and closed: an echo, as the protocol has it. */
    public boolean is(byte[] expected) {
        return closed && Arrays.equals(bytes, expected);
    }

    /** Whether the server closed without sending anything. */
    public boolean isClosedWithoutEcho() {
        return closed && bytes.length == 0;
    }

    /** How many bytes came. */
    public int size() {
        return bytes.length;
    }

    /** {@code "This is " and closed the connection}, {@code nothing, and kept the connection open}. */
    @Override
    public String toString() {
        String what = bytes.length == 0 ? "nothing" : bytes.length > 60 ? bytes.length + " bytes"
                : "\"" + new String(bytes, UTF_8) + "\"";
        return what + (closed ? " and closed the connection" : ", and kept the connection open");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Answer answer && closed == answer.closed && Arrays.equals(bytes, answer.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + Boolean.hashCode(closed);
    }
}
