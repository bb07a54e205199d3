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
    void aRecordOfAnotherVersionOrWithoutItsFieldsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CapturedExchanges.decode("{\"schema\":7}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("schema version 7");
        assertThatThrownBy(() -> CapturedExchanges.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> CapturedExchanges.decode("{\"schema\":1,\"id\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("missing field 'endpoint'");
        assertThatThrownBy(() -> CapturedExchanges.decode(null)).hasMessageContaining("tombstone");
    }
}
