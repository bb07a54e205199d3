package dev.shadowparity.reports;

import dev.shadowparity.core.FileTrees;
import dev.shadowparity.core.ParityException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Generates the single-file HTML report with the Allure 2 command line that travels inside our jar
 * (Maven Central's {@code allure-commandline} zip). It is unpacked once into a cache folder and run in
 * its own JVM, so its dependencies never meet ours.
 */
public final class AllureHtml {

    public static final String VERSION = "2.34.1";
    private static final String BUNDLE = "allure-commandline.zip";

    private AllureHtml() {}

    /** Thrown when the report could not be generated; the results stay where they are. */
    public static final class GenerationException extends ParityException {
        private static final long serialVersionUID = 1L;

        GenerationException(String message) {
            super(message);
        }
    }

    /** Writes {@code reportDir/index.html} from {@code resultsDir}; returns the index file. */
    public static Path generate(Path resultsDir, Path reportDir) {
        Path home = install();
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(home.resolve("lib") + "/*" + java.io.File.pathSeparator + home.resolve("lib").resolve("config"));
        cmd.add("io.qameta.allure.CommandLine");
        cmd.add("generate");
        cmd.add("--single-file");
        cmd.add("--clean");
        cmd.add("-o");
        cmd.add(reportDir.toString());
        cmd.add(resultsDir.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("APP_HOME", home.toString());
        pb.environment().put("ALLURE_NO_ANALYTICS", "true");
        try {
            Process p = pb.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new GenerationException("allure generate did not finish within 5 minutes");
            }
            Path index = reportDir.resolve("index.html");
            if (p.exitValue() != 0 || !Files.isRegularFile(index)) {
                throw new GenerationException("allure generate failed (exit " + p.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
            extractHistory(index, reportDir.resolve("history"));
            return index;
        } catch (IOException e) {
            throw new GenerationException("cannot run allure generate: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted while generating the report");
        }
    }

    /** {@code d('history/NAME.json','BASE64')}: how the single-file report embeds each history file. */
    private static final Pattern EMBEDDED_HISTORY = Pattern.compile("d\\('history/([\\w.-]+\\.json)','([A-Za-z0-9+/=]*)'\\)");

    /**
     * A single-file report keeps its history only inside {@code index.html}; the next run needs it as files
     * ({@code allure-report/history/*.json}) to continue the trend, so they are written out beside it.
     */
    static void extractHistory(Path index, Path historyDir) throws IOException {
        Matcher m = EMBEDDED_HISTORY.matcher(Files.readString(index, StandardCharsets.UTF_8));
        while (m.find()) {
            Files.createDirectories(historyDir);
            Files.write(historyDir.resolve(m.group(1)), java.util.Base64.getDecoder().decode(m.group(2)));
        }
    }

    /** Unpacks the bundled command line into the cache once; concurrent runs race safely by atomic rename. */
    static Path install() {
        Path home = FileTrees.cacheRoot().resolve("allure-" + VERSION);
        if (Files.isRegularFile(home.resolve("lib").resolve("allure-commandline-" + VERSION + ".jar"))) {
            return home;
        }
        try (InputStream zip = AllureHtml.class.getResourceAsStream(BUNDLE)) {
            if (zip == null) {
                throw new GenerationException(BUNDLE + " is missing from the classpath; rebuild with 'mvn package'");
            }
            Files.createDirectories(home.getParent());
            Path tmp = Files.createTempDirectory(home.getParent(), "allure-unpack-");
            unzip(zip, tmp);
            try {
                Files.move(tmp.resolve("allure-" + VERSION), home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                // another run installed it first: theirs is as good as ours
            }
            FileTrees.delete(tmp);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the Allure command line into " + home, e);
        }
    }

    private static void unzip(InputStream in, Path target) throws IOException {
        try (ZipInputStream zin = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry escapes the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zin, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
