package dev.socketsamples.shared;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The echo protocol every sample speaks: the marker, the defaults and the limits, in one place. */
public final class Protocol {

    // tag::protocol[]
    /** Ends every message; the server echoes up to and including the first one. */
    public static final String EOF = "<EOF>";

    /** A sample listens on loopback unless asked: no port open to the network by accident. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The port of the .NET samples, from the registered range 1024-65535. */
    public static final int DEFAULT_PORT = 11000;

    /** The .NET samples send this; the clients do too when no --message is given. */
    public static final String DEFAULT_MESSAGE = "This is a test" + EOF;

    /** A message, marker included, may not be larger: the originals grow without bound. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

    /** A server closes a connection that has been silent this long. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** A client gives up on the whole exchange (connect, send, receive) after this long. */
    public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Connections the system queues before the server accepts them; Linux caps it at net.core.somaxconn
     * (4096 since kernel 5.4). The .NET samples' 10 and 100 reset clients under a burst.
     */
    public static final int DEFAULT_BACKLOG = 4096;

    /** On Ctrl+C a server lets the exchanges in flight finish for this long, then closes the rest. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    // end::protocol[]

    /** After the drain timeout, how long a closing server waits at most for its own threads to end. */
    public static final Duration STOP_MARGIN = Duration.ofMillis(500);

    /** All unfinished messages of a server together may hold a quarter of its heap: well inside it. */
    public static long defaultMemoryBudget() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    private static final byte[] EOF_BYTES = EOF.getBytes(StandardCharsets.US_ASCII);

    private Protocol() {
    }

    /** The marker as the five ASCII bytes that travel on the wire. */
    public static byte[] eofBytes() {
        return EOF_BYTES.clone();
    }

    /** The message as a client sends it: the marker is appended when the text does not end with it. */
    public static String withMarker(String message) {
        return message.endsWith(EOF) ? message : message + EOF;
    }
}
