package dev.shadowparity.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A real migration as WireMock servers: a school platform's legacy backend (twice, as primary and as the
 * secondary used for noise detection) and its rewrite. Same API; the rewrite carries the differences such
 * migrations really show:
 * <ul>
 *   <li>a regression: {@code GET /api/students/{id}} renamed {@code lastName} to {@code familyName};</li>
 *   <li>float drift inside tolerance: the face embedding, match confidences and face distances;</li>
 *   <li>a decision regression: one face distance drifts inside its tolerance but across the 0.50 threshold, so a
 *       confident match turns uncertain ({@code POST /api/ml/batch-match});</li>
 *   <li>a harmless reordering of a student's courses (the suite declares them matched by id);</li>
 *   <li>ranked search results that move: for one query two results swap ranks, for another the fifth is replaced
 *       ({@code POST /api/search}, judged as rankings: Jaccard@5, Kendall tau, same first result);</li>
 *   <li>generated text reworded: the assistant's answers say the same in other words, numbers written another way
 *       ({@code POST /api/assistant/ask}, judged by ROUGE-L, numbers within their tolerance, JSON inside the text as
 *       JSON);</li>
 *   <li>noise on every backend: login tokens, expiry and record timestamps, generated ids.</li>
 * </ul>
 */
public final class StudentsMigration implements AutoCloseable {

