package dev.shadowparity.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.ByteSize;
import dev.shadowparity.core.config.ExchangeLogSettings;
import dev.shadowparity.core.config.RedactionSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeLogTest {

    private static final EndpointKey LOGIN = EndpointKey.parse("POST /api/login");
    private final ExchangeJson json = new ExchangeJson(new Redactor(new RedactionSettings(null, List.of("$.password", "$.token"))));

    static ExchangeResult exchange(long id) {
        RecordedRequest req = new RecordedRequest("POST", "/api/login?api_key=k1", Headers.of(
                "Authorization", "Bearer top-secret", "Content-Type", "application/json"),
                "{\"user\":\"ada\",\"password\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8));
        RecordedResponse p = new RecordedResponse(200, Headers.of("Content-Type", "application/json", "Set-Cookie", "s=abc"),
                "{\"token\":\"tok-p\",\"n\":1}".getBytes(StandardCharsets.UTF_8));
        RecordedResponse png = new RecordedResponse(200, Headers.of("Content-Type", "image/png"), new byte[] {(byte) 0x89, 'P', 0, 1});
        Exchange x = new Exchange(id, LOGIN, Instant.parse("2026-11-23T10:00:00Z"), req,
                new BackendReply.Responded(p, Duration.ofMillis(3)),
                id % 2 == 0 ? new BackendReply.Responded(png, Duration.ofMillis(4))
                        : new BackendReply.NoResponse(Outcome.TIMEOUT, "no answer in 2000 ms", Duration.ofSeconds(2)),
                null);
        List<Difference> diffs = id % 2 == 0 ? List.of(
                new Difference(LOGIN, "$.token", DifferenceKind.VALUE, JsonNodeFactory.instance.textNode("tok-p"),
                        JsonNodeFactory.instance.textNode("tok-c"), "differs between primary and secondary too"),
                new Difference(LOGIN, "$.n", DifferenceKind.MISSING, JsonNodeFactory.instance.numberNode(1), null, null))
                : List.of();
        return new ExchangeResult(x, id % 2 == 0 ? Outcome.COMPARED : Outcome.TIMEOUT,
                id % 2 == 0 ? null : "no answer in 2000 ms", diffs);
    }

    @Test
    void writesInReceivedOrderAlthoughFinishedOutOfOrder(@TempDir Path dir) {
        Path file = dir.resolve("exchanges.jsonl");
        try (ExchangeLogWriter w = new ExchangeLogWriter(file, json, 100)) {
            for (long id : new long[] {3, 1, 4, 2, 6, 5}) {
                w.write(exchange(id));
            }
        }
        List<Long> ids = new ArrayList<>();
        ExchangeLogReader.forEach(file, ce -> ids.add(ce.exchange().id()));
        assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aStuckExchangeCannotHoldTheBufferBeyondItsBound(@TempDir Path dir) {
        Path file = dir.resolve("exchanges.jsonl");
        try (ExchangeLogWriter w = new ExchangeLogWriter(file, json, 2)) {
            for (long id = 2; id <= 5; id++) {
                w.write(exchange(id));
            }
            // Three waited for id 1, one more than the bound: the oldest went out, and the rest followed in order.
            assertThat(w.written()).isEqualTo(4);
            w.write(exchange(1));
        }
        List<Long> ids = new ArrayList<>();
        ExchangeLogReader.forEach(file, ce -> ids.add(ce.exchange().id()));
        assertThat(ids).containsExactly(2L, 3L, 4L, 5L, 1L);
    }

    @Test
    void rotatesAtLineBoundariesKeepsTheNewestFilesAndReadsBackInOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exchanges.jsonl");
        Files.writeString(ExchangeLogReader.rotatedName(file, 3), "left by an earlier run\n");
        int oneLine = json.toLineBytes(exchange(2)).length + 1;
        ExchangeLogSettings settings = new ExchangeLogSettings(null, new ByteSize(3L * oneLine), 2);
        try (ExchangeLogWriter w = new ExchangeLogWriter(file, json, 10, settings)) {
            for (long id = 1; id <= 20; id++) {
                w.write(exchange(id));
            }
            assertThat(w.written()).isEqualTo(20);
            assertThat(w.rotations()).isGreaterThanOrEqualTo(6);
        }
        assertThat(ExchangeLogReader.rotated(file)).extracting(p -> p.getFileName().toString())
                .containsExactly("exchanges.2.jsonl", "exchanges.1.jsonl");
        List<Long> ids = new ArrayList<>();
        for (Path part : ExchangeLogReader.oldestFirst(file)) {
            assertThat(Files.size(part)).as(part + " stays under maxSize").isLessThanOrEqualTo(3L * oneLine);
            ExchangeLogReader.forEach(part, ce -> ids.add(ce.exchange().id()));
        }
        assertThat(ids).as("the newest lines, consecutive, oldest first").isNotEmpty().endsWith(20L);
        assertThat(ids).isEqualTo(java.util.stream.LongStream.rangeClosed(ids.get(0), 20).boxed().toList());
    }

    @Test
    void roundTripsEverythingButSecrets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exchanges.jsonl");
        try (ExchangeLogWriter w = new ExchangeLogWriter(file, json, 10)) {
            w.write(exchange(1));
            w.write(exchange(2));
        }
        String text = Files.readString(file);
        assertThat(text).doesNotContain("top-secret", "hunter2", "tok-p", "tok-c", "s=abc", "k1");
        List<ExchangeResult> read = new ArrayList<>();
        ExchangeLogReader.forEach(file, read::add);
        ExchangeResult timeout = read.get(0);
        assertThat(timeout.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(timeout.reason()).isEqualTo("no answer in 2000 ms");
        assertThat(timeout.exchange().candidate()).isInstanceOf(BackendReply.NoResponse.class);
        ExchangeResult compared = read.get(1);
        assertThat(compared.exchange().endpoint()).isEqualTo(LOGIN);
        assertThat(compared.exchange().request().uri()).isEqualTo("/api/login?api_key=" + Redactor.mask("k1"));
        assertThat(new String(compared.exchange().request().body(), StandardCharsets.UTF_8))
                .contains("\"user\":\"ada\"").contains(Redactor.mask("hunter2"));
        // A binary answer is named, not kept: its size, digest and first bytes, so the log never holds raw bytes.
        assertThat(text).contains("\"body\":{\"bytes\":4,\"sha256\":\"" + Bodies.sha256(new byte[] {(byte) 0x89, 'P', 0, 1}) + "\",\"head\":\"iVAAAQ==\"}",
                "\"bodyEncoding\":\"binary\"");
        assertThat(((BackendReply.Responded) compared.exchange().candidate()).response().body()).isEmpty();
        assertThat(compared.differences()).hasSize(2);
        assertThat(compared.differences().get(0).isNoise()).isTrue();
        assertThat(compared.differences().get(0).primary().asText()).isEqualTo(Redactor.mask("tok-p"));
        assertThat(compared.differences().get(1).kind()).isEqualTo(DifferenceKind.MISSING);
        assertThat(compared.differences().get(1).candidate()).isNull();
        assertThat(compared.hasRegression()).isTrue();
    }

    @Test
    void identicalPairsKeepTheirRequestButNotTheirResponseBodiesUnlessAskedTo() throws Exception {
        ExchangeResult identical = new ExchangeResult(exchange(2).exchange(), Outcome.COMPARED, null, List.of());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var lean = mapper.readTree(json.toLineBytes(identical));
        assertThat(lean.path("request").path("body").path("user").asText()).isEqualTo("ada");
        assertThat(lean.path("primary").has("body")).isFalse();
        assertThat(lean.path("primary").path("bodyBytes").asInt()).isEqualTo("{\"token\":\"tok-p\",\"n\":1}".length());
        assertThat(lean.path("responseBodies").asText()).isEqualTo("omitted: no differences");
        var full = mapper.readTree(new ExchangeJson(new Redactor(RedactionSettings.DEFAULT), true).toLineBytes(identical));
        assertThat(full.path("primary").path("body").path("n").asInt()).isEqualTo(1);
        assertThat(full.has("responseBodies")).isFalse();
        ExchangeResult differing = exchange(2);
        assertThat(mapper.readTree(json.toLineBytes(differing)).path("primary").has("body")).isTrue();
    }

    @Test
    void aBadLineNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exchanges.jsonl");
        try (ExchangeLogWriter w = new ExchangeLogWriter(file, json, 10)) {
            w.write(exchange(1));
        }
        Files.writeString(file, Files.readString(file) + "{\"id\":2}\n");
        assertThatThrownBy(() -> ExchangeLogReader.forEach(file, ce -> { }))
                .hasMessageContaining("exchanges.jsonl:2:")
                .hasMessageContaining("missing field 'endpoint'");
        Files.writeString(file, "not json\n");
        assertThatThrownBy(() -> ExchangeLogReader.forEach(file, ce -> { })).hasMessageContaining(":1: not JSON");
    }
}
