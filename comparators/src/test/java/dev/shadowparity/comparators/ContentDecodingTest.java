package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.log.ExchangeJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Compressed answers compare by what they say: every content coding a browser asks for, stacked codings, corrupt
 * bodies and a decompression bomb, through the comparator as the proxy and the replay use it.
 */
class ContentDecodingTest {

    static final String PRIMARY = "{\"id\":7,\"name\":\"Ada\",\"courses\":[\"math\",\"logic\"],\"pad\":\"" + "x".repeat(2000) + "\"}";
    static final String CHANGED = PRIMARY.replace("\"Ada\"", "\"Grace\"");

    private final ExchangeComparator comparator = ExchangeComparator.of(Fixtures.suite("""
            noise: { ignoreHeaders: [Content-Encoding, Content-Length] }
            """));

    static byte[] encode(String coding, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (coding) {
            case "gzip", "x-gzip" -> write(new GZIPOutputStream(out), body);
            case "deflate" -> write(new DeflaterOutputStream(out), body);                       // zlib-wrapped, as the RFC says
            case "deflate-raw" -> write(new DeflaterOutputStream(out, new Deflater(6, true)), body); // as some servers send it
            case "br" -> {
                Brotli4jLoader.ensureAvailability();
                return Encoder.compress(body);
            }
            case "zstd" -> {
                return Zstd.compress(body);
            }
            default -> throw new IllegalArgumentException(coding);
        }
        return out.toByteArray();
    }

    private static void write(OutputStream out, byte[] body) throws IOException {
        try (out) {
            out.write(body);
        }
    }

