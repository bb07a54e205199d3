package dev.shadowparity.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.shadowparity.core.tls.ClientTls;
import java.nio.file.Path;

/**
 * How parity connects to an {@code https://} backend ({@code tls:} under it). Without it, the JDK's trusted CAs and a
 * certificate that must name the URL's host. The files are PEM and read when the suite is, so a bad one is a config
 * error at its line.
 *
 * @param caFile     CA certificates to trust instead of the JDK's (a company CA, a test backend's self-signed one)
 * @param insecure   trust any certificate for any name; for test backends only
 * @param clientCert the certificate parity presents when the backend asks for one (mTLS to a service mesh)
 * @param clientKey  its private key (PKCS#8 or PKCS#1, unencrypted)
 */
public record BackendTls(
        @JsonDeserialize(using = FilePathDeserializer.class) @JsonSerialize(using = ToStringSerializer.class) Path caFile,
        Boolean insecure,
        @JsonDeserialize(using = FilePathDeserializer.class) @JsonSerialize(using = ToStringSerializer.class) Path clientCert,
        @JsonDeserialize(using = FilePathDeserializer.class) @JsonSerialize(using = ToStringSerializer.class) Path clientKey) {

    public BackendTls {
        insecure = insecure != null && insecure;
        if (insecure && caFile != null) {
            throw new IllegalArgumentException("give 'caFile' (trust these CAs) or 'insecure: true' (trust anyone), not both");
        }
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("'clientCert' and 'clientKey' go together: give both or neither");
        }
        client(caFile, insecure, clientCert, clientKey); // reads the files now: a bad one fails at its line
    }

    /** What the HTTP clients are built from. */
    public ClientTls client() {
        return client(caFile, insecure, clientCert, clientKey);
    }

    private static ClientTls client(Path caFile, boolean insecure, Path clientCert, Path clientKey) {
        return ClientTls.of(caFile, insecure, clientCert, clientKey);
    }
}
