package dev.shadowparity.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable outcome of a run, written as {@code verdict.json} and read by {@code parity gate}.
 * Bump {@link #SCHEMA_VERSION} on any incompatible change; README documents the schema.
 *
 * @param verdict {@code promote} or {@code hold}
 */
public record Verdict(int schemaVersion, String suite, String verdict, Totals totals,
                      List<EndpointVerdict> endpoints, List<Check> checks) {

    public static final int SCHEMA_VERSION = 1;
    public static final String PROMOTE = "promote";
    public static final String HOLD = "hold";

    public boolean promotes() {
        return PROMOTE.equals(verdict);
    }

    /** @param notCompared exchanges that were not compared, by outcome and reason */
    public record Totals(long exchanges, long compared, long withRegression, Map<String, Long> notCompared) {}

    /** @param candidateErrors exchanges whose candidate timed out or failed (the primary's failures are not counted) */
    public record EndpointVerdict(String endpoint, long requests, long compared, long candidateErrors,
                                  Map<String, Long> dropped, double parityRate, List<FieldCount> regressions,
                                  List<FieldCount> noise) {}

    /** A differing field; {@code example} holds one sample's values and exchange id. */
    public record FieldCount(String path, String kind, long count, String reason, JsonNode example) {}

    /** One gate check: {@code passed} when {@code actual} meets {@code threshold}. */
    public record Check(String name, String threshold, String actual, boolean passed) {}
}
