package dev.shadowparity.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.shadowparity.core.ParityException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gatling's report module is taken where parity runs, never shipped: found, or fetched with its digest checked. */
class GatlingChartsTest {

    private HttpServer central;

    @AfterEach
    void stop() {
        if (central != null) {
            central.stop(0);
        }
    }

    @Test
    void theModuleIsTheVersionParityBuildsWithAndOnThisClassPathNothingIsFetched() {
        assertThat(System.getProperty("java.class.path")).contains(GatlingCharts.fileName());
        assertThat(GatlingCharts.onClassPath()).isTrue();
        assertThat(GatlingCharts.jar(line -> { throw new AssertionError("fetched: " + line); })).isNull();
    }

    /** A repository on a loopback socket that serves one jar and the SHA-1 it publishes for it. */
    private URI serving(byte[] jar, String sha1) throws Exception {
        central = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        central.createContext("/m2/x.jar", e -> {
            e.sendResponseHeaders(200, jar.length);
            e.getResponseBody().write(jar);
            e.close();
        });
        central.createContext("/m2/x.jar.sha1", e -> {
            byte[] b = (sha1 + "  x.jar\n").getBytes(StandardCharsets.US_ASCII);
            e.sendResponseHeaders(200, b.length);
            e.getResponseBody().write(b);
            e.close();
        });
        central.start();
        return URI.create("http://127.0.0.1:" + central.getAddress().getPort() + "/m2/x.jar");
    }

    @Test
    void aFetchedJarIsKeptOnlyWhenItMatchesItsPublishedDigest(@TempDir Path cache) throws Exception {
        byte[] jar = "PK fake jar bytes".getBytes(StandardCharsets.US_ASCII);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar));
        Path target = cache.resolve("charts.jar");
        GatlingCharts.fetch(serving(jar, digest), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(jar);

        stop();
        Path other = cache.resolve("other.jar");
        URI tampered = serving(jar, "0".repeat(40));
        assertThatThrownBy(() -> GatlingCharts.fetch(tampered, other)).isInstanceOf(ParityException.class)
                .hasMessageContaining("does not match its published SHA-1").hasMessageContaining("PARITY_GATLING_CHARTS");
        assertThat(other).doesNotExist();
    }
}
