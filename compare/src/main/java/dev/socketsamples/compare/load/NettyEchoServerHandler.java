package dev.socketsamples.compare.load;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.atomic.AtomicInteger;

/** Writes back whatever it reads, as Netty's own echo example does, and counts the open connections. */
@Sharable
final class NettyEchoServerHandler extends ChannelInboundHandlerAdapter {

    private final AtomicInteger openConnections;

    NettyEchoServerHandler(AtomicInteger openConnections) {
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
