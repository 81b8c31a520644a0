package dev.socketsamples.labs;

import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the labs' {@code main} methods share, so that a student can run the code of a lab by hand and talk to it
 * with any client of the suite: a server on 127.0.0.1:11000 that prints every line, until Ctrl+C.
 */
public final class TryIt {

    private TryIt() {
    }

    /** Loopback, port 11000, the protocol's limits, every line on the console. */
    public static ServerConfig serverConfig() {
        return ServerConfig.loopback().withPort(Protocol.DEFAULT_PORT).withConsole(System.out::println);
    }

    /** A blocking listener on the address of {@code config}; prints where, as every sample server does. */
    public static ServerSocket listen(ServerConfig config) throws IOException {
        ServerSocket listener = new ServerSocket(config.port(), config.backlog(), InetAddress.getByName(config.host()));
        config.console().accept("Local address and port : " + Protocol.hostAndPort(listener.getLocalSocketAddress()));
        return listener;
    }

    /** An asynchronous listener on the address of {@code config}, whose callbacks run on {@code group}. */
    public static AsynchronousServerSocketChannel listen(ServerConfig config, AsynchronousChannelGroup group)
            throws IOException {
        AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(group)
                .bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
        config.console().accept("Local address and port : " + Protocol.hostAndPort(listener.getLocalAddress()));
        return listener;
    }

    /** Accepts one client at a time and serves it on this thread, as the .NET sample does, until Ctrl+C. */
    public static void serveOneAtATime(Function<ServerConfig, Consumer<Socket>> server) throws IOException {
        ServerConfig config = serverConfig();
        Consumer<Socket> serve = server.apply(config);
        try (ServerSocket listener = listen(config)) {
            while (true) {
                config.console().accept("Waiting for a connection...");
                serve.accept(listener.accept());
            }
        }
    }
}
