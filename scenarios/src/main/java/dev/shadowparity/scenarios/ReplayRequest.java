package dev.shadowparity.scenarios;

import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;

/**
 * One request to replay, as read from a traffic file.
 *
 * @param uri    path and query, e.g. {@code /posts?userId=1}
 * @param origin where it was read, {@code file:line} or {@code file: log.entries[3]}, for messages
 * @param sequence an ordering key, or {@code null}: requests with the same key are replayed one after the other in
 *               file order, each answered by every backend before the next, while other keys run concurrently
 */
public record ReplayRequest(String method, String uri, Headers headers, byte[] body, String origin, String sequence) {

    public ReplayRequest(String method, String uri, Headers headers, byte[] body, String origin) {
        this(method, uri, headers, body, origin, null);
    }

    /** The request itself, without where it was read. */
    public RecordedRequest recorded() {
        return new RecordedRequest(method, uri, headers, body);
    }

    public String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
