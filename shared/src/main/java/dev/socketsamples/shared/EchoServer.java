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

    /** Blocks until the server has been closed: what a main does after starting it. */
    void awaitTermination() throws InterruptedException;

    /** Stops accepting, closes every open connection, stops every thread the server started. Idempotent. */
    @Override
    void close();
}
