package dev.shadowparity.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
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
            Charset charset = charset(contentType);
            // Jackson detects the UTF encodings itself; any other charset is decoded to characters first.
            if (!charset.name().startsWith("UTF-")) {
                return MAPPER.readTree(new String(body, charset));
            }
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The charset a content type names ({@code ; charset=...}), UTF-8 when it names none or one this JRE lacks. */
    public static Charset charset(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = contentType.substring(at + "charset=".length()).split("[;\\s]", 2)[0].replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A text body as the characters its content type's charset makes of it. */
    public static String text(byte[] body, String contentType) {
        return new String(body, charset(contentType));
    }

    public static boolean isText(byte[] body, String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("text/") || ct.contains("xml") || ct.contains("x-www-form-urlencoded") || isJsonType(ct)) {
            return true;
        }
        // A form with text fields only reads as text; one carrying a file upload does not.
        if (!ct.isEmpty() && !ct.startsWith("multipart/")) {
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

    /** The hex SHA-256 of a body: how a binary body is named where its bytes are not written. */
    public static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** How many leading bytes of a binary body are shown (base64) beside its size and digest. */
    public static final int BINARY_HEAD = 48;

    /** The first {@link #BINARY_HEAD} bytes of a body, base64: enough to recognise a format by its magic bytes. */
    public static String head(byte[] body) {
        return Base64.getEncoder().encodeToString(Arrays.copyOf(body, Math.min(body.length, BINARY_HEAD)));
    }
}
