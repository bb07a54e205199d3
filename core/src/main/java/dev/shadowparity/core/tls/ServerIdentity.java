package dev.shadowparity.core.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The certificate chain and key a TLS listener presents, read from PEM files and checked to belong together. */
public record ServerIdentity(PrivateKey key, List<X509Certificate> chain) {

    public ServerIdentity {
        chain = List.copyOf(chain);
    }

    /**
     * Reads and checks {@code certFile} and {@code keyFile}: both readable PEM, the key the certificate's, the
     * certificate valid now. Each failure names the file.
     */
    public static ServerIdentity load(Path certFile, Path keyFile) {
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        PrivateKey key = PemFiles.privateKey(keyFile);
        PemFiles.checkPair(key, chain.get(0), keyFile, certFile);
        PemFiles.checkValidNow(chain.get(0), certFile);
        return new ServerIdentity(key, chain);
    }

    /** The leaf certificate's subject, for the startup line and reload messages. */
    public String subject() {
        return PemFiles.subject(chain.get(0));
    }
}
