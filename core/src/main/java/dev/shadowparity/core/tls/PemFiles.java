package dev.shadowparity.core.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys from PEM files, as {@code openssl}, {@code cert-manager} and every CA write them. Each
 * problem is an {@link IllegalArgumentException} naming the file and what is wrong with it, never a stack trace from
 * the security provider.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** {@code rsaEncryption} as a PKCS#8 AlgorithmIdentifier: what a PKCS#1 key needs in front to be read as PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemFiles() {}

    /** The certificates of {@code file} in order (a leaf, then the chain that signed it); at least one. */
    public static List<X509Certificate> certificates(Path file) {
        List<byte[]> blocks = blocks(file, "CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": certificate " + (out.size() + 1) + " is not a valid X.509 certificate ("
                    + e.getMessage() + ")");
        }
        return List.copyOf(out);
    }

    /** The one private key of {@code file}: PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}). */
    public static PrivateKey privateKey(Path file) {
        String text = read(file);
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException(file + ": the private key is encrypted; give it unencrypted"
                    + " (openssl pkey -in KEY -out KEY.plain) and protect the file instead");
        }
        if (text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException(file + ": an EC key in the SEC1 format is not read; convert it to PKCS#8"
                    + " with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        Matcher m = BLOCK.matcher(text);
        byte[] pkcs8 = null;
        while (m.find()) {
            byte[] der = decode(file, m.group(2));
            byte[] key = switch (m.group(1)) {
                case "PRIVATE KEY" -> der;
                case "RSA PRIVATE KEY" -> pkcs1ToPkcs8(der);
                default -> null;
            };
            if (key != null && pkcs8 != null) {
                throw new IllegalArgumentException(file + ": holds more than one private key; give one");
            }
            pkcs8 = key != null ? key : pkcs8;
        }
        if (pkcs8 == null) {
            throw new IllegalArgumentException(file + ": holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException wrongAlgorithm) {
                // the next one
            }
        }
        throw new IllegalArgumentException(file + ": the private key is neither RSA, EC nor EdDSA, or is damaged");
    }

    /**
     * Fails unless {@code key} is the private half of {@code certificate}'s public key: a pair that does not match
     * would fail every handshake with an error no client explains.
     */
    public static void checkPair(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> null;
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
        if (algorithm == null) {
            return; // PSS parameters vary by key; the handshake tells
        }
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        boolean matches;
        try {
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            matches = verify.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false; // e.g. an EC key beside an RSA certificate
        }
        if (!matches) {
            throw new IllegalArgumentException(keyFile + ": this key does not belong to the certificate in " + certFile
                    + " (" + subject(certificate) + ")");
        }
    }

    /** Fails when {@code certificate} is not valid now: a listener would present it and every client refuse it. */
    public static void checkValidNow(X509Certificate certificate, Path file) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException(file + ": the certificate (" + subject(certificate) + ") expired on "
                    + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException(file + ": the certificate (" + subject(certificate) + ") is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }

    /** The subject's distinguished name, for messages. */
    public static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static List<byte[]> blocks(Path file, String type) {
        Matcher m = BLOCK.matcher(read(file));
        List<byte[]> out = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(decode(file, m.group(2)));
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static byte[] decode(Path file, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": a PEM block is not valid base64 (" + e.getMessage() + ")");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey as PKCS#8: SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING { key } }. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] octets = der(0x04, pkcs1);
        byte[] version = {0x02, 0x01, 0x00};
        byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
        System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }
}
