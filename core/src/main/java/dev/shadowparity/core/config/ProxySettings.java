package dev.shadowparity.core.config;

/** Where the proxy listens and how it mirrors. {@code admin} is reserved for the admin endpoints (not served yet). */
public record ProxySettings(HostPort listen, HostPort admin, MirrorSettings mirror, String shadowHeader) {

    public static final ProxySettings DEFAULT = new ProxySettings(null, null, null, null);

    public ProxySettings {
        listen = listen == null ? HostPort.parse("127.0.0.1:8080") : listen;
        admin = admin == null ? HostPort.parse("127.0.0.1:9901") : admin;
        mirror = mirror == null ? MirrorSettings.DEFAULT : mirror;
        shadowHeader = shadowHeader == null ? "X-Shadow-Request" : shadowHeader;
    }

    public ProxySettings withListen(HostPort l) {
        return new ProxySettings(l, admin, mirror, shadowHeader);
    }

    public ProxySettings withAdmin(HostPort a) {
        return new ProxySettings(listen, a, mirror, shadowHeader);
    }

    public ProxySettings withMirror(MirrorSettings m) {
        return new ProxySettings(listen, admin, m, shadowHeader);
    }
}
