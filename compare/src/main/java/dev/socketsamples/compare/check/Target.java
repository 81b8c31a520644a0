package dev.socketsamples.compare.check;

import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * The server under check: where it listens, the limits it chose, and what a check may ask of it beyond the
 * wire. A server in this JVM can say when it has accepted a connection; a server the check started can be
 * stopped; a target somebody else runs can do neither.
 */
public record Target(InetSocketAddress address, int maxMessageBytes, Duration idleTimeout, Control control) {

    /** What a check may ask of the server besides bytes on the wire. */
    public interface Control {

        /** Returns once the server has accepted {@code count} connections; from outside nothing tells, so at once. */
        default void awaitOpenConnections(int count) throws InterruptedException {
        }

        /** Whether {@link #stop()} can stop the server: only one that the check started. */
        default boolean canStop() {
            return false;
        }

        /**
         * Asks the server to stop as Ctrl+C does and waits for it; returns what went wrong in a few words, or
         * {@code null} if it stopped cleanly.
         */
        default String stop() throws Exception {
            throw new UnsupportedOperationException("a server the check did not start");
        }
    }

    /** A server somebody else runs: the wire is all there is. */
    public static final Control OUTSIDE = new Control() {
    };

    /** A server at {@code address} with the protocol's default limits, seen from outside. */
    public static Target at(InetSocketAddress address) {
        return new Target(address, Protocol.DEFAULT_MAX_MESSAGE_BYTES, Protocol.DEFAULT_IDLE_TIMEOUT, OUTSIDE);
    }

    public Target withMaxMessageBytes(int newMaxMessageBytes) {
        return new Target(address, newMaxMessageBytes, idleTimeout, control);
    }

    public Target withIdleTimeout(Duration newIdleTimeout) {
        return new Target(address, maxMessageBytes, newIdleTimeout, control);
    }

    public Target withControl(Control newControl) {
        return new Target(address, maxMessageBytes, idleTimeout, newControl);
    }

    /** {@code HOST:PORT} as the console lines print it. */
    public String hostAndPort() {
        return ConsoleText.hostAndPort(address);
    }

    /** A loopback port that was free a moment ago and has nothing listening now. */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
