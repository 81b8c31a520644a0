package dev.socketsamples.compare.load;

import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty 4.2's echo server on the NIO transport: the reference every figure of the benchmark is divided by.
 *
 * <p>It echoes whatever arrives and leaves closing to the client, which stops at the echoed marker; the
 * protocol allows exactly that, so Netty's example works here unchanged.
 */
public final class NettyEchoServer implements EchoServer {

    /** The backlog of Netty's example and of the .NET asynchronous server. */
    static final int BACKLOG = 100;

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final AtomicInteger openConnections;

    private NettyEchoServer(EventLoopGroup group, Channel serverChannel, AtomicInteger openConnections) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.openConnections = openConnections;
    }

    /** Binds to the config's host and port (0 picks one) and serves until closed; the console stays silent. */
    public static NettyEchoServer start(ServerConfig config) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        AtomicInteger openConnections = new AtomicInteger();
        try {
            ServerBootstrap b = new ServerBootstrap();
            b.group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, BACKLOG)
                    .childHandler(new NettyEchoServerHandler(openConnections));
            Channel serverChannel = b.bind(config.host(), config.port()).sync().channel();
            return new NettyEchoServer(group, serverChannel, openConnections);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public int openConnections() {
        return openConnections.get();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
