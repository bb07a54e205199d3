package dev.shadowparity.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.URI;
import java.util.Map;

/**
 * One backend: its base URL and headers added to (or replacing) every request sent to it, such as each
 * side's own credentials.
 */
public record BackendConfig(
        @JsonProperty(required = true) @JsonDeserialize(using = HttpUrlDeserializer.class) URI url,
        Map<String, String> headers) {

    public BackendConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static BackendConfig of(String url) {
        return new BackendConfig(HttpUrlDeserializer.parse(url), null);
    }

    public String host() {
        return url.getHost();
    }

    public int port() {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** The {@code host[:port]} value for a {@code Host} header sent to this backend. */
    public String authority() {
        return url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost();
    }
}