    static RecordedResponse coded(String json, String... codings) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        for (String c : codings) {
            body = encode(c, body);
        }
        String header = String.join(", ", Arrays.stream(codings).map(c -> c.equals("deflate-raw") ? "deflate" : c).toList());
        return new RecordedResponse(200, Headers.builder().add("Content-Type", "application/json")
                .add("Content-Encoding", header).build(), body);
    }

    private ExchangeResult compare(ExchangeComparator c, RecordedResponse primary, RecordedResponse candidate) {
        return c.compare(Fixtures.exchange(1, "GET", "/api/students/7", Fixtures.replied(primary), Fixtures.replied(candidate), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", "deflate", "deflate-raw", "br", "zstd"})
    void eachCodingIsDecodedSoAnIdenticalAnswerIsEqualAndAChangedOneNamesTheField(String coding) throws IOException {
        assertThat(compare(comparator, coded(PRIMARY, coding), Fixtures.json(PRIMARY)).differences()).isEmpty();
        ExchangeResult changed = compare(comparator, coded(PRIMARY, coding), coded(CHANGED, coding));
        assertThat(changed.outcome()).isEqualTo(Outcome.COMPARED);
        assertThat(changed.differences()).extracting(Difference::path, d -> d.kind().label(), d -> d.candidate().asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.name", "value", "Grace"));
    }

    @Test
    void stackedCodingsAreUndoneLastAppliedFirst() throws IOException {
        ExchangeResult r = compare(comparator, coded(PRIMARY, "gzip", "br"), coded(CHANGED, "zstd"));
        assertThat(r.differences()).extracting(Difference::path).containsExactly("$.name");
    }

    @Test
    void aRewriteThatStopsCompressingIsAHeaderDifferenceOfItsOwnNeverABodyOne() throws IOException {
        ExchangeResult r = compare(ExchangeComparator.of(Fixtures.suite("")), coded(PRIMARY, "gzip"), Fixtures.json(PRIMARY));
        assertThat(r.differences()).extracting(Difference::path, d -> d.kind().label())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("header:Content-Encoding", "header"));
        assertThat(r.differences().get(0).primary().asText()).isEqualTo("gzip");
        assertThat(r.differences().get(0).candidate()).isNull();
    }

    @Test
    void whatIsLoggedIsTheDecodedJsonNotCompressedBytes() throws IOException {
        ExchangeResult r = compare(comparator, coded(PRIMARY, "gzip"), coded(CHANGED, "br"));
        RecordedResponse shown = ((BackendReply.Responded) r.exchange().candidate()).response();
        assertThat(new String(shown.body(), StandardCharsets.UTF_8)).isEqualTo(CHANGED);
        String line = new String(new ExchangeJson(new Redactor(RedactionSettings.DEFAULT), true).toLineBytes(r),
                StandardCharsets.UTF_8);
        assertThat(line).contains("\"name\":\"Grace\"").contains("\"name\":\"Ada\"").doesNotContain("\"bodyEncoding\":\"base64\"");
    }

    @Test
    void aBodyThatDoesNotDecodeIsAnEncodingDifferenceNamingTheSideAndWhy() throws IOException {
        RecordedResponse good = coded(PRIMARY, "gzip");
        byte[] truncated = Arrays.copyOf(good.body(), good.body().length / 2);
        RecordedResponse broken = new RecordedResponse(200, good.headers(), truncated);
        ExchangeResult r = compare(comparator, good, broken);
        assertThat(r.outcome()).isEqualTo(Outcome.COMPARED);
        assertThat(r.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("body");
            assertThat(d.kind().label()).isEqualTo("encoding");
            assertThat(d.primary().asText()).isEqualTo("gzip, decoded");
            assertThat(d.candidate().asText()).startsWith("does not decode as gzip: ");
        });
        RecordedResponse notGzip = new RecordedResponse(200, good.headers(), PRIMARY.getBytes(StandardCharsets.UTF_8));
        assertThat(compare(comparator, notGzip, good).differences()).singleElement()
                .satisfies(d -> assertThat(d.primary().asText()).contains("does not decode as gzip").contains("GZIP"));
        RecordedResponse unknown = new RecordedResponse(200, Headers.builder().add("Content-Type", "application/json")
                .add("Content-Encoding", "compress").build(), new byte[] {1, 2, 3});
        assertThat(compare(comparator, good, unknown).differences()).singleElement()
                .satisfies(d -> assertThat(d.candidate().asText()).contains("'compress' is not supported"));
    }

    @Test
    void aDecompressionBombStopsAtTheLimitAndIsNotComparedWithItsReason() throws IOException {
        ExchangeComparator small = ExchangeComparator.of(Fixtures.suite("compare: { maxDecodedBody: 1MiB }\n"));
        byte[] zeros = new byte[64 * 1024 * 1024];
        RecordedResponse bomb = new RecordedResponse(200, Headers.of("Content-Encoding", "gzip"), encode("gzip", zeros));
        assertThat(bomb.body().length).isLessThan(100 * 1024);
        ExchangeResult r = compare(small, coded(PRIMARY, "gzip"), bomb);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).isEqualTo("candidate body: the decoded body exceeds the limit of 1048576 bytes (Content-Encoding: gzip)");
        assertThat(r.differences()).isEmpty();
        // without the setting, the limit is the proxy's capture limit (10 MiB)
        assertThat(compare(comparator, bomb, coded(PRIMARY, "gzip")).reason()).startsWith("primary body: the decoded body exceeds the limit of 10485760 bytes");
    }

    @Test
    void identityCodedBodiesAreComparedAsTheyCame() {
        RecordedResponse p = Fixtures.json(PRIMARY);
        ExchangeResult r = compare(comparator, p, Fixtures.json(PRIMARY));
        assertThat(((BackendReply.Responded) r.exchange().primary()).response()).isSameAs(p);
        assertThat(ContentDecoding.codings(Headers.of("Content-Encoding", "identity"))).isEmpty();
        assertThat(ContentDecoding.codings(Headers.builder().add("content-encoding", "GZIP").add("Content-Encoding", " br ").build()))
                .isEqualTo(List.of("gzip", "br"));
    }

    @Test
    void textIsComparedAsTheCharactersItsCharsetMakesNotAsBytes() {
        String words = "Café crème, 20 €? no: 20 EUR. Señor Müller";
        String latin = words.replace("€", "EUR");
        RecordedResponse utf8 = new RecordedResponse(200, Headers.of("Content-Type", "text/plain; charset=utf-8"),
                latin.getBytes(StandardCharsets.UTF_8));
        RecordedResponse iso = new RecordedResponse(200, Headers.of("Content-Type", "text/plain; charset=ISO-8859-1"),
                latin.getBytes(StandardCharsets.ISO_8859_1));
        ExchangeComparator plain = ExchangeComparator.of(Fixtures.suite("noise: { ignoreHeaders: [Content-Type] }\n"));
        assertThat(compare(plain, utf8, iso).differences()).as("the same words in two charsets").isEmpty();
        RecordedResponse changed = new RecordedResponse(200, iso.headers(),
                latin.replace("Müller", "Möller").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(compare(plain, utf8, changed).differences()).singleElement().satisfies(d -> {
            assertThat(d.primary().asText()).isEqualTo(latin);
            assertThat(d.candidate().asText()).as("read as ISO-8859-1, not mojibake").endsWith("Señor Möller");
        });
        RecordedResponse isoJson = new RecordedResponse(200, Headers.of("Content-Type", "application/json; charset=iso-8859-1"),
                "{\"name\":\"Müller\"}".getBytes(StandardCharsets.ISO_8859_1));
        RecordedResponse utf8Json = new RecordedResponse(200, Headers.of("Content-Type", "application/json; charset=iso-8859-1"),
                "{\"name\":\"Möller\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(compare(plain, isoJson, utf8Json).differences()).singleElement()
                .satisfies(d -> assertThat(d.primary().asText() + "/" + d.candidate().asText()).isEqualTo("Müller/Möller"));
    }

    @Test
    void aBinaryAnswerIsLoggedAsItsSizeDigestAndFirstBytesNeverAsRawBytes() {
        byte[] png = new byte[4096];
        new java.util.Random(7).nextBytes(png);
        png[0] = (byte) 0x89;
        byte[] other = png.clone();
        other[4000] ^= 1;
        Headers type = Headers.of("Content-Type", "image/png");
        ExchangeResult r = compare(comparator, new RecordedResponse(200, type, png), new RecordedResponse(200, type, other));
        assertThat(r.differences()).singleElement()
                .satisfies(d -> assertThat(d.primary().asText()).startsWith("sha256:").endsWith("(4096 bytes)"));
        String line = new String(new ExchangeJson(new Redactor(RedactionSettings.DEFAULT), true).toLineBytes(r),
                StandardCharsets.UTF_8);
        String base64 = java.util.Base64.getEncoder().encodeToString(png);
        assertThat(line).doesNotContain(base64.substring(100, 200)).contains("\"bytes\":4096", "\"bodyEncoding\":\"binary\"",
                "\"head\":\"" + java.util.Base64.getEncoder().encodeToString(Arrays.copyOf(png, 48)) + "\"");
    }
}
