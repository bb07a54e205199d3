package dev.shadowparity.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.List;

/**
 * How a replay restores both backends' state before it starts (writes change state, so two runs of the
 * same traffic compare only from the same starting point): an HTTP call ({@code "POST http://host/reset"};
 * the method defaults to POST) and/or a command (argument list, run without a shell). Each must succeed
 * (2xx, exit 0) within {@code timeout} or the run is invalid.
 */
public record ResetHook(List<String> http, List<String> command,
                        @JsonDeserialize(using = DurationDeserializer.class)
                        @JsonSerialize(using = DurationDeserializer.Writer.class) Duration timeout) {

    public ResetHook {
        http = http == null ? List.of() : List.copyOf(http);
        command = command == null ? List.of() : List.copyOf(command);
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        if (http.isEmpty() && command.isEmpty()) {
            throw new IllegalArgumentException("a reset needs 'http' calls, a 'command' or both");
        }
        for (String call : http) {
            Call.parse(call);
        }
    }

    /** One reset call, {@code "[METHOD] URL"}: the method (POST when left out) and the URL. */
    public record Call(String method, String url) {

        public static Call parse(String call) {
            int space = call.indexOf(' ');
            String method = space < 0 ? "POST" : call.substring(0, space).trim().toUpperCase(java.util.Locale.ROOT);
            String url = space < 0 ? call : call.substring(space + 1).trim();
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("http: expected \"[METHOD] http://host/path\", got '" + call + "'");
            }
            return new Call(method, url);
        }
    }

    /** The HTTP calls, parsed. */
    public List<Call> calls() {
        return http.stream().map(Call::parse).toList();
    }
}
