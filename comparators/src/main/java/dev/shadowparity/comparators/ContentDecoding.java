package dev.shadowparity.comparators;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.github.luben.zstd.ZstdInputStream;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A response's body as its media type reads it: the content codings its {@code Content-Encoding} lists undone, last
 * applied first (RFC 9110 §8.4), so two backends that compress differently, or one that does not, compare by what
 * they say. Runs on the compare workers, never on the client's path; the client always gets the primary's bytes.
 * Decoding stops at a limit on the decoded size, so a small answer that inflates without end (a decompression bomb)
 * costs no more memory than the limit.
 */
public final class ContentDecoding {

    private ContentDecoding() {}

    /**
     * The body of {@code r} with its content codings undone, or {@code null} when it has none, cannot be decoded, or
     * would exceed {@code limit} decoded. For a record that carries answers to another process, where they are masked
     * before they leave (a compressed secret cannot be masked).
     */
    public static byte[] decodedBody(RecordedResponse r, long limit) {
        Decoded d = decode(r, limit);
        return d.decoded() ? d.response().body() : null;
    }

    /**
     * {@code body} coded again as {@code Content-Encoding: codings} lists ({@code gzip}, {@code gzip, br}), applied in
     * that order: a decoded body made whole once more, for the comparator to decode as it decodes every answer.
     */
    public static byte[] encode(String codings, byte[] body) {
        byte[] out = body;
        for (String token : codings.split(",")) {
            String coding = token.trim().toLowerCase(Locale.ROOT);
            if (coding.isEmpty() || coding.equals("identity")) {
                continue;
            }
            try {
                out = encodeOne(coding, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot encode as " + coding, e);
            }
        }
        return out;
    }

    private static byte[] encodeOne(String coding, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
        switch (coding) {
            case "gzip", "x-gzip" -> {
                try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
                    gz.write(body);
                }
            }
            case "deflate" -> {
                try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(out)) {
                    z.write(body);
                }
            }
            case "br" -> {
                Brotli4jLoader.ensureAvailability();
                return com.aayushatharva.brotli4j.encoder.Encoder.compress(body);
            }
            case "zstd" -> {
                return com.github.luben.zstd.Zstd.compress(body);
            }
            default -> throw new IOException("content coding '" + coding + "' is not supported (gzip, deflate, br, zstd are)");
        }
        return out.toByteArray();
    }

    /**
     * What decoding a response gave.
     *
     * @param response  the response with its body decoded (the headers as they came), or as it came when it could not
     *                  be decoded
     * @param codings   the codings undone, as {@code Content-Encoding} lists them ({@code gzip}, {@code gzip, br}), or
     *                  {@code null} for an identity-coded body
     * @param problem   why the body could not be decoded, or {@code null}
     * @param overLimit the decoded body would exceed the limit
     */
    /** @param note why the body was not read further (a gRPC answer with no descriptor for it), or {@code null} */
    record Decoded(RecordedResponse response, String codings, String problem, boolean overLimit, String note) {

        Decoded(RecordedResponse response, String codings, String problem, boolean overLimit) {
            this(response, codings, problem, overLimit, null);
        }

        boolean decoded() {
            return codings != null && problem == null;
        }
    }

    /** Thrown when a decoded body grows past the limit. */
    private static final class OverLimit extends IOException {
        private static final long serialVersionUID = 1L;

        OverLimit(long limit) {
            super("the decoded body exceeds the limit of " + limit + " bytes");
        }
    }

    static Decoded decode(RecordedResponse r, long limit) {
        List<String> codings = codings(r.headers());
        if (codings.isEmpty() || r.body().length == 0) {
            return new Decoded(r, null, null, false);
        }
        String listed = String.join(", ", codings);
        byte[] body = r.body();
        for (int i = codings.size() - 1; i >= 0; i--) {
            String coding = codings.get(i);
            try {
                body = decodeOne(coding, body, limit);
            } catch (OverLimit e) {
                return new Decoded(r, listed, e.getMessage() + " (Content-Encoding: " + listed + ")", true);
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                return new Decoded(r, listed, "does not decode as " + coding + ": " + message(e), false);
            }
        }
        return new Decoded(new RecordedResponse(r.status(), r.headers(), body), listed, null, false);
    }

    /** The codings of every {@code Content-Encoding} field, in the order they were applied; identity left out. */
    static List<String> codings(Headers headers) {
        List<String> out = null; // most answers have no Content-Encoding: nothing is allocated for them
        for (Headers.Header h : headers.entries()) {
            if (!h.name().equalsIgnoreCase("Content-Encoding")) {
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(1);
            }
            for (String token : h.value().split(",")) {
                String c = token.trim().toLowerCase(Locale.ROOT);
                if (!c.isEmpty() && !c.equals("identity")) {
                    out.add(c);
                }
            }
        }
        return out == null ? List.of() : out;
    }

    static byte[] decodeOne(String coding, byte[] body, long limit) throws IOException {
        return switch (coding) {
            case "gzip", "x-gzip" -> read(new GZIPInputStream(new ByteArrayInputStream(body)), limit);
            case "deflate" -> inflate(body, limit);
            case "br" -> {
                Brotli4jLoader.ensureAvailability();
                yield read(new BrotliInputStream(new ByteArrayInputStream(body)), limit);
            }
            case "zstd" -> read(new ZstdInputStream(new ByteArrayInputStream(body)), limit);
            default -> throw new IOException("content coding '" + coding + "' is not supported (gzip, deflate, br, zstd are)");
        };
    }

    /** {@code deflate} is zlib-wrapped by the RFC, but servers have long sent it raw: zlib first, then raw. */
    private static byte[] inflate(byte[] body, long limit) throws IOException {
        boolean zlibHeader = body.length >= 2 && (body[0] & 0x0f) == 8 && ((body[0] & 0xff) * 256 + (body[1] & 0xff)) % 31 == 0;
        Inflater inflater = new Inflater(!zlibHeader);
        try {
            return read(new InflaterInputStream(new ByteArrayInputStream(body), inflater), limit);
        } finally {
            inflater.end();
        }
    }

    private static byte[] read(InputStream in, long limit) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new OverLimit(limit);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String message(Throwable e) {
        if (e instanceof UnsatisfiedLinkError) {
            return "no native decoder on this platform (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
