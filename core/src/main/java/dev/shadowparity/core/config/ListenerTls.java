package dev.shadowparity.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.shadowparity.core.tls.ServerIdentity;
import java.nio.file.Path;

/**
 * The proxy's TLS listener ({@code proxy.tls:}): the certificate chain and key it presents, PEM files read when the
 * suite is (a missing file, a key of another certificate or an expired certificate is a config error at its line) and
 * read again whenever they change.
 */
public record ListenerTls(
        @JsonProperty(required = true) @JsonDeserialize(using = FilePathDeserializer.class)
        @JsonSerialize(using = ToStringSerializer.class) Path cert,
        @JsonProperty(required = true) @JsonDeserialize(using = FilePathDeserializer.class)
        @JsonSerialize(using = ToStringSerializer.class) Path key) {

    public ListenerTls {
        if (cert == null || key == null) {
            throw new IllegalArgumentException("a TLS listener needs 'cert' and 'key' (PEM files)");
        }
        ServerIdentity.load(cert, key);
    }

    /** Reads the files as they are now. */
    public ServerIdentity identity() {
        return ServerIdentity.load(cert, key);
    }
}
