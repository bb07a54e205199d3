package dev.shadowparity.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.RedactionSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The published record, both ways: what a worker reads back is what the proxy held, with secrets masked. */
class CapturedExchangesTest {

    private final CapturedExchanges codec = new CapturedExchanges(new Redactor(RedactionSettings.DEFAULT), 1 << 20);

    private static BackendReply answer(String contentType, byte[] body, String... more) {
        Headers.Builder h = Headers.builder().add("Content-Type", contentType);
        for (int i = 0; i < more.length; i += 2) {
            h.add(more[i], more[i + 1]);
        }
        return new BackendReply.Responded(new RecordedResponse(200, h.build(), body), Duration.ofMillis(2));
    }

    private static Exchange exchange(BackendReply primary, BackendReply candidate) {
        return new Exchange(3, new EndpointKey("GET", "/a"), Instant.parse("2026-12-02T07:00:00Z"),
                new RecordedRequest("GET", "/a", Headers.of("Accept", "application/json"), null), primary, candidate, null);
    }

    private static byte[] body(BackendReply r) {
        return ((BackendReply.Responded) r).response().body();
    }

    @Test
    void aBodyWithNothingToMaskKeepsItsOwnBytesAndAnEqualAnswerIsCarriedOnce() throws Exception {
        byte[] spaced = "{ \"id\" : 7,\n  \"name\" : \"Ada\" }".getBytes(StandardCharsets.UTF_8);
        byte[] record = codec.encode(exchange(answer("application/json", spaced), answer("application/json", spaced.clone())), "p");
        String text = new String(record, StandardCharsets.UTF_8);
        assertThat(text).contains("\"bodySameAs\":\"primary\"");
        assertThat(text.split("\"body\":", -1)).as("the body once (and the request's none)").hasSize(2);
        assertThat(text).as("its own bytes after the head, not base64").endsWith("}\n" + new String(spaced, StandardCharsets.UTF_8))
                .doesNotContain("base64");
        CapturedExchanges.Captured back = CapturedExchanges.decode(record);
        assertThat(body(back.exchange().primary())).isEqualTo(spaced);
        assertThat(body(back.exchange().candidate())).isEqualTo(spaced);
        assertThat(back.mirrored()).isTrue();
        assertThat(back.source()).isEqualTo("p");
    }

    @Test
    void aBodyThatMayHoldASecretIsMaskedAndACompressedOneIsDecodedToBeMaskedThenCodedAgain() throws Exception {
        String secret = "{\"user\":\"ada\",\"Password\":\"hunter2-planted\"}";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(secret.getBytes(StandardCharsets.UTF_8));
        }
        byte[] record = codec.encode(exchange(answer("application/json", secret.getBytes(StandardCharsets.UTF_8)),
                answer("application/json", gz.toByteArray(), "Content-Encoding", "gzip")), "p");
        assertThat(new String(record, StandardCharsets.UTF_8)).doesNotContain("hunter2-planted")
                .contains("\"decoded\":{\"candidate\":\"gzip\"}");
        CapturedExchanges.Captured back = CapturedExchanges.decode(record);
        byte[] candidate = body(back.exchange().candidate());
        assertThat(candidate[0] & 0xff).as("gzip again").isEqualTo(0x1f);
        assertThat(new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(candidate)).readAllBytes(),
                StandardCharsets.UTF_8)).contains(Redactor.MASK).doesNotContain("hunter2");
    }

    @Test
    void aBinaryAnswerIsAttachedWholeBesideARequestBodyAndBothComeBackByteForByte() throws Exception {
        byte[] png = new byte[600];
        new java.util.Random(7).nextBytes(png);
        png[0] = (byte) 0x89;
        byte[] posted = "q=lamp&page=2".getBytes(StandardCharsets.UTF_8);
        Exchange x = new Exchange(4, new EndpointKey("POST", "/img"), Instant.parse("2026-12-02T07:00:00Z"),
                new RecordedRequest("POST", "/img", Headers.of("Content-Type", "application/x-www-form-urlencoded"), posted),
                answer("image/png", png), answer("image/png", png.clone()), answer("image/png", new byte[] {1, 2, 3}));
        byte[] record = codec.encode(x, "p");
        assertThat(new String(record, StandardCharsets.ISO_8859_1)).contains("\"bodyEncoding\":\"attached\"")
                .doesNotContain("base64");
        assertThat(record.length).as("head, request, png and the secondary's three bytes; the candidate's named")
                .isLessThan(1200 + posted.length + png.length);
        Exchange back = CapturedExchanges.decode(record).exchange();
        assertThat(back.request().body()).isEqualTo(posted);
        assertThat(body(back.primary())).isEqualTo(png);
        assertThat(body(back.candidate())).isEqualTo(png);
        assertThat(body(back.secondary())).containsExactly(1, 2, 3);
    }

    @Test
    void aRecordOfTheFirstVersionWithItsBodyInBase64IsStillRead() throws Exception {
        String v1 = "{\"schema\":1,\"source\":\"old\",\"mirrored\":false,\"id\":9,\"endpoint\":\"GET /a\","
                + "\"receivedAt\":\"2026-12-02T07:00:00Z\",\"request\":{\"method\":\"GET\",\"uri\":\"/a\",\"headers\":{}},"
                + "\"primary\":{\"latencyMs\":1.5,\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":\"eyJpZCI6N30=\",\"bodyEncoding\":\"base64\"},"
                + "\"candidate\":{\"latencyMs\":0,\"outcome\":\"skipped\",\"reason\":\"captured, not mirrored: a worker sends it\"}}";
        CapturedExchanges.Captured back = CapturedExchanges.decode(v1.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(body(back.exchange().primary()), StandardCharsets.UTF_8)).isEqualTo("{\"id\":7}");
        assertThat(back.source()).isEqualTo("old");
        assertThat(BackendReply.isNotSent(back.exchange().candidate())).isTrue();
    }

    @Test
    void anAttachedBodyPastTheRecordsEndIsRefusedNamingItsField() {
        byte[] body = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
        byte[] record = codec.encode(exchange(answer("application/json", body), answer("application/json", body)), "p");
        byte[] cut = java.util.Arrays.copyOf(record, record.length - 3);
        assertThatThrownBy(() -> CapturedExchanges.decode(cut))
                .hasMessageContaining("field 'primary.body'").hasMessageContaining("outside the record's 5 attached bytes");
    }

    @Test
    void aRecordOfAnotherVersionOrWithoutItsFieldsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CapturedExchanges.decode("{\"schema\":7}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("schema version 7").hasMessageContaining("upgrade the workers");
        assertThatThrownBy(() -> CapturedExchanges.decode("{\"schema\":0}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("schema version 0 (this parity reads versions 1 to 2)");
        assertThatThrownBy(() -> CapturedExchanges.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> CapturedExchanges.decode("{\"schema\":1,\"id\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("missing field 'endpoint'");
        assertThatThrownBy(() -> CapturedExchanges.decode(null)).hasMessageContaining("tombstone");
    }
}
