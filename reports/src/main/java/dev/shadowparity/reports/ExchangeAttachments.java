package dev.shadowparity.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.gate.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run report attaches to a failed endpoint, made for one compared exchange: the side-by-side differences, the
 * request and both responses as raw HTTP, a curl command per backend, and its {@code exchanges.jsonl} line. Everything
 * is drawn from the exchange as the log writes it, redacted, so no secret reaches an attachment. For tests that
 * compare exchange by exchange (the JUnit 5 extension) and attach to their own report.
 */
public final class ExchangeAttachments {

    /** One attachment: its name in the report, media type, file extension and text. */
    public record Attachment(String name, String type, String extension, String content) {}

    private ExchangeAttachments() {}

    /**
     * @param backendUrls base URL by backend ({@code primary}, {@code candidate}), for the curl commands
     */
    public static List<Attachment> of(String suite, ExchangeResult result, Redactor redactor, Map<String, String> backendUrls) {
        byte[] line = new ExchangeJson(redactor, true).toLineBytes(result);
        JsonNode node;
        try {
            node = ExchangeJson.parse(line);
        } catch (IOException e) {
            throw new UncheckedIOException("an exchange log line that does not read back", e);
        }
        ExchangeResult shown = ExchangeJson.fromJson(node);
        List<Attachment> out = new ArrayList<>();
        out.add(new Attachment("differences (side by side)", "text/html", "html",
                DiffHtml.page(suite, endpoint(result, redactor), shown)));
        out.addAll(reproduction(shown.exchange(), backendUrls));
        out.add(new Attachment("exchange " + result.exchange().id(), "application/json", "json", node.toPrettyString()));
        return out;
    }

    /**
     * The redacted request, both responses and a curl command per backend (those {@code backendUrls} names), to
     * reproduce a difference by hand; {@code x} is already redacted.
     */
    static List<Attachment> reproduction(Exchange x, Map<String, String> backendUrls) {
        List<Attachment> out = new ArrayList<>();
        out.add(new Attachment("request (redacted)", "text/plain", "txt", RawHttp.request(x.request())));
        out.add(new Attachment("primary response", "text/plain", "txt", RawHttp.reply(x.primary())));
        out.add(new Attachment("candidate response", "text/plain", "txt", RawHttp.reply(x.candidate())));
        for (String backend : List.of("primary", "candidate")) {
            String url = backendUrls.get(backend);
            if (url != null) {
                out.add(new Attachment("curl: " + backend, "text/plain", "sh", Curl.command(url, x.request())));
            }
        }
        return out;
    }

    /** The exchange's differences as the verdict would count them for its endpoint, values masked where secret. */
    private static Verdict.EndpointVerdict endpoint(ExchangeResult r, Redactor redactor) {
        Map<String, Verdict.FieldCount> regressions = new LinkedHashMap<>();
        Map<String, Verdict.FieldCount> noise = new LinkedHashMap<>();
        for (Difference d : r.differences()) {
            Map<String, Verdict.FieldCount> into = d.isNoise() ? noise : regressions;
            String key = d.generalPath() + " " + d.kind().label();
            Verdict.FieldCount before = into.get(key);
            ObjectNode example = before != null ? (ObjectNode) before.example() : example(r, d, redactor);
            into.put(key, new Verdict.FieldCount(d.generalPath(), d.kind().label(), before == null ? 1 : before.count() + 1,
                    d.noiseReason(), example, Map.of()));
        }
        boolean regressed = !regressions.isEmpty();
        return new Verdict.EndpointVerdict(r.exchange().endpoint().toString(), 1, 1, 0, Map.of(), regressed ? 0.0 : 1.0,
                List.copyOf(regressions.values()), List.copyOf(noise.values()), null, null, Map.of(), Map.of());
    }

    private static ObjectNode example(ExchangeResult r, Difference d, Redactor redactor) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("exchangeId", r.exchange().id());
        e.put("path", d.path());
        e.set("primary", d.primary() == null ? null : redactor.valueAt(d.path(), d.primary()));
        e.set("candidate", d.candidate() == null ? null : redactor.valueAt(d.path(), d.candidate()));
        return e;
    }
}
