package dev.socketsamples.labs;

import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.ServerMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.util.EnumSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the labs' {@code main} methods share, so that a student can run the code of a lab by hand and talk to it
 * with any client of the suite: a server on 127.0.0.1:11000 (or {@code --port}) that prints every line, until
 * Ctrl+C. A port that is taken is one line and exit 1, as with the suite's servers.
 */
public final class TryIt {

    private TryIt() {
    }

    /** Loopback, the port of {@code --port} (11000 by default), the protocol's limits, every line on the console. */
    public static ServerConfig serverConfig(String program, String summary, String[] args) {
        CommandLine commandLine = CommandLine.parseOrExit(program, summary, EnumSet.of(CommandLine.Option.PORT), args);
        return ServerConfig.loopback().withPort(commandLine.port()).withConsole(System.out::println);
    }

    /** A blocking listener on the address of {@code config}; prints where, as every sample server does. */
    public static ServerSocket listen(String program, ServerConfig config) {
        try {
            ServerSocket listener = new ServerSocket(config.port(), config.backlog(),
                    InetAddress.getByName(config.host()));
            config.console().accept("Local address and port : "
                    + Protocol.hostAndPort(listener.getLocalSocketAddress()));
            return listener;
        } catch (IOException e) {
            throw cannotListen(program, config, e);
        }
    }

    /** An asynchronous listener on the address of {@code config}, whose callbacks run on {@code group}. */
    public static AsynchronousServerSocketChannel listen(String program, ServerConfig config,
                                                         AsynchronousChannelGroup group) {
        try {
            AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(group)
                    .bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
            config.console().accept("Local address and port : " + Protocol.hostAndPort(listener.getLocalAddress()));
            return listener;
        } catch (IOException e) {
            throw cannotListen(program, config, e);
        }
    }

    /** Accepts one client at a time and serves it on this thread, as the .NET sample does, until Ctrl+C. */
    public static void serveOneAtATime(String program, String summary, String[] args,
                                       Function<ServerConfig, Consumer<Socket>> server) throws IOException {
        ServerConfig config = serverConfig(program, summary, args);
        Consumer<Socket> serve = server.apply(config);
        try (ServerSocket listener = listen(program, config)) {
            while (true) {
                config.console().accept("Waiting for a connection...");
                serve.accept(listener.accept());
            }
        }
    }

    /** Exits 1 with the suite's one line for a port that is taken; returns only for the compiler. */
    private static IllegalStateException cannotListen(String program, ServerConfig config, IOException e) {
        ServerMain.exit(program, SampleFailure.cannotListen(config.host(), config.port(), e));
        return new IllegalStateException("unreachable", e);
    }
}
