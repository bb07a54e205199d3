package dev.shadowparity.core.config;

import java.util.ArrayList;
import java.util.List;

/** What never reaches a log or report: these headers always, plus the configured ones and JSON paths. */
public record RedactionSettings(List<String> headers, List<String> jsonPaths) {

    public static final List<String> ALWAYS = List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie");

    public static final RedactionSettings DEFAULT = new RedactionSettings(null, null);

    public RedactionSettings {
        List<String> all = new ArrayList<>(ALWAYS);
        if (headers != null) {
            all.addAll(headers);
        }
        headers = List.copyOf(all);
        jsonPaths = jsonPaths == null ? List.of() : List.copyOf(jsonPaths);
    }
}
