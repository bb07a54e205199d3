package dev.shadowparity.reports;

import dev.shadowparity.gate.VerdictFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import dev.shadowparity.core.ParityException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Carries Allure's history from one run of a suite to the next, so the report's trend graphs show parity
 * over consecutive runs. Runs sit side by side (the default {@code parity-out/<timestamp>}); the previous
 * run is the most recent sibling folder of the same suite, older than this one, whose report kept a history.
 */
final class RunHistory {

    /** Where a generated report keeps the history the next run starts from. */
    static final String REPORT_HISTORY = "allure-report/history";
    private static final int MAX_SIBLINGS = 1000;

    private RunHistory() {}

    /** Copies the {@code previous} run's history into {@code results/history}. */
    static void carryForward(Optional<Path> previous, Path results) {
        if (previous.isEmpty()) {
            return;
        }
        Path from = previous.get().resolve(REPORT_HISTORY);
        Path to = results.resolve("history");
        if (!Files.isDirectory(from)) {
            return; // a pinned run whose report kept no history: only its verdict is compared with
        }
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the report history from " + from, e);
        }
    }

    /** Where {@code --history-from} puts the previous run it names: a run folder's verdict and report history. */
    static final String PINNED = ".previous-run";
    private static final List<String> HISTORY_FILES = List.of("history.json", "history-trend.json", "duration-trend.json",
            "categories-trend.json", "retry-trend.json");

    /**
     * Makes {@code source} (a run folder, or the URL it is served at) the previous run of {@code runDir}: its
     * {@code verdict.json} and its report's history are copied into {@code runDir/.previous-run}, so a fresh CI workspace
     * continues the trend and can say what is new since.
     *
     * @throws ParityException when {@code source} holds no readable verdict
     */
    static Path pin(Path runDir, String source) {
        Path to = runDir.resolve(PINNED);
        try {
            Files.createDirectories(to.resolve(REPORT_HISTORY));
            if (source.startsWith("http://") || source.startsWith("https://")) {
                fetch(source, to);
            } else {
                Path from = Path.of(source);
                if (!Files.isRegularFile(from.resolve(VerdictFiles.FILE))) {
                    throw new ParityException("--history-from " + source + ": not a run folder (no " + VerdictFiles.FILE + ")");
                }
                Files.copy(from.resolve(VerdictFiles.FILE), to.resolve(VerdictFiles.FILE), StandardCopyOption.REPLACE_EXISTING);
                for (String name : HISTORY_FILES) {
                    Path f = from.resolve(REPORT_HISTORY).resolve(name);
                    if (Files.isRegularFile(f)) {
                        Files.copy(f, to.resolve(REPORT_HISTORY).resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new ParityException("--history-from " + source + ": cannot copy it into " + to + ": " + e.getMessage());
        }
        try {
            VerdictFiles.read(to);
        } catch (VerdictFiles.InvalidVerdictException e) {
            throw new ParityException("--history-from " + source + ": its verdict.json cannot be read: " + e.getMessage());
        }
        return to;
    }

    /** The run folder served at {@code base}: {@code verdict.json} is required, each history file is taken when served. */
    private static void fetch(String base, Path to) throws IOException {
        String root = base.endsWith("/") ? base : base + "/";
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10))
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
        byte[] verdict = get(client, root + VerdictFiles.FILE);
        if (verdict == null) {
            throw new ParityException("--history-from " + base + ": no " + VerdictFiles.FILE + " is served there");
        }
        Files.write(to.resolve(VerdictFiles.FILE), verdict);
        for (String name : HISTORY_FILES) {
            byte[] body = get(client, root + REPORT_HISTORY + "/" + name);
            if (body != null) {
                Files.write(to.resolve(REPORT_HISTORY).resolve(name), body);
            }
        }
    }

    /** The body served at {@code url}, {@code null} for a 404; any other failure is an error naming the URL. */
    private static byte[] get(java.net.http.HttpClient client, String url) throws IOException {
        try {
            java.net.http.HttpResponse<byte[]> r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(java.time.Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 404) {
                return null;
            }
            if (r.statusCode() != 200) {
                throw new ParityException("--history-from: " + url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParityException("--history-from: interrupted while fetching " + url);
        } catch (IllegalArgumentException e) {
            throw new ParityException("--history-from: not a URL: " + url);
        } catch (IOException e) {
            throw new ParityException("--history-from: cannot fetch " + url + ": " + e);
        }
    }

    static Optional<Path> previous(Path runDir, String suite) {
        Path pinned = runDir.resolve(PINNED);
        if (Files.isRegularFile(pinned.resolve(VerdictFiles.FILE))) {
            return Optional.of(pinned); // named by --history-from: the previous run whatever sits beside this one
        }
        Path dir = runDir.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return Optional.empty();
        }
        // A run being written has no verdict yet; a run whose report is regenerated continues from older runs only.
        FileTime mine = Files.exists(dir.resolve(VerdictFiles.FILE)) ? modified(dir.resolve(VerdictFiles.FILE)) : null;
        try (Stream<Path> siblings = Files.list(parent)) {
            return siblings.limit(MAX_SIBLINGS)
                    .filter(p -> !p.equals(dir) && Files.isRegularFile(p.resolve(REPORT_HISTORY).resolve("history.json")))
                    .filter(p -> mine == null || modified(p.resolve(VerdictFiles.FILE)).compareTo(mine) < 0)
                    .filter(p -> sameSuite(p, suite))
                    .max(Comparator.comparing(p -> modified(p.resolve(VerdictFiles.FILE))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean sameSuite(Path run, String suite) {
        try {
            return suite.equals(VerdictFiles.read(run).suite());
        } catch (VerdictFiles.InvalidVerdictException | UncheckedIOException e) {
            return false; // not a run we can read: it has no trend to continue
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
