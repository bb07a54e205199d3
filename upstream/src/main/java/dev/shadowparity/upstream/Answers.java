package dev.shadowparity.upstream;

import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A backend's answer as the comparison and the log see it. */
public final class Answers {

    private Answers() {}

    /** {@code response} recorded: status, fields (trailers after the headers: gRPC's status rides in them), body. */
    public static RecordedResponse recorded(FullHttpResponse response) {
        return new RecordedResponse(response.status().code(),
                withTrailers(fields(response.headers()), response.trailingHeaders()), ByteBufUtil.getBytes(response.content()));
    }

    /** Netty's fields as ours, in order. */
    public static Headers fields(HttpHeaders headers) {
        List<Headers.Header> list = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> e : headers) {
            list.add(new Headers.Header(e.getKey(), e.getValue()));
        }
        return new Headers(list);
    }

    /** {@code fields}, then {@code trailers}: one list, as the comparison and the log see an answer. */
    public static Headers withTrailers(Headers fields, HttpHeaders trailers) {
        if (trailers.isEmpty()) {
            return fields;
        }
        List<Headers.Header> list = new ArrayList<>(fields.entries());
        for (Map.Entry<String, String> e : trailers) {
            list.add(new Headers.Header(e.getKey(), e.getValue()));
        }
        return new Headers(list);
    }
}
