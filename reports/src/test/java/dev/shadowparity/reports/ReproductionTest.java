package dev.shadowparity.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReproductionTest {

    @Test
    void curlQuotesForTheShellAndLeavesOutWhatCurlSetsItself() {
        RecordedRequest r = new RecordedRequest("POST", "/api/notes?q=it's", Headers.of("Host", "proxy:8080",
                "Content-Length", "27", "Content-Type", "application/json", "X-Note", "Ada's"),
                "{\"text\":\"it's $HOME `id`\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(Curl.command("http://10.0.0.5:8080/", r)).isEqualTo("""
                curl -sS -i -X POST 'http://10.0.0.5:8080/api/notes?q=it'\\''s' \\
                  -H 'Content-Type: application/json' \\
                  -H 'X-Note: Ada'\\''s' \\
                  --data-binary '{"text":"it'\\''s $HOME `id`"}'
                """);
    }

    @Test
    void aBinaryBodyIsNotPastedIntoTheShell() {
        RecordedRequest r = new RecordedRequest("PUT", "/img", Headers.of("Content-Type", "image/png"), new byte[] {(byte) 0x89, 'P', 0, 1});
        assertThat(Curl.command("http://h", r)).startsWith("# redacted, supply your own: the binary body (4 bytes")
                .contains("--data-binary @request-body.bin");
    }

    @Test
    void ciBuildInformationComesFromTheStandardVariables() {
        Map<String, String> github = Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/api", "GITHUB_WORKFLOW", "parity", "GITHUB_RUN_NUMBER", "42",
                "GITHUB_RUN_ID", "9001");
        var executor = CiExecutor.detect(github::get);
        assertThat(executor.path("type").asText()).isEqualTo("github");
        assertThat(executor.path("buildName").asText()).isEqualTo("parity #42");
        assertThat(executor.path("buildUrl").asText()).isEqualTo("https://github.com/acme/api/actions/runs/9001");
        assertThat(executor.path("buildOrder").asLong()).isEqualTo(42);
        Map<String, String> jenkins = Map.of("JENKINS_URL", "https://ci.acme/", "JOB_NAME", "api-parity",
                "BUILD_NUMBER", "7", "BUILD_URL", "https://ci.acme/job/api-parity/7/");
        assertThat(CiExecutor.detect(jenkins::get).path("buildOrder").asLong()).isEqualTo(7);
        assertThat(CiExecutor.detect(k -> null)).as("no CI: no executor.json").isNull();
    }
}
