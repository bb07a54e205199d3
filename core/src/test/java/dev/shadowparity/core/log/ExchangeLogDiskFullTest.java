package dev.shadowparity.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.RedactionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange log on a real 1 MiB tmpfs that fills up: lines are written whole or not at all, every line not
 * written is counted, the writer says so once (not once per line) and nothing is thrown; when space returns,
 * writing resumes and says so. Needs root to mount; {@code .ci/run} sets {@code PARITY_REQUIRE_TMPFS=1} so it runs there.
 */
class ExchangeLogDiskFullTest {

    @TempDir
    Path base;

    private Path disk;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = base.resolve("small-disk");
        Files.createDirectories(disk);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        boolean mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        String why = new String(p.getInputStream().readAllBytes());
        if (System.getenv("PARITY_REQUIRE_TMPFS") != null) {
            assertThat(mounted).as("mounting a tmpfs: " + why).isTrue();
        }
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): " + why);
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", disk.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskLosesNoLineSilentlyTearsNoneAndWritingResumesWhenSpaceReturns() throws Exception {
        Path filler = disk.resolve("filler.bin");
        Files.write(filler, new byte[600 * 1024]);
        Path file = disk.resolve("exchanges.jsonl");
        List<String> notices = new CopyOnWriteArrayList<>();
        ExchangeJson json = new ExchangeJson(new Redactor(RedactionSettings.DEFAULT), true);
        ExchangeLogWriter w = new ExchangeLogWriter(file, json, 100, dev.shadowparity.core.config.ExchangeLogSettings.DEFAULT,
                notices::add);
        int total = 0;
        for (int id = 1; id <= 2000; id++, total++) {
            w.write(ExchangeLogTest.exchange(id)); // ~900 bytes a line: 1.8 MB for the 400 KB left
        }
        w.flush();
        ExchangeLogWriter.Health full = w.health();
        assertThat(full.degraded()).isTrue();
        assertThat(full.notWritten()).isPositive();
        assertThat(full.written() + full.notWritten()).as("every line accounted for").isEqualTo(total);
        assertThat(notices.get(0)).startsWith("exchange log: cannot write to " + file).contains("No space left on device");
        // One line per change of state, not one per line: at most a retry a second, each of which may fit a little.
        assertThat(notices).hasSizeLessThanOrEqualTo(3);
        assertEveryLineWhole(file, full.written());

        Files.delete(filler);
        Thread.sleep(1_100); // past the writer's once-a-second retry
        for (int id = 2001; id <= 2100; id++, total++) {
            w.write(ExchangeLogTest.exchange(id));
        }
        w.close();
        ExchangeLogWriter.Health after = w.health();
        assertThat(after.problem()).isNull();
        assertThat(after.written() + after.notWritten()).isEqualTo(total);
        assertThat(after.notWritten()).isEqualTo(full.notWritten()).as("space returned: nothing more lost");
        assertThat(notices.get(notices.size() - 1)).isEqualTo("exchange log: writing to " + file + " again; "
                + after.notWritten() + " lines were not written");
        List<String> lines = assertEveryLineWhole(file, after.written());
        assertThat(new ObjectMapper().readTree(lines.get(lines.size() - 1)).path("id").asLong()).isEqualTo(2100);
    }

    private static List<String> assertEveryLineWhole(Path file, long expected) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length == 0 || bytes[bytes.length - 1] == '\n').as("the file ends at a line's end").isTrue();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize((int) expected);
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            mapper.readTree(line); // throws on a torn line
        }
        return lines;
    }
}
