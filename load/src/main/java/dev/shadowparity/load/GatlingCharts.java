package dev.shadowparity.load;

import dev.shadowparity.core.FileTrees;
import dev.shadowparity.core.ParityException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Gatling's report module, {@code gatling-charts-highcharts}: Gatling writes its HTML report (whose statistics
 * {@link GatlingReport} reads) with it, and its own licence forbids copying any part of it, so parity never ships it.
 * Like Gatling's own build plugins, parity takes it where it runs: from the JVM's class path when it is there (the
 * tests), else {@code PARITY_GATLING_CHARTS} (a path to the jar), else the local Maven repository, else the cache,
 * fetched once from Maven Central with its published SHA-1 checked.
 */
final class GatlingCharts {

    /** A class of the module: on the class path, nothing needs fetching. */
    static final String PROBE = "io.gatling.charts.highcharts.component.ComponentLibraryImpl";
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private GatlingCharts() {}

    /** The Gatling version parity was built with; its report module must be the same. */
    static String version() {
        try (InputStream in = GatlingCharts.class.getResourceAsStream("gatling-charts.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("gatling-charts.properties is missing from the load module; rebuild it", e);
        }
    }

    static String fileName() {
        return "gatling-charts-highcharts-" + version() + ".jar";
    }

    /**
     * The jar to add to Gatling's class path, or {@code null} when this JVM's class path has the module already.
     *
     * @param notices gets one line when the module is fetched (it is, once per machine)
     */
    static Path jar(Consumer<String> notices) {
        if (onClassPath()) {
            return null;
        }
        String given = System.getenv("PARITY_GATLING_CHARTS");
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isRegularFile(p)) {
                throw new ParityException("PARITY_GATLING_CHARTS=" + given + ": no such file (it names Gatling's report"
                        + " module, " + fileName() + ")");
            }
            return p;
        }
        Path local = localRepository().resolve("io/gatling/highcharts/gatling-charts-highcharts").resolve(version())
                .resolve(fileName());
        if (Files.isRegularFile(local)) {
            return local;
        }
        Path cached = FileTrees.cacheRoot().resolve(fileName());
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        notices.accept("load      fetching Gatling's report module (" + fileName() + ", under its own licence, which"
                + " does not let parity ship it) from Maven Central into " + cached);
        fetch(URI.create(CENTRAL + "io/gatling/highcharts/gatling-charts-highcharts/" + version() + "/" + fileName()), cached);
        return cached;
    }

    static boolean onClassPath() {
        try {
            Class.forName(PROBE, false, GatlingCharts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Path localRepository() {
        String repo = System.getProperty("maven.repo.local");
        return repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Downloads {@code from} and its {@code .sha1}, checks one against the other, and moves the jar into place. */
    static void fetch(URI from, Path to) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            Files.createDirectories(to.getParent());
            HttpResponse<byte[]> jar = http.send(HttpRequest.newBuilder(from).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<String> sha1 = http.send(HttpRequest.newBuilder(URI.create(from + ".sha1"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
            if (jar.statusCode() != 200 || sha1.statusCode() != 200) {
                throw new ParityException("cannot fetch " + from + " (HTTP " + jar.statusCode() + "): " + unavailable(to));
            }
            String expected = sha1.body().trim().split("\\s+")[0];
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar.body()));
            if (!actual.equalsIgnoreCase(expected)) {
                throw new ParityException(from + " does not match its published SHA-1 (" + actual + " vs " + expected
                        + "); not used: " + unavailable(to));
            }
            Path tmp = Files.createTempFile(to.getParent(), "gatling-charts-", ".part");
            Files.write(tmp, jar.body());
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ParityException("cannot fetch " + from + ": " + e.getMessage() + "; " + unavailable(to));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParityException("interrupted while fetching " + from);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JRE", e);
        }
    }

    private static String unavailable(Path to) {
        return "parity load needs Gatling's report module: put " + fileName() + " at " + to
                + ", or name it with PARITY_GATLING_CHARTS";
    }
}
