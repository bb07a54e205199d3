package dev.shadowparity.core.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/**
 * A failed TLS handshake as one line a person can act on ("hostname mismatch: …", "untrusted certificate chain …"),
 * instead of the provider's nested exceptions.
 */
public final class TlsFailures {

    private TlsFailures() {}

    /** {@code true} when {@code error} (or a cause of it) comes from TLS: a handshake or record failure. */
    public static boolean isTls(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t.getClass().getSimpleName().equals("NotSslRecordException")) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong, most specific cause first; {@code null} when {@code error} is not about TLS. */
    public static String describe(Throwable error) {
        if (!isTls(error)) {
            return null;
        }
        String handshake = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof CertificateExpiredException
                    || t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return "the backend's certificate has expired (" + firstLine(message) + ")";
            }
            if (t instanceof CertificateNotYetValidException
                    || t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return "the backend's certificate is not valid yet (" + firstLine(message) + ")";
            }
            if (t instanceof CertPathBuilderException || t.getClass().getSimpleName().equals("SunCertPathBuilderException")) {
                return "untrusted certificate chain: no trusted CA signed it (give the backend's tls.caFile, or tls.insecure: true for a test backend)";
            }
            if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
                return "hostname mismatch: " + firstLine(message);
            }
            if (t.getClass().getSimpleName().equals("NotSslRecordException") || message.contains("Unsupported or unrecognized SSL message")) {
                return "the backend does not speak TLS on this port (plain HTTP behind an https:// URL?)";
            }
            String lower = message.toLowerCase(java.util.Locale.ROOT); // BoringSSL says SSLV3_ALERT_BAD_CERTIFICATE
            if (lower.contains("certificate_required") || lower.contains("bad_certificate")) {
                handshake = "the backend refused the client certificate (" + firstLine(message)
                        + "; give tls.clientCert and tls.clientKey)";
            }
            if (handshake == null && t instanceof SSLException) {
                handshake = "TLS handshake failed: " + firstLine(message);
            }
        }
        return handshake == null ? "TLS failed: " + firstLine(String.valueOf(error.getMessage())) : handshake;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
