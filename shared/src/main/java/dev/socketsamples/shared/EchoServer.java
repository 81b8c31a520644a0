package dev.socketsamples.shared;

import java.net.InetSocketAddress;

/** A running echo server, as tests, the demo and the benchmark start and stop it. */
public interface EchoServer extends AutoCloseable {

    /** The address actually bound: with port 0, the port the system picked. */
    InetSocketAddress localAddress();

    /** The bound port. */
    default int port() {
        return localAddress().getPort();
    }

    /** How many accepted connections are open right now. */
    int openConnections();

    /**
     * Stops accepting, lets the exchanges in flight finish within the drain timeout, closes the rest and stops
     * every thread the server started. Idempotent.
     */
    @Override
    void close();
}
