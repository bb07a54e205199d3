package dev.shadowparity.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.contract.OpenApiContract;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * What holding one answer to its OpenAPI contract costs (the body parsed, the status, content type and schema checked:
 * types, required fields, an enum, a format, nullable, closed objects) beside the Jackson parse of the same body, the
 * lower bound of any check that reads it. A page of {@code pets} pets, about 1 KB, 16 KB and 256 KB; conforming, so
 * every rule runs on every element; with and without the owner's formats. {@code bench/comparators.sh} prints the rate as a ratio of {@code jacksonParse}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ContractBenchmark {

    @Param({"8", "128", "2048"})
    public int pets;

    /** Whether the owner's {@code email} and {@code since} are held to their formats (the email's is a large regex). */
    @Param({"true", "false"})
    public boolean formats;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private byte[] body;
    private RecordedResponse answer;
    private OpenApiContract contract;
    private OpenApiContract.Operation operation;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("contract-bench");
        Path spec = dir.resolve("pets.yaml");
        String spec31 = """
                openapi: 3.0.3
                info: { title: pets, version: '1' }
                paths:
                  /pets:
                    get:
                      responses:
                        '200':
                          description: a page
                          content:
                            application/json:
                              schema:
                                type: object
                                additionalProperties: false
                                required: [items, next]
                                properties:
                                  next: { type: string, nullable: true }
                                  items: { type: array, items: { $ref: '#/components/schemas/Pet' } }
                components:
                  schemas:
                    Pet:
                      type: object
                      additionalProperties: false
                      required: [id, name, status, owner]
                      properties:
                        id: { type: integer, format: int64 }
                        name: { type: string, minLength: 1 }
                        tag: { type: string, nullable: true }
                        status: { type: string, enum: [available, pending, sold] }
                        price: { type: number, minimum: 0 }
                        owner:
                          type: object
                          required: [email]
                          properties:
                            email: { type: string, format: email }
                            since: { type: string, format: date }
                """;
        Files.writeString(spec, formats ? spec31 : spec31.replace(", format: email", "").replace(", format: date", ""));
        StringBuilder json = new StringBuilder("{\"next\":null,\"items\":[");
        for (int i = 0; i < pets; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(1000 + i).append(",\"name\":\"pet-").append(i)
                    .append("\",\"tag\":").append(i % 3 == 0 ? "null" : "\"dog\"").append(",\"status\":\"")
                    .append(new String[] {"available", "pending", "sold"}[i % 3]).append("\",\"price\":").append(i * 1.5)
                    .append(",\"owner\":{\"email\":\"owner").append(i).append("@example.com\",\"since\":\"2024-0")
                    .append(1 + i % 9).append("-1").append(i % 10).append("\"}}");
        }
        body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        answer = new RecordedResponse(200, Headers.of("Content-Type", "application/json"), body);
        contract = OpenApiContract.load(spec);
        operation = contract.find("GET", "/pets").orElseThrow();
        if (!contract.violations(operation, answer).isEmpty()) {
            throw new IllegalStateException("the benchmark's page breaks its contract: " + contract.violations(operation, answer));
        }
    }

    @Benchmark
    public JsonNode jacksonParse() throws IOException {
        return MAPPER.readTree(body);
    }

    @Benchmark
    public int contractCheck() {
        return contract.violations(operation, answer).size();
    }
}
