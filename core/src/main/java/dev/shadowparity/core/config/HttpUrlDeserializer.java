package dev.shadowparity.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/** Accepts only absolute {@code http://host[:port][/base]} URLs; anything else is a config error. */
final class HttpUrlDeserializer extends StdScalarDeserializer<URI> {

    HttpUrlDeserializer() {
        super(URI.class);
    }

    @Override
    public URI deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw ctxt.weirdStringException(text, URI.class, e.getMessage());
        }
    }

    static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a URL is required, such as http://127.0.0.1:8081");
        }
        String t = text.trim();
        if (!t.contains("://")) {
            // "127.0.0.1:8081" is how people (and nginx configs) name a backend: read it as http.
            t = "http://" + t;
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs are supported, such as http://127.0.0.1:8081");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("a backend URL takes no query or fragment");
        }
        return uri;
    }
}
