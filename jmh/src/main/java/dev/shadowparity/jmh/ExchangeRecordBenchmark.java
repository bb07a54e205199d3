package dev.shadowparity.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.kafka.CapturedExchanges;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a proxy writes for each exchange the two backends answered alike: the record a publishing proxy sends to Kafka
 * ({@link CapturedExchanges#encode}) and the {@code exchanges.jsonl} line a comparing proxy appends
 * ({@link ExchangeJson#toLineBytes}), for a request as wrk sends it and as a browser does (cookies, which are masked),
 * answered by nginx with the shared mirror bench's 2 KB catalogue. Beside them, Jackson's {@code readTree} of the
 * body; {@code bench/exchange-record.sh} prints each as a ratio of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExchangeRecordBenchmark {

    /** Who sent the request. */
    public enum Client { WRK, BROWSER }

    @Param({"WRK", "BROWSER"})
    public Client client;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Redactor redactor = new Redactor(RedactionSettings.DEFAULT);
    private final CapturedExchanges records = new CapturedExchanges(redactor, 64 << 20);
    private final ExchangeJson lines = new ExchangeJson(redactor);
    private byte[] body;
    private Exchange exchange;
    private ExchangeResult same;

    @Setup
    public void generate() {
        body = SecretScanBenchmark.catalogue();
        Headers.Builder request = Headers.builder().add("Host", "127.0.0.1:18380");
        if (client == Client.BROWSER) {
            request.add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36")
                    .add("Accept", "application/json, text/plain, */*")
                    .add("Accept-Encoding", "gzip, deflate, br, zstd")
                    .add("Accept-Language", "en-GB,en;q=0.9,de;q=0.8")
                    .add("Cookie", "session=6f1c2a9e4b7d; theme=dark")
                    .add("Referer", "https://shop.example.org/catalog?page=2")
                    .add("Sec-Fetch-Mode", "cors");
        }
        Headers answer = Headers.builder().add("Server", "nginx/1.22.1").add("Date", "Tue, 08 Dec 2026 00:36:27 GMT")
                .add("Content-Type", "application/json").add("Content-Length", String.valueOf(body.length))
                .add("Connection", "keep-alive").build();
        exchange = new Exchange(1_062_909, EndpointKey.parse("GET /api/items/{id}"), Instant.parse("2026-12-08T00:36:27.123456789Z"),
                new RecordedRequest("GET", "/api/items/42?view=full", request.build(), new byte[0]),
                new BackendReply.Responded(new RecordedResponse(200, answer, body), Duration.ofNanos(412_345)),
                new BackendReply.Responded(new RecordedResponse(200, answer, body.clone()), Duration.ofNanos(498_001)), null);
        same = new ExchangeResult(exchange, Outcome.COMPARED, null, List.of(), List.of(), List.of());
    }

    @Benchmark
    public byte[] publishedRecord() {
        return records.encode(exchange, "bench-proxy");
    }

    @Benchmark
    public byte[] logLine() {
        return lines.toLineBytes(same);
    }

    @Benchmark
    public JsonNode jacksonReadTree() throws IOException {
        return MAPPER.readTree(body);
    }
}
