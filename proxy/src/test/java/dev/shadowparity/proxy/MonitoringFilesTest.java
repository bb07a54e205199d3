package dev.shadowparity.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.RawServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules under {@code deploy/} query only what a running proxy exports:
 * every metric name they name (histograms by their series) and every label they select or group by is in a real
 * scrape of {@code /metrics}, JVM and process metrics included.
 */
class MonitoringFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern METRIC = Pattern.compile("\\b((?:parity|jvm|process)_[a-z_]+)\\b(\\{[^}]*})?");
    private static final Pattern SELECTOR_LABEL = Pattern.compile("([a-z_]+)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    /** Each query of the dashboard and the alert rules, with where it came from. */
    private static Map<String, String> queries() throws Exception {
        Map<String, String> queries = new HashMap<>();
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/shadow-parity.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(DEPLOY.resolve("prometheus/alerts.yaml").toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queries.put("alert " + rule.path("alert").asText(), rule.path("expr").asText());
            }
        }
        return queries;
    }

    /** Metric name to the label names its series carry, from one scrape. */
    private static Map<String, Set<String>> exported(String scrape) {
        Map<String, Set<String>> names = new HashMap<>();
        Pattern series = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? ");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        for (String line : scrape.split("\n")) {
            Matcher m = series.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Set<String> labels = names.computeIfAbsent(m.group(1), k -> new HashSet<>());
            if (m.group(3) != null) {
                Matcher l = label.matcher(m.group(3));
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void everyQueryOfTheDashboardAndTheAlertsNamesWhatTheProxyExports() throws Exception {
        try (RawServer primary = new RawServer(HostileClientsTest.OK, true);
             RawServer candidate = new RawServer(HostileClientsTest.OK.replace("11\r\n\r\n{\"ok\":true}", "12\r\n\r\n{\"ok\":false}"),
                     true)) {
            SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                    backends:
                      primary: { url: "%s" }
                      candidate: { url: "%s" }
                    proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, captureLimit: 1KiB }
                    """.formatted(primary.url(), candidate.url()), "monitoring.yaml");
            Ledger ledger = new Ledger();
            try (ComparePipeline pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger, null, 1, 100)) {
                ShadowProxy proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, ledger);
                try {
                    HttpClient http = HttpClient.newHttpClient();
                    // One exchange that differs, one not compared (a body over the capture limit): every series exists.
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.address().getPort() + "/api/x")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.address().getPort() + "/api/x"))
                            .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(2048))).build(), HttpResponse.BodyHandlers.ofString());
                    await().atMost(Duration.ofSeconds(5)).until(() -> ledger.exchanges() == 2);
                    String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.adminAddress().getPort()
                            + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                    Map<String, Set<String>> exported = exported(scrape);
                    assertThat(exported).containsKeys("jvm_memory_used_bytes", "process_resident_memory_bytes",
                            "process_cpu_seconds_total", "parity_requests_total", "parity_backend_latency_seconds_bucket");

                    Map<String, String> queries = queries();
                    assertThat(queries).hasSizeGreaterThan(15);
                    List<String> problems = new ArrayList<>();
                    queries.forEach((where, expr) -> {
                        Set<String> grouped = new HashSet<>();
                        Matcher g = GROUPING.matcher(expr);
                        while (g.find()) {
                            for (String l : g.group(1).split(",")) {
                                grouped.add(l.trim());
                            }
                        }
                        Set<String> labelsOfQuery = new HashSet<>();
                        Matcher m = METRIC.matcher(expr);
                        boolean any = false;
                        while (m.find()) {
                            any = true;
                            Set<String> labels = exported.get(m.group(1));
                            if (labels == null) {
                                problems.add(where + ": " + m.group(1) + " is not exported");
                                continue;
                            }
                            labelsOfQuery.addAll(labels);
                            if (m.group(2) != null) {
                                Matcher s = SELECTOR_LABEL.matcher(m.group(2));
                                while (s.find()) {
                                    if (!labels.contains(s.group(1))) {
                                        problems.add(where + ": " + m.group(1) + " has no label " + s.group(1));
                                    }
                                }
                            }
                        }
                        if (!any) {
                            problems.add(where + ": names no metric of the proxy");
                        }
                        grouped.remove("");
                        grouped.removeAll(labelsOfQuery);
                        if (!grouped.isEmpty()) {
                            problems.add(where + ": groups by " + grouped + ", which no metric of it carries");
                        }
                    });
                    assertThat(problems).isEmpty();
                } finally {
                    proxy.close();
                }
            }
        }
    }
}
