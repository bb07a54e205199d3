package dev.shadowparity.core.tls;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How parity connects to one {@code https://} backend: whom it trusts (the JDK's CAs, the CAs of a file, or anyone),
 * whether the certificate must name the host, and the certificate it shows when the backend asks for one (mTLS).
 * Netty's client and Java's HTTP client are both built from it, so the proxy, replay and load agree.
 *
 * @param trustManager    checks the backend's chain (and, when {@code verifyHostname}, the name in it)
 * @param verifyHostname  the certificate must name the URL's host (off only with {@code insecure})
 * @param clientKey       the private key of the client certificate, or {@code null}
 * @param clientChain     the client certificate and its chain, empty without one
 */
public record ClientTls(X509ExtendedTrustManager trustManager, boolean verifyHostname, PrivateKey clientKey,
                        List<X509Certificate> clientChain) {

    public ClientTls {
        clientChain = clientChain == null ? List.of() : List.copyOf(clientChain);
    }

    /**
     * Reads the files now, so a bad one fails at start with its name, not at the first handshake.
     *
     * @param caFile     PEM CA certificates to trust instead of the JDK's, or {@code null}
     * @param insecure   trust any certificate for any name (a test backend's self-signed certificate)
     * @param clientCert PEM client certificate (and chain), with {@code clientKey}, or {@code null}
     */
    public static ClientTls of(Path caFile, boolean insecure, Path clientCert, Path clientKey) {
        X509ExtendedTrustManager trust = insecure ? TrustingAnyone.INSTANCE
                : caFile == null ? trustManager(null) : trustManager(caFile);
        PrivateKey key = null;
        List<X509Certificate> chain = List.of();
        if (clientCert != null) {
            chain = PemFiles.certificates(clientCert);
            key = PemFiles.privateKey(clientKey);
            PemFiles.checkPair(key, chain.get(0), clientKey, clientCert);
        }
        return new ClientTls(trust, !insecure, key, chain);
    }

    /** The JDK's trust store and name checks, no client certificate: an {@code https://} URL with no {@code tls:}. */
    public static ClientTls jdkDefaults() {
        return new ClientTls(trustManager(null), true, null, List.of());
    }

    /** For Java's HTTP client (replay, warm-up). It checks the host name itself unless the trust manager skips it. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The client certificate as key managers, or {@code null} without one. */
    public KeyManager[] keyManagers() {
        KeyManagerFactory factory = keyManagerFactory();
        return factory == null ? null : factory.getKeyManagers();
    }

    /** The client certificate as a key manager factory, or {@code null} without one. */
    public KeyManagerFactory keyManagerFactory() {
        if (clientKey == null) {
            return null;
        }
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", clientKey, password, clientChain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot use the client certificate: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(Path caFile) {
        try {
            KeyStore store = null;
            if (caFile != null) {
                store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int i = 0;
                for (X509Certificate ca : PemFiles.certificates(caFile)) {
                    store.setCertificateEntry("ca-" + i++, ca);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException((caFile == null ? "the JDK trust store" : caFile.toString())
                    + ": cannot be used as trusted CAs (" + e.getMessage() + ")");
        }
    }

    /**
     * Trusts every chain for every name: {@code tls.insecure}. An extended trust manager on purpose: given a plain one,
     * the JDK would wrap it and check the host name itself.
     */
    private static final class TrustingAnyone extends X509ExtendedTrustManager {
        static final TrustingAnyone INSTANCE = new TrustingAnyone();

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
