package dev.socketsamples.shared.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that nothing listens on, held until closed: a socket bound to port 0 that never listens, so that
 * a client's connect there is refused and no other test can start listening there meanwhile (a port closed again
 * at once, "free a moment ago", could be taken by then).
 */
public final class ClosedPort implements AutoCloseable {

    private final Socket bound = new Socket();

    private ClosedPort() throws IOException {
        bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Binds a free loopback port and holds it, not listening. */
    public static ClosedPort hold() throws IOException {
        return new ClosedPort();
    }

    public int port() {
        return bound.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        bound.close();
    }
}
