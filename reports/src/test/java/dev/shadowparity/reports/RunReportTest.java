package dev.shadowparity.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.gate.Gate;
import dev.shadowparity.gate.GateSetup;
import dev.shadowparity.gate.Verdict;
import dev.shadowparity.gate.VerdictFiles;
import dev.shadowparity.testkit.PlantedLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private List<JsonNode> results(Path dir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                out.add(mapper.readTree(p.toFile()));
            }
        }
        return out;
    }

    @Test
    void writesVerdictJunitAllureResultsAndTheHtmlReport(@TempDir Path dir) throws Exception {
        RunReport.Written w = RunReport.write(dir, new Gate(GateSetup.of(PlantedLedger.suite(""))).evaluate(PlantedLedger.ledgerWithRegression().snapshot()), 0);
        assertThat(w.htmlError()).isNull();
        assertThat(w.html()).isRegularFile();
        assertThat(Files.size(w.html())).isGreaterThan(100_000);
        assertThat(Files.readString(w.html())).contains("<title>Allure Report</title>");

        Verdict read = VerdictFiles.read(dir);
        assertThat(mapper.writeValueAsString(read)).isEqualTo(mapper.writeValueAsString(w.verdict()));
        assertThat(read.verdict()).isEqualTo("hold");

        String junit = Files.readString(dir.resolve("junit.xml"));
        assertThat(junit).contains("failures=\"1\"").contains("parity GET /api/students/{id}").contains("$.lastName missing x4");

        List<JsonNode> results = results(dir.resolve("allure-results"));
        JsonNode student = results.stream().filter(r -> r.path("name").asText().equals("GET /api/students/{id}")).findFirst().orElseThrow();
        assertThat(student.path("status").asText()).isEqualTo("failed");
        assertThat(student.path("statusDetails").path("message").asText()).contains("$.lastName missing in 4 of 10");
        assertThat(student.path("attachments")).isNotEmpty();
        JsonNode list = results.stream().filter(r -> r.path("name").asText().equals("GET /api/students")).findFirst().orElseThrow();
        assertThat(list.path("status").asText()).isEqualTo("passed");
        assertThat(results).extracting(r -> r.path("name").asText()).contains("coverage", "candidate error rate");
        assertThat(Files.readString(dir.resolve("allure-results/categories.json"))).contains("Regression");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(p.toString()).doesNotContain("secret-a", "secret-b");
            }
        }
    }

    @Test
    void historyIdsAreStableAcrossRunsSoTrendsWork(@TempDir Path dir) throws Exception {
        var verdict = new Gate(GateSetup.of(PlantedLedger.suite(""))).evaluate(PlantedLedger.ledgerWithRegression().snapshot());
        AllureResults.write(dir.resolve("a"), verdict, java.util.Map.of(), 0, k -> null);
        AllureResults.write(dir.resolve("b"), verdict, java.util.Map.of(), 0, k -> null);
        List<String> a = results(dir.resolve("a")).stream().map(r -> r.path("historyId").asText()).sorted().toList();
        List<String> b = results(dir.resolve("b")).stream().map(r -> r.path("historyId").asText()).sorted().toList();
        assertThat(a).isEqualTo(b).doesNotHaveDuplicates();
    }

    @Test
    void summaryTableNamesEndpointFieldAndVerdict() {
        var verdict = new Gate(GateSetup.of(PlantedLedger.suite(""))).evaluate(PlantedLedger.ledgerWithRegression().snapshot());
        String table = SummaryTable.render(verdict);
        assertThat(table).contains("GET /api/students/{id}").contains("60.0%").contains("$.lastName missing (4)")
                .contains("FAILED parity GET /api/students/{id}").endsWith("verdict: HOLD\n");
    }

    @Test
    void anEndpointWithNothingComparedShowsNoParityRate() {
        var ledger = new dev.shadowparity.comparators.Ledger();
        ledger.record(PlantedLedger.compared(1, PlantedLedger.STUDENT, java.util.List.of()));
        ledger.record(PlantedLedger.timedOut(2, PlantedLedger.LIST));
        String table = SummaryTable.render(new Gate(GateSetup.of(PlantedLedger.suite(""))).evaluate(ledger.snapshot()));
        assertThat(table.lines().filter(l -> l.startsWith("GET /api/students ")).findFirst()).hasValueSatisfying(row ->
                assertThat(row.split("\\s+")).containsExactly("GET", "/api/students", "1", "0", "-", "-"));
        assertThat(table).contains("FAILED parity GET /api/students: nothing compared of 1");
    }

    @Test
    void missingOrCorruptVerdictsAreInvalid(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> VerdictFiles.read(dir)).isInstanceOf(VerdictFiles.InvalidVerdictException.class)
                .hasMessageContaining("verdict.json: not found");
        Files.writeString(dir.resolve("verdict.json"), "{\n  \"verdict\": \"hold\",\n  oops\n}");
        assertThatThrownBy(() -> VerdictFiles.read(dir)).hasMessageContaining("verdict.json:3:");
        Files.writeString(dir.resolve("verdict.json"), "{\"schemaVersion\":1,\"verdict\":\"maybe\"}");
        assertThatThrownBy(() -> VerdictFiles.read(dir)).hasMessageContaining("'promote' or 'hold'");
    }
}
