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

    /** Blocks until the server has been closed: what a main does after starting it. */
    void awaitTermination() throws InterruptedException;

    /** Stops accepting, closes every open connection, stops every thread the server started. Idempotent. */
    @Override
    void close();

    // tag::close-on-ctrl-c[]
    /**
     * Ctrl+C closes {@code server} and exits 0: stopping a sample server is its normal way out, not the JVM's
     * exit code 130 for an interrupted program.
     */
    static void closeOnCtrlC(EchoServer server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            Runtime.getRuntime().halt(CommandLine.EXIT_OK);
        }, "ctrl-c"));
    }
    // end::close-on-ctrl-c[]
}
