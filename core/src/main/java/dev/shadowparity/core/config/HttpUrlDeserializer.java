package dev.shadowparity.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Accepts only absolute {@code http://} or {@code https://host[:port][/base]} URLs; anything else is a config error. */
final class HttpUrlDeserializer extends TextValueDeserializer<URI> {

    private static final long serialVersionUID = 1L;
    private static final Pattern BARE_HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}(/.*)?");

    HttpUrlDeserializer() {
        super(URI.class, HttpUrlDeserializer::parse);
    }

    static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a URL is required, such as http://127.0.0.1:8081");
        }
        String t = text.trim();
        if (!t.contains("://")) {
            // "127.0.0.1:8081" is how people (and nginx configs) name a backend: read it as http.
            if (!BARE_HOST_PORT.matcher(t).matches()) {
                throw new IllegalArgumentException("expected a URL such as http://127.0.0.1:8081 (or HOST:PORT)");
            }
            t = "http://" + t;
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// and https:// URLs are supported, such as http://127.0.0.1:8081");
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
