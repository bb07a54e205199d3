package dev.shadowparity.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium} in headless mode, run as a process per page with a fresh profile and a time
 * bound. Where no browser is installed the calling test is skipped with a message, unless
 * {@code PARITY_REQUIRE_BROWSER=1} (set by {@code .ci/run}, which installs it) makes that a failure.
 */
public final class HeadlessChromium {

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--hide-scrollbars", "--virtual-time-budget=15000");

    private final String executable;
    private final Path work;

    private HeadlessChromium(String executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    public static HeadlessChromium findOrSkip(Path work) {
        Optional<String> found = find();
        if (found.isEmpty()) {
            String why = "no chromium on PATH (install Debian's 'chromium'; .ci/run does)";
            assertThat(System.getenv("PARITY_REQUIRE_BROWSER")).as(why).isNull();
            Assumptions.abort(why);
        }
        return new HeadlessChromium(found.get(), work);
    }

    private static Optional<String> find() {
        String override = System.getenv("PARITY_CHROMIUM");
        if (override != null && Files.isExecutable(Path.of(override))) {
            return Optional.of(override);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name).toString());
                }
            }
        }
        return Optional.empty();
    }

    /** The page's DOM after its scripts ran. */
    public String dom(String url) throws IOException, InterruptedException {
        return dom(url, List.of());
    }

    /** As {@link #dom(String)}, with more command-line flags (such as {@code --ignore-certificate-errors}). */
    public String dom(String url, List<String> flags) throws IOException, InterruptedException {
        List<String> extra = new ArrayList<>(flags);
        extra.add("--dump-dom");
        Path out = run(url, extra, "dom");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Renders the page into a PNG file. */
    public void screenshot(String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(url, List.of("--window-size=1600,1100", "--screenshot=" + png.toAbsolutePath()), "screenshot");
        assertThat(png).as("screenshot written").isNotEmptyFile();
    }

    private Path run(String url, List<String> extra, String what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        Path stdout = work.resolve(what + "-" + System.nanoTime() + ".out");
        Path stderr = work.resolve(what + "-" + System.nanoTime() + ".err");
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + profile);
        cmd.addAll(extra);
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 90 s: " + Files.readString(stderr));
        }
        assertThat(p.exitValue()).as("chromium exit code; stderr: " + Files.readString(stderr)).isZero();
        return stdout;
    }
}
