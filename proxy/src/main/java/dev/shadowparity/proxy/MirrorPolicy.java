package dev.shadowparity.proxy;

import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.MirrorSettings;
import dev.shadowparity.core.config.RouteConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides which requests are mirrored: safe methods always qualify, writes only on routes that set
 * {@code mirrorWrites: true}; of those, a sampled share. With a sticky key ({@code header:X-User-Id},
 * {@code cookie:session} or {@code query:user}) the decision is a hash of the key's value, so the same
 * user is always in or always out, as staged rollouts do; requests without the key are sampled at random.
 * The share can change while the proxy runs.
 */
final class MirrorPolicy {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final RouteTable<RouteConfig> routes;
    private final MirrorSettings.StickyKey sticky;
    private final MirrorSettings.StickyKey order;
    private volatile double percent;

    /** The sticky key's value in {@code request}: its header, cookie or query parameter of that name, or {@code null}. */
    private static String valueIn(MirrorSettings.StickyKey key, HttpRequest request) {
        String name = key.name();
        return switch (key.source()) {
            case "header" -> request.headers().get(name);
            case "cookie" -> {
                for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
                    for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
                        if (c.name().equals(name)) {
                            yield c.value();
                        }
                    }
                }
                yield null;
            }
            default -> {
                List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
                yield values == null || values.isEmpty() ? null : values.get(0);
            }
        };
    }

    MirrorPolicy(RouteTable<RouteConfig> routes, double percent, String stickyBy, String orderBy) {
        this.routes = routes;
        this.sticky = MirrorSettings.stickyKey(stickyBy);
        this.order = MirrorSettings.orderKey(orderBy);
        percent(percent);
    }

    /**
     * The key whose mirrors go out one at a time in arrival order ({@code mirror.orderBy}), or {@code null} when
     * there is no ordering or the request lacks the key (it is mirrored as it arrives).
     */
    String orderKey(HttpRequest request, String connection) {
        if (order == null) {
            return null;
        }
        return order.source().equals(MirrorSettings.CLIENT_CONNECTION) ? connection : valueIn(order, request);
    }

    /**
     * The key one user's requests share, for a sink that keeps a user's exchanges together and in order (a Kafka
     * partition): the {@code orderBy} key's value, else the {@code stickyBy} key's, else the client connection.
     */
    String sessionKey(HttpRequest request, String connection) {
        String key = orderKey(request, connection);
        if (key == null && sticky != null) {
            key = valueIn(sticky, request);
        }
        return key == null ? connection : key;
    }

    boolean eligible(String method, String path) {
        if (SAFE_METHODS.contains(method)) {
            return true;
        }
        return routes.find(method, path).map(e -> e.value().mirrorWrites()).orElse(false);
    }

    boolean sampled(HttpRequest request) {
        double p = percent;
        if (p >= 100) {
            return true;
        }
        if (p <= 0) {
            return false;
        }
        String key = sticky == null ? null : valueIn(sticky, request);
        double draw = key == null ? ThreadLocalRandom.current().nextDouble(100) : bucketOf(key);
        return draw < p;
    }

    /** A stable position in [0, 100) for a key: FNV-1a 64, then a finalising mix so close keys spread out. */
    static double bucketOf(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53 * 100;
    }

    void percent(double p) {
        this.percent = MirrorSettings.checkPercent(p);
    }

    double percent() {
        return percent;
    }
}
