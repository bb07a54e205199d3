package dev.shadowparity.scenarios;

import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.config.ResetHook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a suite's {@code reset}: its HTTP calls in order, then its command. Any failure stops the run. */
public final class ResetRunner {

    /** A reset that did not succeed; the replay does not start and the run is invalid. */
    public static final class ResetFailedException extends ParityException {
        private static final long serialVersionUID = 1L;

        ResetFailedException(String message) {
            super(message);
        }
    }

    private ResetRunner() {}

    public static void run(ResetHook hook) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(hook.timeout()).build();
        for (ResetHook.Call call : hook.calls()) {
            String method = call.method();
            String url = call.url();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(hook.timeout())
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    throw new ResetFailedException("reset: " + method + " " + url + " answered " + r.statusCode());
                }
            } catch (IOException e) {
                throw new ResetFailedException("reset: " + method + " " + url + " failed: " + e);
            }
        }
        if (!hook.command().isEmpty()) {
            runCommand(hook.command(), hook.timeout().toMillis());
        }
    }

    private static void runCommand(List<String> command, long timeoutMillis) throws InterruptedException {
        Path output = null;
        try {
            output = Files.createTempFile("parity-reset-", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ResetFailedException("reset: " + String.join(" ", command) + " did not finish within " + timeoutMillis + " ms");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
                String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
                throw new ResetFailedException("reset: " + String.join(" ", command) + " exited " + p.exitValue()
                        + (tail.isBlank() ? "" : ":\n" + tail));
            }
        } catch (IOException e) {
            throw new ResetFailedException("reset: cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temp file; the OS cleans it up
                }
            }
        }
    }
}
