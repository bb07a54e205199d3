package dev.shadowparity.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What never reaches a log or report. Always: the headers of {@link #ALWAYS}. By default (unless {@code defaults:
 * false}) also the headers of {@link #DEFAULT_HEADERS} and, anywhere in a JSON body and whatever their case, fields
 * named as in {@link #DEFAULT_NAMES}. The configured headers, field names and JSON paths add to these.
 *
 * @param names    further field names that hold secrets wherever they appear, compared ignoring case
 * @param defaults whether the default headers and field names apply (they do unless set to {@code false})
 */
public record RedactionSettings(List<String> headers, List<String> jsonPaths, List<String> names, Boolean defaults) {

    public static final List<String> ALWAYS = List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie");

    public static final List<String> DEFAULT_HEADERS = List.of("X-Api-Key", "X-Auth-Token", "X-Csrf-Token", "X-Xsrf-Token",
            "X-Amz-Security-Token");

    /** Field (and query parameter) names that hold credentials in the APIs our users migrate. */
    public static final List<String> DEFAULT_NAMES = List.of("password", "passwd", "secret", "client_secret", "token",
            "access_token", "refresh_token", "id_token", "api_key", "apikey", "private_key", "authorization");

    public static final RedactionSettings DEFAULT = new RedactionSettings(null, null, null, null);

    public RedactionSettings {
        defaults = defaults == null || defaults;
        List<String> all = new ArrayList<>(ALWAYS);
        if (defaults) {
            all.addAll(DEFAULT_HEADERS);
        }
        if (headers != null) {
            all.addAll(headers);
        }
        headers = List.copyOf(all);
        jsonPaths = jsonPaths == null ? List.of() : List.copyOf(jsonPaths);
        List<String> allNames = new ArrayList<>(defaults ? DEFAULT_NAMES : List.of());
        if (names != null) {
            allNames.addAll(names);
        }
        names = List.copyOf(allNames);
    }

    public RedactionSettings(List<String> headers, List<String> jsonPaths) {
        this(headers, jsonPaths, null, null);
    }
}
