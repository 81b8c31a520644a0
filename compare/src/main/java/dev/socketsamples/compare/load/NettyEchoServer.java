package dev.socketsamples.compare.load;

import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty 4.2's echo server on the NIO transport: the reference the benchmark compares every server with.
 *
 * <p>It echoes whatever arrives and leaves closing to the client, which stops at the echoed marker; the
 * protocol allows exactly that, so Netty's example works here unchanged.
 */
public final class NettyEchoServer implements EchoServer {

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final AtomicInteger openConnections;

    private NettyEchoServer(EventLoopGroup group, Channel serverChannel, AtomicInteger openConnections) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.openConnections = openConnections;
    }

    /** Binds to the config's host, port and backlog (port 0 picks one), serves until closed, prints nothing. */
    public static NettyEchoServer start(ServerConfig config) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        AtomicInteger openConnections = new AtomicInteger();
        try {
            ServerBootstrap b = new ServerBootstrap();
            b.group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, config.backlog())
                    .childHandler(new EchoHandler(openConnections));
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

    /** Writes back whatever it reads, as Netty's own echo example does, and counts the open connections. */
    @Sharable
    private static final class EchoHandler extends ChannelInboundHandlerAdapter {

        private final AtomicInteger openConnections;

        EchoHandler(AtomicInteger openConnections) {
            this.openConnections = openConnections;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            openConnections.incrementAndGet();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            openConnections.decrementAndGet();
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A client that resets is routine under load: close that connection, nothing to print.
            ctx.close();
        }
    }
}
