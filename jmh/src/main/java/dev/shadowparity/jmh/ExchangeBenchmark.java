package dev.shadowparity.jmh;

import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
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
 * A whole exchange through the comparator as the proxy runs it (content decoding, status, headers, bodies), with
 * identity-coded and with gzip'd answers, beside the Jackson parse lower bound on the same bodies.
 * {@code bench/decoding.sh} runs it and prints each rate as a ratio of {@code jacksonEquals}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExchangeBenchmark {

    @Param({"REST_1K", "REST_16K", "REST_256K"})
    public Payloads.Shape shape;

    @Param({"IDENTICAL", "DIFF"})
    public Payloads.Variant variant;

    private Payloads.Pair pair;
    private Exchange identity;
    private Exchange gzip;

    @Setup
    public void generate() {
        pair = Payloads.of(shape, variant);
        identity = exchange(answer(pair.primary(), false), answer(pair.candidate(), false));
        gzip = exchange(answer(pair.primary(), true), answer(pair.candidate(), true));
    }

    private static RecordedResponse answer(byte[] json, boolean gzipped) {
        Headers.Builder h = Headers.builder().add("Content-Type", "application/json");
        if (!gzipped) {
            return new RecordedResponse(200, h.build(), json);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordedResponse(200, h.add("Content-Encoding", "gzip").build(), out.toByteArray());
    }

    private static Exchange exchange(RecordedResponse primary, RecordedResponse candidate) {
        return new Exchange(1, EndpointKey.parse("POST /bench"), Instant.EPOCH,
                new RecordedRequest("POST", "/bench", Headers.EMPTY, new byte[0]),
                new BackendReply.Responded(primary, Duration.ofMillis(1)),
                new BackendReply.Responded(candidate, Duration.ofMillis(1)), null);
    }

    /** The lower bound: parse both bodies (identity-coded), {@code equals}. */
    @Benchmark
    public int jacksonEquals() {
        return Differs.jacksonEquals(pair);
    }

    @Benchmark
    public int exchangeIdentity() {
        return Differs.PLAIN.compare(identity).differences().size();
    }

    @Benchmark
    public int exchangeGzip() {
        return Differs.PLAIN.compare(gzip).differences().size();
    }
}
