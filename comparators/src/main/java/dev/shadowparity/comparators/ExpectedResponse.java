package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.config.RouteConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.json.JSONException;
import org.skyscreamer.jsonassert.FieldComparisonFailure;
import org.skyscreamer.jsonassert.JSONCompare;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.skyscreamer.jsonassert.JSONCompareResult;

/**
 * A route's declared answer, checked against the candidate with JSONassert, whose compare modes are what
 * users ask for here. Each unmet part is one {@code expectation} difference at {@code expected:<field>}.
 */
final class ExpectedResponse {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Integer status;
    private final String body;
    private final JSONCompareMode mode;

    ExpectedResponse(RouteConfig.Expectation e) {
        this.status = e.status();
        this.body = e.body() == null ? null : e.body().toString();
        this.mode = JSONCompareMode.valueOf(e.mode());
    }

    void check(EndpointKey endpoint, RecordedResponse candidate, List<Difference> out) {
        if (status != null && status != candidate.status()) {
            out.add(difference(endpoint, "status", F.numberNode(status), F.numberNode(candidate.status())));
        }
        if (body == null) {
            return;
        }
        if (Bodies.parseJson(candidate.body(), candidate.contentType()) == null) {
            out.add(difference(endpoint, "body", F.textNode("JSON (" + mode + ")"), F.textNode("not JSON")));
            return;
        }
        JSONCompareResult r;
        try {
            r = JSONCompare.compareJSON(body, new String(candidate.body(), StandardCharsets.UTF_8), mode);
        } catch (JSONException | NullPointerException e) {
            // JSONassert throws a NullPointerException describing some failures that involve null
            out.add(difference(endpoint, "body", F.textNode("JSON (" + mode + ")"), F.textNode(String.valueOf(e.getMessage()))));
            return;
        }
        if (r.passed()) {
            return;
        }
        for (FieldComparisonFailure f : r.getFieldFailures()) {
            out.add(difference(endpoint, path(f), value(f.getExpected()), value(f.getActual())));
        }
        // For a missing or unexpected field JSONassert names the parent and gives the field's name as the value.
        for (FieldComparisonFailure f : r.getFieldMissing()) {
            out.add(difference(endpoint, child(path(f), f.getExpected()), F.textNode("present"), null));
        }
        for (FieldComparisonFailure f : r.getFieldUnexpected()) {
            out.add(difference(endpoint, child(path(f), f.getActual()), null, F.textNode("present")));
        }
        if (r.getFieldFailures().isEmpty() && r.getFieldMissing().isEmpty() && r.getFieldUnexpected().isEmpty()) {
            out.add(difference(endpoint, "body", F.textNode(mode.toString()), F.textNode(r.getMessage())));
        }
    }

    /** JSONassert names fields {@code a.b[2]}; ours start at {@code $}. */
    private static String path(FieldComparisonFailure f) {
        String field = f.getField() == null ? "" : f.getField();
        return field.isEmpty() ? "$" : field.startsWith("[") ? "$" + field : "$." + field;
    }

    private static String child(String parent, Object name) {
        return name instanceof String s ? dev.shadowparity.core.JsonPaths.field(parent, s) : parent;
    }

    private static JsonNode value(Object v) {
        return v == null ? null : F.textNode(String.valueOf(v));
    }

    private static Difference difference(EndpointKey endpoint, String field, JsonNode expected, JsonNode actual) {
        return new Difference(endpoint, "expected:" + field, DifferenceKind.EXPECTATION, expected, actual, null);
    }
}
