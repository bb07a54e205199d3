package dev.shadowparity.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.RedactionSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The question a publishing proxy asks of every body before it attaches the body's own bytes: could anything in it be
 * a secret ({@link Redactor#couldMaskUtf8})? Measured beside Jackson's {@code readTree} of the same bytes, the parse that
 * masking would start with, on bodies in which nothing is a secret (so the scan reads every byte): a JSON order, the
 * shared mirror bench's catalogue answer, and English prose (whose common pairs, {@code re}, {@code to}, {@code se},
 * begin secret names). {@code bench/secret-scan.sh} prints each as a ratio of {@code jacksonReadTree}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SecretScanBenchmark {

    /** Bodies of about 2 KB without a secret name. */
    public enum Body { ORDER_JSON, CATALOGUE_JSON, PROSE }

    @Param({"ORDER_JSON", "CATALOGUE_JSON", "PROSE"})
    public Body body;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Redactor redactor = new Redactor(RedactionSettings.DEFAULT);
    private byte[] bytes;

    @Setup
    public void generate() {
        bytes = switch (body) {
            case ORDER_JSON -> Payloads.of(Payloads.Shape.REST_1K, Payloads.Variant.BYTE_IDENTICAL).primary();
            case CATALOGUE_JSON -> catalogue();
            case PROSE -> prose();
        };
        if (redactor.couldMaskUtf8(bytes)) {
            throw new IllegalStateException(body + " holds a secret name: the scan would stop early");
        }
    }

    /** The shape of {@code shared/bench/mirror-bench/body.json}: a catalogue page of items. */
    static byte[] catalogue() {
        StringBuilder s = new StringBuilder("{\"id\":42,\"status\":\"ok\",\"service\":\"catalog\",\"version\":\"2024.1\",\"items\":[");
        String[] tags = {"\"alpha\"", "\"alpha\",\"beta\"", "\"alpha\",\"beta\",\"gamma\""};
        for (int k = 0; s.length() < 2000; k++) {
            s.append(k == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(String.format("%05d", k))
                    .append("\",\"name\":\"Shadow traffic sample item ").append(k).append("\",\"price_cents\":")
                    .append(1999 + 37 * k).append(",\"currency\":\"EUR\",\"in_stock\":").append(k % 3 != 0)
                    .append(",\"tags\":[").append(tags[k % 3]).append("]}");
        }
        return s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] prose() {
        String sentence = "The shadow proxy answers every client from the primary and mirrors the request to the new"
                + " backend, where the reports are read by engineers who compare the responses field by field. ";
        return "{\"text\":\"".concat(sentence.repeat(2048 / sentence.length() + 1)).concat("\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public boolean couldMaskUtf8() {
        return redactor.couldMaskUtf8(bytes);
    }

    @Benchmark
    public JsonNode jacksonReadTree() throws IOException {
        return MAPPER.readTree(bytes);
    }
}
