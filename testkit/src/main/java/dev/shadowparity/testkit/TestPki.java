package dev.shadowparity.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority in a folder: a self-signed CA ({@code ca.pem}) and the certificates it issues, each a
 * PEM certificate and a PEM key, as {@code openssl} or cert-manager would write them.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate and key on disk. */
    public record Issued(Path cert, Path key, X509Certificate certificate) {}

    private final Path folder;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caFile;

    private TestPki(Path folder, String name) {
        this.folder = folder;
        this.caKeys = ecKeys();
        X500Name subject = new X500Name("CN=" + name);
        this.ca = sign(new JcaX509v3CertificateBuilder(subject, serial(), from(Duration.ofDays(-1)), from(Duration.ofDays(30)),
                subject, caKeys.getPublic()), true, List.of(), caKeys);
        this.caFile = write(folder.resolve(name.replace(' ', '-') + ".pem"), pem(ca));
    }

    /** A new CA in {@code folder}, named {@code name}. */
    public static TestPki create(Path folder, String name) {
        return new TestPki(folder, name);
    }

    /** The CA's certificate: what a client trusts ({@code tls.caFile}). */
    public Path caFile() {
        return caFile;
    }

    /** A server (or client) certificate for {@code names} (DNS names and IP addresses), valid from yesterday for 30 days. */
    public Issued issue(String file, String... names) {
        return issue(file, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), false, names);
    }

    /**
     * A certificate for {@code names}, valid between the instants. The certificate file holds the leaf, then the CA;
     * the key file a PKCS#8 key, or with {@code pkcs1} an RSA key as {@code BEGIN RSA PRIVATE KEY}.
     */
    public Issued issue(String file, Instant notBefore, Instant notAfter, boolean pkcs1, String... names) {
        KeyPair keys = pkcs1 ? rsaKeys() : ecKeys();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(notBefore), Date.from(notAfter),
                new X500Name("CN=" + names[0]), keys.getPublic());
        X509Certificate leaf = sign(b, false, List.of(names), caKeys);
        Path cert = write(folder.resolve(file + ".crt"), pem(leaf) + pem(ca));
        Path key = write(folder.resolve(file + ".key"), pkcs1 ? pemWriter(keys.getPrivate())
                : block("PRIVATE KEY", keys.getPrivate().getEncoded()));
        return new Issued(cert, key, leaf);
    }

    /** {@code issued} as a PKCS#12 key store (what WireMock's HTTPS port takes), password {@code password}. */
    public static Path keyStore(Issued issued, String password) {
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            java.security.PrivateKey key = dev.shadowparity.core.tls.PemFiles.privateKey(issued.key());
            store.setKeyEntry("server", key, password.toCharArray(),
                    dev.shadowparity.core.tls.PemFiles.certificates(issued.cert()).toArray(new X509Certificate[0]));
            Path file = issued.cert().resolveSibling(issued.cert().getFileName() + ".p12");
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write a test key store", e);
        }
    }

    /** The CA alone as a PKCS#12 trust store: what a server that asks for client certificates trusts. */
    public Path trustStore(String password) {
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
            Path file = folder.resolve(caFile.getFileName() + ".p12");
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write a test trust store", e);
        }
    }

    /**
     * WireMock options for an HTTPS-only server on loopback presenting {@code cert}; with a {@code clientCa} it wants a
     * client certificate that CA issued. Quiet: WireMock's console notifier off.
     */
    public static com.github.tomakehurst.wiremock.core.WireMockConfiguration wireMockHttps(Issued cert, TestPki clientCa) {
        var options = com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1")
                .httpDisabled(true).httpsPort(0).notifier(new com.github.tomakehurst.wiremock.common.ConsoleNotifier(false))
                .keystorePath(keyStore(cert, "secret").toString()).keystorePassword("secret").keyManagerPassword("secret")
                .keystoreType("PKCS12");
        if (clientCa != null) {
            options.needClientAuth(true).trustStorePath(clientCa.trustStore("secret").toString()).trustStorePassword("secret")
                    .trustStoreType("PKCS12");
        }
        return options;
    }

    /** A JDK SSL context that trusts only this CA: a client of a listener whose certificate it issued. */
    public javax.net.ssl.SSLContext clientContext() {
        return dev.shadowparity.core.tls.ClientTls.of(caFile, false, null, null).sslContext();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, boolean isCa, List<String> names, KeyPair issuer) {
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!names.isEmpty()) {
                List<GeneralName> sans = new ArrayList<>();
                for (String n : names) {
                    sans.add(new GeneralName(n.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName, n));
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            String algorithm = issuer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(algorithm).build(issuer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static KeyPair ecKeys() {
        return keys("EC", 256);
    }

    private static KeyPair rsaKeys() {
        return keys("RSA", 2048);
    }

    private static KeyPair keys(String algorithm, int size) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            g.initialize(size);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date from(Duration fromNow) {
        return Date.from(Instant.now().plus(fromNow));
    }

    private static String pem(X509Certificate c) {
        try {
            return block("CERTIFICATE", c.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Bouncy Castle writes an RSA private key in the traditional PKCS#1 form, as older openssl did. */
    private static String pemWriter(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
