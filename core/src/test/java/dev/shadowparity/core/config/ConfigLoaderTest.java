package dev.shadowparity.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("NEW_TOKEN", "s3cret")::get);

    private static final String FULL = """
            suite: students-api-rewrite
            backends:
              primary:   { url: http://127.0.0.1:8081 }
              secondary: { url: http://127.0.0.1:8082 }
              candidate: { url: http://127.0.0.1:9081/v2, headers: { Authorization: "Bearer ${NEW_TOKEN}" } }
            proxy:
              listen: 127.0.0.1:8080
              mirror: { percent: 10, timeout: 250ms, maxInFlight: 50 }
            routes:
              - route: POST /api/auth/login
                mirrorWrites: true
                ignore: [$.token, $.expiresAt]
              - route: GET /api/students/{id}
                arrays: { "$.courses": { by: id } }
              - route: POST /api/ml/encode-face
                kind: ml
                vectors: { "$.embedding": { cosineAtLeast: 0.999 } }
            noise: { ignoreHeaders: [Date, Server], relativeThreshold: 20, absoluteThreshold: 0.03 }
            gate: { minParity: 0.99 }
            """;

    @Test
    void loadsTheDesignSketchWithVariablesAndDefaults() {
        SuiteConfig c = loader.parse(FULL, "parity.yaml");
        assertThat(c.suite()).isEqualTo("students-api-rewrite");
        assertThat(c.backends().candidate().headers()).containsEntry("Authorization", "Bearer s3cret");
        assertThat(c.backends().candidate().url().getPath()).isEqualTo("/v2");
        assertThat(c.backends().secondary().port()).isEqualTo(8082);
        assertThat(c.proxy().mirror().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.proxy().mirror().percent()).isEqualTo(10.0);
        assertThat(c.proxy().admin()).isEqualTo(HostPort.parse("127.0.0.1:9901"));
        assertThat(c.routes()).hasSize(3);
        assertThat(c.routes().get(0).mirrorWrites()).isTrue();
        assertThat(c.routes().get(1).mirrorWrites()).isFalse();
        assertThat(c.routes().get(1).arrays().get("$.courses").by()).isEqualTo("id");
        assertThat(c.routes().get(2).vectors().get("$.embedding").cosineAtLeast()).isEqualTo(0.999);
        assertThat(c.gate().minParity()).isEqualTo(0.99);
        assertThat(c.budgets().candidateP95Ratio()).isEqualTo(1.10);
        assertThat(c.redact().headers()).contains("Authorization", "Cookie", "Set-Cookie");
        assertThat(c.exchangeLog().allBodies()).isFalse();
        assertThat(c.proxy().primaryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.proxy().preserveHost()).isFalse();
        assertThat(c.proxy().mirror().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(loader.parse(FULL.replace("listen: 127.0.0.1:8080", "listen: 127.0.0.1:8080\n  primaryTimeout: 1m\n  idleTimeout: 90s"), "p")
                .proxy().primaryTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(loader.parse(FULL + "exchangeLog: { bodies: all }\n", "p").exchangeLog().allBodies()).isTrue();
        assertThatThrownBy(() -> loader.parse(FULL + "exchangeLog: { bodies: some }\n", "p.yaml"))
                .hasMessageContaining("p.yaml:20:").hasMessageContaining("'differing' or 'all'");
        assertThat(c.exchangeLog().maxSize().bytes()).isEqualTo(1L << 30);
        assertThat(loader.parse(FULL + "exchangeLog: { maxSize: 64MiB, keep: 2 }\n", "p").exchangeLog().keep()).isEqualTo(2);
        assertThatThrownBy(() -> loader.parse(FULL + "exchangeLog: { maxSize: 12 }\n", "p.yaml"))
                .hasMessageContaining("p.yaml:20:").hasMessageContaining("at least 1KiB");
    }

    @Test
    void unknownKeyNamesFileLineKeyAndTheKnownKeys() {
        String text = FULL.replace("mirror: { percent: 10,", "mirror: { percnet: 10,");
        assertThatThrownBy(() -> loader.parse(text, "parity.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("parity.yaml:8:")
                .hasMessageContaining("proxy.mirror.percnet")
                .hasMessageContaining("unknown key 'percnet'")
                .hasMessageContaining("percent");
    }

    @Test
    void badUrlNamesLineAndKey() {
        String text = FULL.replace("url: http://127.0.0.1:8082", "url: ftp://127.0.0.1:8082");
        assertThatThrownBy(() -> loader.parse(text, "parity.yaml"))
                .hasMessageStartingWith("parity.yaml:4:")
                .hasMessageContaining("backends.secondary.url")
                .hasMessageContaining("only http:// and https:// URLs");
    }

    @Test
    void aBareHostAndPortMeansHttp() {
        assertThat(BackendConfig.of("127.0.0.1:18081").url()).hasToString("http://127.0.0.1:18081");
        assertThat(BackendConfig.of("https://x").port()).isEqualTo(443);
        assertThat(BackendConfig.of("https://x").isHttps()).isTrue();
        assertThatThrownBy(() -> BackendConfig.of("ws://x:1")).hasMessageContaining("only http:// and https:// URLs");
        assertThatThrownBy(() -> BackendConfig.of("nope")).hasMessageContaining("(or HOST:PORT)");
        assertThatThrownBy(() -> BackendConfig.of("http://x:1/?q=1")).hasMessageContaining("no query");
    }

    @Test
    void sizesAreReadInBinaryUnitsAndCheckedAgainstEachOther() {
        SuiteConfig c = loader.parse(FULL.replace("listen: 127.0.0.1:8080", "listen: 127.0.0.1:8080\n  captureLimit: 512KiB\n  maxBodySize: 2097152"), "p");
        assertThat(c.proxy().captureLimit().bytes()).isEqualTo(512 * 1024);
        assertThat(c.proxy().maxBodySize()).hasToString("2MiB");
        assertThat(loader.parse(FULL, "p").proxy().captureLimit()).isEqualTo(ByteSize.mib(10));
        assertThatThrownBy(() -> loader.parse(FULL.replace("listen: 127.0.0.1:8080", "listen: 127.0.0.1:8080\n  captureLimit: 1GiB"), "p.yaml"))
                .hasMessageContaining("p.yaml:").hasMessageContaining("captureLimit (1024MiB) cannot exceed maxBodySize (64MiB)");
        assertThatThrownBy(() -> loader.parse(FULL.replace("listen: 127.0.0.1:8080", "listen: 127.0.0.1:8080\n  captureLimit: lots"), "p.yaml"))
                .hasMessageContaining("proxy.captureLimit").hasMessageContaining("10MiB");
    }

    @Test
    void wrongTypeNamesTheExpectedType() {
        String text = FULL.replace("maxInFlight: 50", "maxInFlight: lots");
        assertThatThrownBy(() -> loader.parse(text, "parity.yaml"))
                .hasMessageStartingWith("parity.yaml:8:")
                .hasMessageContaining("proxy.mirror.maxInFlight");
    }

    @Test
    void badDurationSaysWhatIsExpected() {
        String text = FULL.replace("timeout: 250ms", "timeout: soon");
        assertThatThrownBy(() -> loader.parse(text, "parity.yaml"))
                .hasMessageContaining("proxy.mirror.timeout")
                .hasMessageContaining("250ms, 2s, 1m or 1h");
    }

    @Test
    void outOfRangeValuesAreExplained() {
        String text = FULL.replace("percent: 10", "percent: 150");
        assertThatThrownBy(() -> loader.parse(text, "parity.yaml"))
                .hasMessageStartingWith("parity.yaml:8:")
                .hasMessageContaining("percent must be within 0-100");
    }

    @Test
    void imageBackendsQueryRenamesAndRouteBudgetsAreReadAndCheckedWhereTheyAre() {
        String text = """
                backends:
                  primary:
                    image: myorg/api:1.9
                    port: 18081
                    env: { PORT: "18081" }
                    command: [/app/run, --fast]
                    ready: /health
                    mounts: { /usr: /usr }
                  candidate: { url: http://127.0.0.1:9081, renameQuery: { userId: user_id } }
                routes:
                  - route: POST /api/ml/encode
                    kind: ml
                    budgets: { mlMinRps: 50, p95Ms: 400 }
                budgets: { p95Ms: 200, mlMinRpsRatio: 0.9 }
                """;
        SuiteConfig c = loader.parse(text, "p.yaml");
        BackendConfig primary = c.backends().primary();
        assertThat(primary.isContainer()).isTrue();
        assertThat(primary.url()).isNull();
        assertThat(primary.containerPort()).isEqualTo(18081);
        assertThat(primary.command()).containsExactly("/app/run", "--fast");
        assertThat(primary.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(primary.runningAt(java.net.URI.create("http://127.0.0.1:18081")).isContainer()).isFalse();
        assertThat(c.backends().candidate().rewrite("/posts?userId=1&userIdx=2&x")).isEqualTo("/posts?user_id=1&userIdx=2&x");
        assertThat(c.backends().candidate().rewrite("/posts")).isEqualTo("/posts");
        Budgets route = c.routes().get(0).budgets().over(c.budgets());
        assertThat(route.p95Ms()).isEqualTo(400);
        assertThat(route.mlMinRps()).isEqualTo(50);
        assertThat(route.mlMinRpsRatio()).isEqualTo(0.9);
        assertThat(route.candidateP95Ratio()).isEqualTo(1.10);

        assertThatThrownBy(() -> loader.parse(text.replace("    port: 18081\n", ""), "p.yaml"))
                .hasMessageStartingWith("p.yaml:").hasMessageContaining("backends.primary: an 'image' backend needs 'port'");
        assertThatThrownBy(() -> loader.parse(text.replace("image: myorg/api:1.9", "url: http://127.0.0.1:1"), "p.yaml"))
                .hasMessageStartingWith("p.yaml:").hasMessageContaining("backends.primary: 'port', 'env'");
        assertThatThrownBy(() -> loader.parse(text.replace("mlMinRps: 50", "mlMinRps: 0"), "p.yaml"))
                .hasMessageStartingWith("p.yaml:13:").hasMessageContaining("routes[0].budgets: mlMinRps must be above 0");
        assertThatThrownBy(() -> loader.parse("backends:\n  primary: { headers: {} }\n  candidate: { url: http://x:1 }\n", "p.yaml"))
                .hasMessageStartingWith("p.yaml:2:").hasMessageContaining("backends.primary: a backend needs 'url' (a running backend) or 'image'");
    }

    @Test
    void missingRequiredKeyIsNamed() {
        String text = "backends:\n  primary: { url: http://127.0.0.1:1 }\n";
        assertThatThrownBy(() -> loader.parse(text, "p.yaml"))
                .hasMessageContaining("backends")
                .hasMessageContaining("required key 'candidate' is missing");
    }

    @Test
    void undefinedVariableNamesItsLine() {
        String text = FULL.replace("${NEW_TOKEN}", "${NOT_SET_ANYWHERE}");
        assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(text, "parity.yaml"))
                .hasMessageStartingWith("parity.yaml:5:")
                .hasMessageContaining("NOT_SET_ANYWHERE is not set");
        assertThat(new ConfigLoader(k -> null).parse(text.replace("${NOT_SET_ANYWHERE}", "${X:-fallback}"), "p")
                .backends().candidate().headers()).containsEntry("Authorization", "Bearer fallback");
    }

    @Test
    void brokenYamlAndMissingFilesAreClear(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> loader.parse("suite: \"unterminated\nbackends: {}\n", "bad.yaml"))
                .hasMessageStartingWith("bad.yaml:")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml")))
                .hasMessageEndingWith("nope.yaml: file not found");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing\n");
        assertThatThrownBy(() -> loader.load(empty)).hasMessageContaining("empty");
    }

    @Test
    void withBothBackendFlagsTheFileMayLeaveOutBackendsAndKeepsItsLineNumbers(@TempDir Path dir) throws Exception {
        Path rulesOnly = Files.writeString(dir.resolve("rules.yaml"),
                "proxy:\n  mirror: { maxInFlight: 5000 }\nroutes:\n  - route: GET /api/items/{id}\n");
        SuiteConfig suite = loader.load(rulesOnly, "http://127.0.0.1:18081", "http://127.0.0.1:18082");
        assertThat(suite.proxy().mirror().maxInFlight()).isEqualTo(5000);
        assertThat(suite.backends().candidate().url().toString()).isEqualTo("http://127.0.0.1:18082");
        assertThatThrownBy(() -> loader.load(rulesOnly)).hasMessageContaining("'backends'");

        Path typo = Files.writeString(dir.resolve("typo.yaml"), "proxy:\n  mirror: { maxInFlite: 5 }\n");
        assertThatThrownBy(() -> loader.load(typo, "http://127.0.0.1:1", "http://127.0.0.1:2"))
                .hasMessageStartingWith(typo + ":2:").hasMessageContaining("maxInFlite");

        // A file that names its backends keeps them as written; the flags are applied over them by the caller.
        Path named = Files.writeString(dir.resolve("named.yaml"),
                "backends:\n  primary: { url: \"http://10.0.0.1\" }\n  candidate: { url: \"http://10.0.0.2\" }\n");
        assertThat(loader.load(named, "http://127.0.0.1:1", "http://127.0.0.1:2").backends().primary().url().toString())
                .isEqualTo("http://10.0.0.1");
    }
}
