package dev.shadowparity.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.Redactor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything a run leaves in its folder, read as files: secrets, reproduction attachments, history. */
class RunOutputsTest {

    private static final Pattern EMBEDDED = Pattern.compile("d\\('([^']+)','([A-Za-z0-9+/=]*)'\\)");

    /** Every output file's text; the single-file report's embedded files are decoded and added, as a browser would. */
    private static Map<Path, String> allText(Path dir) throws Exception {
        Map<Path, String> texts = new java.util.LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                texts.put(f, text);
                Matcher m = EMBEDDED.matcher(text);
                while (m.find()) {
                    texts.put(f.resolve(m.group(1)), new String(Base64.getDecoder().decode(m.group(2)), StandardCharsets.UTF_8));
                }
            }
        }
        return texts;
    }

    @Test
    void noPlantedSecretReachesAnyOutputFileOrEmbeddedReportFile(@TempDir Path dir) throws Exception {
        RunReport.Written w = PlantedRun.write(dir, PlantedRun.suite(), System.currentTimeMillis());
        assertThat(w.htmlError()).isNull();
        Map<Path, String> texts = allText(dir);
        assertThat(texts.keySet()).as("embedded attachments were decoded too")
                .anyMatch(p -> p.toString().contains("index.html/data/attachments/"));
        assertThat(texts.values()).as("the planted values did reach the outputs, redacted")
                .anyMatch(t -> t.contains("Authorization: " + Redactor.mask("Bearer planted-bearer")));
        for (Map.Entry<Path, String> e : texts.entrySet()) {
            for (String secret : PlantedRun.SECRETS) {
                assertThat(e.getValue()).as(e.getKey() + " must not contain " + secret).doesNotContain(secret);
            }
        }
    }

    @Test
    void theFailedEndpointCarriesASampleTheRawExchangeAndCurlForBothBackends(@TempDir Path dir) throws Exception {
        PlantedRun.write(dir, PlantedRun.suite(), System.currentTimeMillis());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode failed = null;
        try (Stream<Path> files = Files.list(dir.resolve("allure-results"))) {
            for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                JsonNode r = mapper.readTree(f.toFile());
                if (r.path("name").asText().equals("GET /api/students/{id}")) {
                    failed = r;
                }
            }
        }
        assertThat(failed).isNotNull();
        List<String> names = new ArrayList<>();
        failed.path("attachments").forEach(a -> names.add(a.path("name").asText()));
        assertThat(names).containsExactly("differences (side by side)", "request (redacted)", "primary response",
                "candidate response", "curl: primary", "curl: candidate", "exchange 1 ($.lastName, $.familyName)");
        String curl = Files.readString(dir.resolve("allure-results").resolve(failed.path("attachments").get(5).path("source").asText()));
        assertThat(curl).startsWith("# redacted, supply your own: Authorization, Cookie, query parameters\n")
                .contains("curl -sS -i 'http://127.0.0.1:2/api/students/1?api_key=" + Redactor.mask("planted-query-key") + "'")
                .contains("-H 'Accept: application/json'");
        String diff = Files.readString(dir.resolve("allure-results").resolve(failed.path("attachments").get(0).path("source").asText()));
        assertThat(diff).contains("Sample exchange 1: GET /api/students/1")
                .contains("<span class=\"regression-value\">&quot;Hopper&quot;</span>");
        assertThat(Files.readString(dir.resolve("allure-results/environment.properties")))
                .startsWith("suite=school\nprimary=http://127.0.0.1:1\ncandidate=http://127.0.0.1:2\n");
    }

    @Test
    void historyIsCarriedAcrossTwoConsecutiveRunsOfTheSameSuite(@TempDir Path dir) throws Exception {
        RunReport.Written first = PlantedRun.write(dir.resolve("run-1"), PlantedRun.suite(), System.currentTimeMillis());
        assertThat(first.historyFrom()).isNull();
        Path firstTrend = dir.resolve("run-1/allure-report/history/history-trend.json");
        assertThat(new ObjectMapper().readTree(firstTrend.toFile())).hasSize(1);
        // Runs are ordered by their verdict's time; make the first one clearly older than the second.
        Files.setLastModifiedTime(dir.resolve("run-1/verdict.json"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        RunReport.Written second = PlantedRun.write(dir.resolve("run-2"), PlantedRun.suite(), System.currentTimeMillis());
        assertThat(second.historyFrom()).isEqualTo(dir.resolve("run-1").toAbsolutePath());
        assertThat(dir.resolve("run-2/allure-results/history/history.json")).isRegularFile();
        JsonNode trend = new ObjectMapper().readTree(dir.resolve("run-2/allure-report/history/history-trend.json").toFile());
        assertThat(trend).as("one trend point per run").hasSize(2);
        assertThat(trend.get(0).path("data").path("failed").asInt()).isEqualTo(1);
    }

    @Test
    void anotherSuitesRunIsNotItsHistory(@TempDir Path dir) throws Exception {
        PlantedRun.write(dir.resolve("run-1"), PlantedRun.suite(), System.currentTimeMillis());
        Files.setLastModifiedTime(dir.resolve("run-1/verdict.json"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(RunHistory.previous(dir.resolve("run-2"), "another-suite")).isEmpty();
        assertThat(RunHistory.previous(dir.resolve("run-2"), "school")).contains(dir.resolve("run-1").toAbsolutePath());
    }
}
