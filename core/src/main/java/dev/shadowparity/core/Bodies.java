package dev.shadowparity.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Decides how to read a body: as JSON, as text, or as bytes. */
public final class Bodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Bodies() {}

    public static boolean isJsonType(String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.contains("/json") || ct.contains("+json");
    }

    /** The body as a JSON tree when its content type says JSON (or is absent) and it parses; else {@code null}. */
    public static JsonNode parseJson(byte[] body, String contentType) {
        if (body.length == 0 || !(isJsonType(contentType) || contentType.isEmpty())) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    public static boolean isText(byte[] body, String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("text/") || ct.contains("xml") || ct.contains("x-www-form-urlencoded") || isJsonType(ct)) {
            return true;
        }
        if (!ct.isEmpty()) {
            return false;
        }
        for (byte b : body) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
