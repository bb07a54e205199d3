package dev.shadowparity.proxy;

import dev.shadowparity.upstream.Transport;
import dev.shadowparity.core.config.HostPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;

/** The admin port: its own socket and event loop, so a slow scrape never touches client traffic. */
final class AdminServer {

    private AdminServer() {}

    static Channel bind(HostPort address, EventLoopGroup loop, ProxyContext context) throws InterruptedException {
        ProxyMetrics metrics = new ProxyMetrics(context);
        return new ServerBootstrap()
                .group(loop)
                .channel(Transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                // bytes <-> HTTP messages
                                .addLast("codec", new HttpServerCodec())
                                // small admin requests only: -> FullHttpRequest
                                .addLast("aggregate", new HttpObjectAggregator(64 * 1024))
                                // FullHttpRequest -> JSON or Prometheus text
                                .addLast("admin", new AdminHandler(context, metrics));
                    }
                })
                .bind(new InetSocketAddress(address.host(), address.port())).sync().channel();
    }
}
