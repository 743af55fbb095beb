package dev.mixguard.api;

import dev.mixguard.config.HttpEdgeConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.impl.transports.JDKTransport;
import io.vertx.core.net.NetServerOptions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Vert.x' own NIO transport, plus a {@link HeaderDeadline} on every plain-text connection a server accepts (every
 * server of this service's Vert.x is an HTTP one; Vert.x hands this only a copy of its options, without the kind): the
 * first request's headers must arrive within {@code mixguard.http.header-timeout} of the connection opening. Neither
 * Vert.x nor Quarkus bounds that (only the idle timeout, which any trickle of bytes resets), and the Transport SPI is
 * the one public place where a server's accepted connections can be seen before their first request. Vert.x loads
 * it through {@code META-INF/services} when {@code quarkus.vertx.prefer-native-transport} is true (a native image
 * gets that file from {@code quarkus.native.resources.includes} and the class by reflection); later requests on
 * a kept-alive connection are bounded by {@link ConnectionGuard}. TLS connections, whose bytes this cannot read, are
 * not covered: the service serves none (TLS terminates in front of it, see README).
 */
@RegisterForReflection
public class HeaderDeadlineTransport extends JDKTransport {

    private static final Logger LOG = Logger.getLogger(HeaderDeadlineTransport.class);

    @Override
    public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
        super.configure(options, domainSocket, bootstrap);
        if (options.isSsl()) {
            return;
        }
        if (bootstrap.config().handler() != null) {
            LOG.warnf("expected no handler on the HTTP server's listening channel, found %s: the first request's "
                    + "header timeout is not applied", bootstrap.config().handler());
            return;
        }
        long millis = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(HttpEdgeConfig.class)
                .headerTimeout().toMillis();
        bootstrap.handler(new Acceptor(millis));
    }

    /**
     * On the listening channel: records it in {@link Listeners} and puts a {@link HeaderDeadline} first on each
     * accepted connection.
     */
    @ChannelHandler.Sharable
    private static final class Acceptor extends ChannelInboundHandlerAdapter {

        private final long millis;

        Acceptor(long millis) {
            this.millis = millis;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            Listeners.add(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.pipeline().addFirst("mixguard-header-deadline", new HeaderDeadline(millis));
            }
            ctx.fireChannelRead(msg);
        }
    }
}
