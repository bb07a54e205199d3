package dev.shadowparity.jmh;

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
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * Comparisons per second, one thread, parse included, on the same generated payloads for every library.
 * {@code bench/comparators.sh} runs it and prints each library's rate as a ratio of {@code jacksonEquals}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ComparatorBenchmark {

    @Param({"REST_1K", "REST_16K", "REST_256K", "EMBEDDING_512"})
    public Payloads.Shape shape;

    @Param({"BYTE_IDENTICAL", "IDENTICAL", "DIFF", "DRIFT"})
    public Payloads.Variant variant;

    private Payloads.Pair pair;

    @Setup
    public void generate() {
        pair = Payloads.of(shape, variant);
    }

    @Benchmark
    public int jacksonEquals() {
        return Differs.jacksonEquals(pair);
    }

    @Benchmark
    public int shadowParity() {
        return Differs.ours(pair, variant);
    }

    @Benchmark
    public int shadowParityOnTrees() {
        return Differs.oursOnTrees(pair, variant);
    }

    @Benchmark
    public int jsonAssertStrict() {
        return Differs.jsonAssert(pair, JSONCompareMode.STRICT);
    }

    @Benchmark
    public int jsonAssertLenient() {
        return Differs.jsonAssert(pair, JSONCompareMode.LENIENT);
    }

    @Benchmark
    public int zjsonpatch() {
        return Differs.zjsonpatch(pair);
    }
}
