package dev.shadowparity.junit5;

import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.contract.ContractCheck;
import dev.shadowparity.contract.ContractRoutes;
import dev.shadowparity.contract.OpenApiContract;
import dev.shadowparity.core.Difference;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogWriter;
import dev.shadowparity.gate.Gate;
import dev.shadowparity.gate.GateSetup;
import dev.shadowparity.gate.RunEnvironment;
import dev.shadowparity.gate.Verdict;
import dev.shadowparity.reports.RunReport;
import dev.shadowparity.core.ExchangeSink;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.Backends;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.scenarios.ReplayEngine;
import dev.shadowparity.scenarios.ReplayRequest;
import dev.shadowparity.scenarios.ReplaySetup;
import dev.shadowparity.scenarios.TrafficReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Parity checks inside a JUnit 5 test class: each call sends one request to the primary (old) and the candidate
 * (new) backend at once, compares the answers by the suite's rules, and fails the test with the regressions (endpoint,
 * path, kind and both values); noise never fails it. The URLs may come from the test's own WireMock servers or
 * Testcontainers containers, as suppliers read when the class starts.
 *
 * <pre>{@code
 * @RegisterExtension
 * static Parity parity = Parity.between(() -> legacy.baseUrl(), () -> rewrite.baseUrl()).suite("parity.yaml");
 *
 * @Test
 * void aStudentReadsTheSame() {
 *     parity.get("/api/students/7");
 * }
 * }</pre>
 *
 * With allure-junit5 on the test class path, an exchange with a regression also attaches to the test's Allure result
 * what the run report attaches to a failed endpoint: the side-by-side differences, the raw request and responses, a
 * curl command per backend and the redacted log line.
 *
 * The suite (a file path, or a class path resource) gives routes, rules, noise and redaction exactly as for the
 * command line; its {@code backends} may be left out, and where given, the URLs here replace theirs and keep their
 * other settings (headers, TLS, protocol).
 */
