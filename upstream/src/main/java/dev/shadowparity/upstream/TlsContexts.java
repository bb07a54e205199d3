package dev.shadowparity.upstream;

import dev.shadowparity.core.tls.ClientTls;
import dev.shadowparity.core.tls.ServerIdentity;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * Netty TLS contexts for the proxy's two sides, on OpenSSL (BoringSSL from netty-tcnative) where this platform has a
 * build of it, and on the JDK's TLS otherwise. The listener offers h2 and HTTP/1.1 by ALPN (HTTP/1.1 only with
 * {@code http2: false}, so a client that asks for h2 settles on HTTP/1.1 rather than being cut off mid-preface).
 */
public final class TlsContexts {

    private TlsContexts() {}

    private static final ApplicationProtocolConfig HTTP_1_1 = alpn(ApplicationProtocolNames.HTTP_1_1);

    private static final ApplicationProtocolConfig H2_OR_HTTP_1_1 = alpn(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

    /** ALPN offering {@code protocols}, in order of preference; a peer that offers none of them goes on without. */
    private static ApplicationProtocolConfig alpn(String... protocols) {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols);
    }

    /** {@code openssl} or {@code jdk}: which TLS implementation serves both sides; the startup line says it. */
    public static String providerName() {
        return provider() == SslProvider.OPENSSL ? "openssl (" + OpenSsl.versionString() + ")" : "jdk";
    }

    private static SslProvider provider() {
        // Forced to the JDK's with -Dparity.tls=jdk, as the transport is with -Dparity.transport=nio.
        return !"jdk".equals(System.getProperty("parity.tls")) && OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    private static final ApplicationProtocolConfig H2_ONLY = alpn(ApplicationProtocolNames.HTTP_2);

    /** A client context for one backend: its trust, its name check, its client certificate; HTTP/1.1 by ALPN. */
    public static SslContext client(ClientTls tls) {
        return client(tls, false);
    }

    /** As {@link #client(ClientTls)}, asking for h2 alone by ALPN with {@code h2}. */
    public static SslContext client(ClientTls tls, boolean h2) {
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(provider())
                .trustManager(tls.trustManager())
                // the certificate must name the URL's host (RFC 9110 section 4.3.4), unless insecure
                .endpointIdentificationAlgorithm(tls.verifyHostname() ? "HTTPS" : null)
                .applicationProtocolConfig(h2 ? H2_ONLY : HTTP_1_1);
        if (h2) {
            b.ciphers(io.netty.handler.codec.http2.Http2SecurityUtil.CIPHERS,
                    io.netty.handler.ssl.SupportedCipherSuiteFilter.INSTANCE);
        }
        if (tls.clientKey() != null) {
            b.keyManager(tls.clientKey(), tls.clientChain().toArray(new X509Certificate[0]));
        }
        return build(b);
    }

    /** The listener's context for {@code identity}; offering h2 first with {@code http2}. */
    public static SslContext server(ServerIdentity identity, boolean http2) {
        SslContextBuilder b = SslContextBuilder.forServer(identity.key(), identity.chain().toArray(new X509Certificate[0]))
                .sslProvider(provider())
                .applicationProtocolConfig(http2 ? H2_OR_HTTP_1_1 : HTTP_1_1);
        if (http2) {
            // RFC 9113 section 9.2.2: TLS 1.2 over HTTP/2 only with these ciphers; Netty's list is that one.
            b.ciphers(io.netty.handler.codec.http2.Http2SecurityUtil.CIPHERS,
                    io.netty.handler.ssl.SupportedCipherSuiteFilter.INSTANCE);
        }
        return build(b);
    }

    private static SslContext build(SslContextBuilder b) {
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
