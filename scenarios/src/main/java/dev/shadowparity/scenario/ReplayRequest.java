package dev.shadowparity.scenario;

import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;

/**
 * One request to replay, as read from a traffic file.
 *
 * @param uri    path and query, e.g. {@code /posts?userId=1}
 * @param origin where it was read, {@code file:line} or {@code file: log.entries[3]}, for messages
 */
public record ReplayRequest(String method, String uri, Headers headers, byte[] body, String origin) {

    /** The request itself, without where it was read. */
    public RecordedRequest recorded() {
        return new RecordedRequest(method, uri, headers, body);
    }

    public String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