    static final int STUDENTS = 20;
    static final int EMBEDDING_SIZE = 128;

    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret",
            "Ken", "Frances", "John", "Radia", "Tim", "Hedy", "Dennis", "Katherine", "Niklaus", "Sophie", "Linus",
            "Joan", "Guido"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth",
            "Hamilton", "Thompson", "Allen", "McCarthy", "Perlman", "Berners-Lee", "Lamarr", "Ritchie", "Johnson",
            "Wirth", "Wilson", "Torvalds", "Clarke", "van Rossum"};
    private static final String[] COURSES = {"Algebra", "Biology", "Chemistry", "Databases", "English", "French"};

    private final WireMockServer legacy;
    private final WireMockServer legacySecondary;
    private final WireMockServer rewrite;

    private StudentsMigration(WireMockServer legacy, WireMockServer legacySecondary, WireMockServer rewrite) {
        this.legacy = legacy;
        this.legacySecondary = legacySecondary;
        this.rewrite = rewrite;
    }

    /** Starts the three backends on free loopback ports. */
    public static StudentsMigration start() {
        WireMockServer legacy = server();
        WireMockServer secondary = server();
        WireMockServer rewrite = server();
        try {
            stub(legacy, false);
            stub(secondary, false);
            stub(rewrite, true);
        } catch (RuntimeException e) {
            legacy.stop();
            secondary.stop();
            rewrite.stop();
            throw e;
        }
        return new StudentsMigration(legacy, secondary, rewrite);
    }

    private static WireMockServer server() {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .globalTemplating(true).notifier(new ConsoleNotifier(false)).containerThreads(16)
                // WireMock keeps every request it served; a load run sends hundreds of thousands.
                .maxRequestJournalEntries(1000));
        s.start();
        return s;
    }

    /** Where the demo's suite lives in the jar; its backend URLs are the variables of {@link #suite()}. */
    public static final String SUITE_RESOURCE = "/dev/shadowparity/demo/students-migration.yaml";

    /** The demo's suite, pointing at these running backends. */
    public SuiteConfig suite() {
        Map<String, String> vars = Map.of("PRIMARY_URL", legacyUrl(), "SECONDARY_URL", legacySecondaryUrl(),
                "CANDIDATE_URL", rewriteUrl());
        try (InputStream in = StudentsMigration.class.getResourceAsStream(SUITE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SUITE_RESOURCE + " is missing from the jar");
            }
            return new ConfigLoader(vars::get).parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "students-migration.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SUITE_RESOURCE, e);
        }
    }

    public String legacyUrl() {
        return url(legacy);
    }

    public String legacySecondaryUrl() {
        return url(legacySecondary);
    }

    public String rewriteUrl() {
        return url(rewrite);
    }

    /** Loopback by address, not by name: "localhost" may resolve to ::1 where nothing listens. */
    private static String url(WireMockServer s) {
        return "http://127.0.0.1:" + s.port();
    }

    /** Requests each backend received, for tests that check what was (not) mirrored. */
    public int requestsReceivedBy(String role) {
        WireMockServer s = switch (role) {
            case "primary" -> legacy;
            case "secondary" -> legacySecondary;
            case "candidate" -> rewrite;
            default -> throw new IllegalArgumentException("unknown role " + role);
        };
        return s.getAllServeEvents().size();
    }

    private static void stub(WireMockServer s, boolean isRewrite) {
        // Lowest priority: anything unauthenticated is refused, as the real service does.
        s.stubFor(any(anyUrl()).atPriority(10).willReturn(json(401, "{\"error\":\"unauthorized\"}")));

        s.stubFor(post(urlPathEqualTo("/api/auth/login")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.username"))
                .willReturn(json(200, """
                        {"token":"{{randomValue length=40 type='ALPHANUMERIC'}}",\
                        "expiresAt":"{{now offset='1 hours'}}",\
                        "user":{"id":7,"name":"Ada Lovelace","role":"teacher"}}""")
                        .withHeader("Set-Cookie", "session={{randomValue length=24 type='ALPHANUMERIC'}}; HttpOnly")));

        for (int id = 1; id <= STUDENTS; id++) {
            s.stubFor(authorized(get(urlPathEqualTo("/api/students/" + id))).willReturn(json(200, student(id, isRewrite))));
        }
        s.stubFor(authorized(get(urlPathEqualTo("/api/students"))).willReturn(json(200, studentList())));

        s.stubFor(authorized(post(urlPathEqualTo("/api/attendance")))
                .withRequestBody(matchingJsonPath("$.studentId"))
                .willReturn(json(201, """
                        {"id":"{{randomValue type='UUID'}}",\
                        "studentId":{{jsonPath request.body '$.studentId'}},\
                        "status":"{{jsonPath request.body '$.status'}}",\
                        "recordedAt":"{{now}}"}""")));

        s.stubFor(authorized(post(urlPathEqualTo("/api/ml/encode-face")))
                .willReturn(json(200, "{\"model\":\"facenet-128\",\"embedding\":" + embedding(isRewrite) + "}")));
        s.stubFor(authorized(post(urlPathEqualTo("/api/ml/batch-match")))
                .willReturn(json(200, batchMatch(isRewrite))));
        for (int q = 0; q < QUERIES; q++) {
            s.stubFor(authorized(post(urlPathEqualTo("/api/search")))
                    .withRequestBody(matchingJsonPath("$.query", equalTo(query(q))))
                    .willReturn(json(200, searchResults(q, isRewrite))));
        }
        for (int q = 0; q < QUESTIONS.length; q++) {
            String answer = QUESTIONS[q][isRewrite ? 2 : 1];
            s.stubFor(authorized(post(urlPathEqualTo("/api/assistant/ask")))
                    .withRequestBody(matchingJsonPath("$.question", equalTo(QUESTIONS[q][0])))
                    .willReturn(json(200, "{\"answer\":" + jsonString(answer) + ",\"sources\":" + (q + 1) + "}")));
        }
    }

    /** Search queries the driver sends, {@code q0} to {@code q9}. */
    static final int QUERIES = 10;

    static String query(int q) {
        return "algebra homework week " + q;
    }

    /**
     * Five results by descending score. The rewrite's ranker scores each 0.001 higher (inside the suite's 0.01), swaps
     * the second and third result of query 3 and replaces the fifth of query 7 by another document.
     */
    static String searchResults(int q, boolean isRewrite) {
        List<Integer> docs = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            docs.add(101 + (q * 3 + j) % 12);
        }
        if (isRewrite && q == 3) {
            java.util.Collections.swap(docs, 1, 2);
        }
        if (isRewrite && q == 7) {
            docs.set(4, 150);
        }
        StringBuilder sb = new StringBuilder("{\"query\":\"").append(query(q)).append("\",\"results\":[");
        for (int j = 0; j < docs.size(); j++) {
            double score = 0.95 - 0.07 * j - 0.002 * q + (isRewrite ? 0.001 : 0);
            sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"id\":\"doc-%d\",\"score\":%.3f}", docs.get(j), score));
        }
        return sb.append("]}").toString();
    }

    /** The assistant's questions with the legacy's and the rewrite's answers: the same said in other words. */
    static final String[][] QUESTIONS = {
            {"How many courses does Grace Hopper take?",
                    "Grace Hopper takes 3 courses this term: Chemistry, English and Algebra.",
                    "This term Grace Hopper takes 3 courses: Chemistry, English and Algebra."},
            {"What was attendance in grade 10 last week?",
                    "Attendance in grade 10 was 94.5% last week.",
                    "Attendance in grade 10 was 94.50% last week."},
            {"How many students are enrolled?",
                    "There are 20 students enrolled, and 5 of them are in grade 12.",
                    "There are 20 students enrolled; 5 of them are in grade 12."},
            {"When is the next exam?",
                    "The next exam is Biology, on 2026-12-14 at 09:00 in room 4.",
                    "The next exam is Biology on 2026-12-14 at 09:00, in room 4."},
            {"Summarise Ada Lovelace's attendance as JSON.",
                    "{\"student\":\"Ada Lovelace\",\"present\":18,\"absent\":2}",
                    "{\"absent\": 2, \"present\": 18, \"student\": \"Ada Lovelace\"}"},
    };

    private static String jsonString(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MappingBuilder authorized(MappingBuilder m) {
        return m.atPriority(1).withHeader("Authorization", matching("Bearer .+"))
                .withHeader("Accept", equalTo("application/json"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String student(int id, boolean isRewrite) {
        String first = FIRST[(id - 1) % FIRST.length];
        String last = LAST[(id - 1) % LAST.length];
        List<String> courses = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            int course = (id + c * 2) % COURSES.length;
            courses.add("{\"id\":" + (100 + course) + ",\"name\":\"" + COURSES[course] + "\"}");
        }
        if (isRewrite) {
            // The rewrite's ORM returns courses in another order; the suite matches them by id.
            java.util.Collections.reverse(courses);
        }
        String lastNameField = isRewrite ? "familyName" : "lastName";
        return "{\"id\":" + id + ",\"firstName\":\"" + first + "\",\"" + lastNameField + "\":\"" + last + "\","
                + "\"email\":\"" + first.toLowerCase(Locale.ROOT) + "." + id + "@school.example\","
                + "\"grade\":" + (9 + id % 4) + ",\"active\":true,\"courses\":[" + String.join(",", courses) + "]}";
    }

    private static String studentList() {
        StringBuilder items = new StringBuilder();
        for (int id = 1; id <= 10; id++) {
            if (id > 1) {
                items.append(',');
            }
            items.append("{\"id\":").append(id).append(",\"firstName\":\"").append(FIRST[id - 1])
                    .append("\",\"lastName\":\"").append(LAST[id - 1]).append("\"}");
        }
        return "{\"items\":[" + items + "],\"total\":" + STUDENTS + ",\"page\":1,\"generatedAt\":\"{{now}}\"}";
    }

    /** A fixed unit-length embedding; the rewrite's numeric stack adds drift well inside cosine 0.999. */
    static String embedding(boolean isRewrite) {
        Random r = new Random(42);
        double[] v = new double[EMBEDDING_SIZE];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
            norm += v[i] * v[i];
        }
        Random drift = new Random(7);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            double x = v[i] / Math.sqrt(norm);
            if (isRewrite) {
                x += (drift.nextDouble() - 0.5) * 2e-6;
            }
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7f", x));
        }
        return sb.append(']').toString();
    }

    private static String batchMatch(boolean isRewrite) {
        double[] confidences = {0.9731, 0.9114, 0.8427};
        // Face distances judged at 0.50 (confident) and 0.60 (uncertain). The rewrite drifts each by under the 0.001
        // tolerance, but student 11's 0.4996 becomes 0.5004: a confident match turns uncertain, a decision regression.
        double[] distances = {0.3120, 0.4996, 0.5710};
        double[] drift = {0.0004, 0.0008, -0.0006};
        int[] students = {3, 11, 17};
        StringBuilder sb = new StringBuilder("{\"matches\":[");
        for (int i = 0; i < students.length; i++) {
            double c = confidences[i] + (isRewrite ? 0.0003 * (i % 2 == 0 ? 1 : -1) : 0);
            double d = distances[i] + (isRewrite ? drift[i] : 0);
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"studentId\":%d,\"confidence\":%.4f,\"distance\":%.4f}", students[i], c, d));
        }
        return sb.append("],\"threshold\":0.8}").toString();
    }

    @Override
    public void close() {
        legacy.stop();
        legacySecondary.stop();
        rewrite.stop();
    }
}
