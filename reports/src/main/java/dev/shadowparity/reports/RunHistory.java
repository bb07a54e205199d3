package dev.shadowparity.reports;

import dev.shadowparity.gate.VerdictFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
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
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the report history from " + from, e);
        }
    }

    static Optional<Path> previous(Path runDir, String suite) {
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
