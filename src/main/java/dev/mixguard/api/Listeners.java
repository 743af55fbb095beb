package dev.mixguard.api;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The HTTP server's listening sockets, recorded as {@link HeaderDeadlineTransport} binds them, so that the shutdown
 * drain ({@link ShutdownGate}) can stop accepting connections before Quarkus closes the server and every connection
 * with it: a connection accepted in between would be dropped without an answer, where one never accepted is refused
 * by the operating system and the client knows its request was not sent.
 */
public final class Listeners {

    /** Netty's group removes a channel once it is closed. */
    private static final ChannelGroup LISTENING = new DefaultChannelGroup("mixguard-listeners",
            GlobalEventExecutor.INSTANCE);

    private Listeners() {
    }

    static void add(Channel listening) {
        LISTENING.add(listening);
    }

    /** Closes the listening sockets (connections already accepted stay open); how many there were. */
    static int close() {
        int count = LISTENING.size();
        LISTENING.close();
        return count;
    }
}
