package dev.mixguard.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * First on a new connection: closes it when the first request's headers have not ended (an empty line, as Netty's
 * decoder reads them) within the header timeout of the connection opening, with a JSON 408 when part of a request
 * had arrived. Once they have ended it leaves the pipeline; it never buffers or changes a byte.
 */
final class HeaderDeadline extends ChannelInboundHandlerAdapter {

    private final long millis;
    private ScheduledFuture<?> timer;
    /** Whether a byte other than the CR and LF Netty skips before a request line has arrived. */
    private boolean started;
    /** Characters of the current header line so far, CR not counted. */
    private int lineLength;

    HeaderDeadline(long millis) {
        this.millis = millis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            startTimer(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startTimer(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && headEndsIn(bytes)) {
            stop();
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    /** Scans {@code bytes} (without consuming them) for the empty line that ends a request's headers. */
    private boolean headEndsIn(ByteBuf bytes) {
        for (int i = bytes.readerIndex(); i < bytes.writerIndex(); i++) {
            byte b = bytes.getByte(i);
            if (b == '\n') {
                if (started && lineLength == 0) {
                    return true;
                }
                lineLength = 0;
            } else if (b != '\r') {
                started = true;
                lineLength++;
            }
        }
        return false;
    }

    private void startTimer(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> timedOut(ctx), millis, TimeUnit.MILLISECONDS);
        }
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (!started) {
            ctx.close();
            return;
        }
        byte[] body = new JsonObject().put("error", "expected the request headers within " + millis / 1000.0
                + " s of the connection opening (mixguard.http.header-timeout), found them still arriving")
                .encode().getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(head, body)).addListener(ChannelFutureListener.CLOSE);
    }
}
