package dev.shadowparity.load;

import java.util.Map;

/**
 * One request the virtual users send.
 *
 * @param name    the endpoint it belongs to ({@code GET /api/students/{id}}); Gatling's statistics group by it
 * @param uri     path and query, resolved against the backend's base URL
 * @param headers sent as given (the backend's own headers already applied)
 * @param body    {@code null} for none
 */
public record LoadRequest(String name, String method, String uri, Map<String, String> headers, byte[] body) {

    public LoadRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