public final class Parity implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<String> primaryUrl;
    private final Supplier<String> candidateUrl;
    private Supplier<String> secondaryUrl;
    private String suiteName;
    private Duration timeout = Duration.ofSeconds(10);
    private SuiteConfig suite;
    private ReplayEngine engine;
    private ExchangeComparator comparator;
    /** The suite's OpenAPI contract, each answer held to it after the comparison; {@code null} without one. */
    private ContractCheck contract;
    private Redactor redactor;
    private final Comparing comparing = new Comparing();
    private Path runFolder;
    /** With a run folder: every exchange of the class, counted as a run counts them, and logged. */
    private Ledger ledger;
    private ExchangeLogWriter log;
    private long startMillis;

    private Parity(Supplier<String> primaryUrl, Supplier<String> candidateUrl) {
        this.primaryUrl = primaryUrl;
        this.candidateUrl = candidateUrl;
    }

    /** Between the backend at {@code primaryUrl} (old) and the one at {@code candidateUrl} (new). */
    public static Parity between(String primaryUrl, String candidateUrl) {
        return new Parity(() -> primaryUrl, () -> candidateUrl);
    }

    /** As {@link #between(String, String)}, the URLs read when the test class starts (servers started in its setup). */
    public static Parity between(Supplier<String> primaryUrl, Supplier<String> candidateUrl) {
        return new Parity(primaryUrl, candidateUrl);
    }

    /** A second instance of the old backend, so that what differs between the two is told apart as noise. */
    public Parity secondary(Supplier<String> url) {
        this.secondaryUrl = url;
        return this;
    }

    /** The suite's rules: a {@code parity.yaml} path, or a class path resource of that name. */
    public Parity suite(String pathOrResource) {
        this.suiteName = pathOrResource;
        return this;
    }

    /**
     * Also writes a run folder for the test class into {@code dir} when it ends, as {@code parity replay} would for the
     * same exchanges: {@code exchanges.jsonl}, {@code verdict.json} judged by the suite's gate, {@code junit.xml} and the
     * Allure results and report. A test failing on a regression and the class's verdict holding agree by construction.
     */
    public Parity runFolder(Path dir) {
        this.runFolder = dir;
        return this;
    }

    /** How long each backend has to answer (default 10 s). */
    public Parity timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String primary = primaryUrl.get();
        String candidate = candidateUrl.get();
        SuiteConfig read = readSuite(primary, candidate);
        BackendConfig p = read.backends().primary().runningAt(BackendConfig.of(primary).url());
        BackendConfig c = read.backends().candidate().runningAt(BackendConfig.of(candidate).url());
        BackendConfig s = secondaryUrl == null ? read.backends().secondary()
                : (read.backends().secondary() != null ? read.backends().secondary() : BackendConfig.of(secondaryUrl.get()))
                        .runningAt(BackendConfig.of(secondaryUrl.get()).url());
        suite = ContractRoutes.applied(read.withBackends(new Backends(p, s, c)));
        RouteTable<RouteConfig> routes = RouteTable.of(suite.routes());
        comparator = new ExchangeComparator(routes, suite.noise(), suite.maxDecodedBody(), ExchangeComparator.protoset(suite));
        contract = suite.openapi() == null ? null : new ContractCheck(OpenApiContract.load(suite.openapi()));
        redactor = new Redactor(suite.redact());
        engine = new ReplayEngine(ReplaySetup.of(suite, routes), comparing, timeout);
        if (runFolder != null) {
            startMillis = System.currentTimeMillis();
            ledger = new Ledger(suite.noise(), redactor);
            log = new ExchangeLogWriter(runFolder.resolve(RunReport.EXCHANGES),
                    new ExchangeJson(redactor, suite.exchangeLog().allBodies()), 10_000, suite.exchangeLog());
        }
    }

    private SuiteConfig readSuite(String primary, String candidate) {
        ConfigLoader loader = new ConfigLoader();
        if (suiteName == null) {
            return loader.parse("suite: junit5\n", "the Parity extension", Path.of("").toAbsolutePath(), primary, candidate);
        }
        Path file = Path.of(suiteName);
        if (Files.isRegularFile(file)) {
            return loader.load(file, primary, candidate);
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(suiteName)) {
            if (in == null) {
                throw new ParityException("the parity suite " + suiteName + " is neither a file nor a class path resource");
            }
            return loader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), suiteName, Path.of("").toAbsolutePath(),
                    primary, candidate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (engine != null) {
            engine.close();
        }
        if (ledger != null) {
            log.close();
            Gate gate = new Gate(GateSetup.of(suite));
            Verdict verdict;
            try {
                verdict = gate.evaluate(ledger.snapshot(), RunEnvironment.of(suite));
            } catch (Gate.InvalidRunException nothingCompared) {
                verdict = gate.invalid(ledger.snapshot(), nothingCompared.getMessage(), RunEnvironment.of(suite));
            }
            RunReport.write(runFolder, verdict, startMillis);
        }
    }

    /** {@code GET path} (with a query, if any) to both; fails on a regression. {@code headers}: name, value, name, value. */
    public Comparison get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** {@code POST path} with a JSON {@code body} (unless the headers name another Content-Type); fails on a regression. */
    public Comparison post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** Any method; fails the test on a regression, or when the exchange could not be compared (with the reason). */
    public Comparison send(String method, String path, String body, String... headers) {
        Comparison c = compare(List.of(request(method, path, body, headers))).get(0);
        failOn(List.of(c));
        return c;
    }

    /** Every request of a recorded traffic file (JSONL, HAR or exchanges.jsonl), in order; fails once, naming all. */
    public List<Comparison> replay(Path traffic) {
        TrafficReader.Traffic t = TrafficReader.read(traffic, TrafficReader.detect(traffic), true);
        List<Comparison> all = compare(t.requests());
        failOn(all);
        return all;
    }

    private ReplayRequest request(String method, String path, String body, String... headers) {
        if (engine == null) {
            throw new IllegalStateException("Parity is not started: register it with @RegisterExtension on a static field");
        }
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come as name, value pairs; got " + headers.length + " strings");
        }
        Headers.Builder h = Headers.builder();
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            h.add("Content-Type", "application/json");
        }
        return new ReplayRequest(method, path, h.build(), body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                "test", null);
    }

    private List<Comparison> compare(List<ReplayRequest> requests) {
        comparing.results.clear();
        try {
            engine.run(requests, 1, 0, true, (done, withRegression) -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<Comparison> out = new ArrayList<>();
        for (ExchangeResult r : comparing.results) {
            if (r.hasRegression() && AllureAttachments.available()) {
                // what would fail the test, shown in its Allure result as the run report shows a failed endpoint
                AllureAttachments.attach(suite.suite(), r, redactor, Map.of("primary", shown(suite.backends().primary().url()),
                        "candidate", shown(suite.backends().candidate().url())));
            }
            List<Difference> shown = r.differences().stream().map(d -> new Difference(d.endpoint(), d.path(), d.kind(),
                    d.primary() == null ? null : redactor.valueAt(d.path(), d.primary()),
                    d.candidate() == null ? null : redactor.valueAt(d.path(), d.candidate()), d.noiseReason())).toList();
            out.add(new Comparison(r.exchange().endpoint().toString(), r.outcome().label(),
                    r.reason() == null ? null : redactor.text(r.reason()), shown));
        }
        return out;
    }


    /** A backend's URL as an attachment may show it: without user-info, which can hold a password. */
    private static String shown(java.net.URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Compares each exchange as it is recorded, in the caller's order (the replay runs one at a time). */
    private final class Comparing implements ExchangeSink {
        final List<ExchangeResult> results = new CopyOnWriteArrayList<>();

        @Override
        public void submit(dev.shadowparity.core.Exchange x, java.util.function.Consumer<ExchangeResult> recorded) {
            ExchangeResult compared = comparator.compare(x);
            ExchangeResult r = contract == null ? compared : contract.check(compared);
            results.add(r);
            if (ledger != null) {
                ledger.record(r);
                log.write(r);
            }
            recorded.accept(r);
        }
    }

    private static void failOn(List<Comparison> all) {
        StringBuilder why = new StringBuilder();
        for (Comparison c : all) {
            if (!"compared".equals(c.outcome())) {
                why.append("\n  ").append(c.endpoint()).append(": not compared, ").append(c.outcome()).append(": ").append(c.reason());
            } else if (!c.regressions().isEmpty()) {
                why.append("\n  ").append(c.endpoint()).append(": ").append(c.regressions().size())
                        .append(c.regressions().size() == 1 ? " regression" : " regressions");
                for (Difference d : c.regressions()) {
                    why.append("\n    ").append(d.path()).append("  ").append(d.kind().label())
                            .append("  primary ").append(d.primary() == null ? "(none)" : d.primary())
                            .append("  candidate ").append(d.candidate() == null ? "(none)" : d.candidate());
                }
            }
        }
        if (!why.isEmpty()) {
            throw new AssertionFailedError("parity:" + why);
        }
    }
}
