package dev.shadowparity.upstream;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;

/**
 * The socket implementation every loop and channel of the proxy uses: Netty's native epoll where it loads
 * (Linux), Java NIO otherwise or when {@code -Dparity.transport=nio} asks for it. One choice for the whole
 * process, because a channel must match the kind of its event loop.
 */
public final class Transport {

    static final boolean EPOLL = !"nio".equals(System.getProperty("parity.transport", "").toLowerCase(Locale.ROOT))
            && Epoll.isAvailable();

    private Transport() {}

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    /** @param name thread name prefix, so profiles and thread dumps tell client, mirror and admin loops apart */
    public static EventLoopGroup loops(String name, int threads) {
        IoHandlerFactory handlers = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), handlers);
    }

    public static Class<? extends ServerSocketChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
