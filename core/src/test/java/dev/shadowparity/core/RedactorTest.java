package dev.shadowparity.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.config.RedactionSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor(new RedactionSettings(List.of("X-Api-Key"), List.of("$.password", "$..token")));

    @Test
    void masksSecretHeadersAlwaysAndConfiguredOnesToo() {
        Headers h = redactor.headers(Headers.of("authorization", "Bearer abc", "Cookie", "s=1", "X-API-KEY", "k",
                "Accept", "application/json"));
        assertThat(h.first("Authorization")).contains(Redactor.MASK);
        assertThat(h.first("Cookie")).contains(Redactor.MASK);
        assertThat(h.first("X-Api-Key")).contains(Redactor.MASK);
        assertThat(h.first("Accept")).contains("application/json");
    }

    @Test
    void masksJsonPathsAtAnyDepthWithoutTouchingTheOriginal() throws Exception {
        var original = new ObjectMapper().readTree(
                "{\"user\":\"ada\",\"password\":\"p\",\"sessions\":[{\"token\":\"t1\"},{\"token\":\"t2\",\"id\":3}]}");
        var redacted = redactor.json(original);
        assertThat(redacted.toString()).doesNotContain("\"p\"", "t1", "t2").contains("ada", "\"id\":3");
        assertThat(original.path("password").asText()).isEqualTo("p");
    }

    @Test
    void masksCredentialsInQueryStrings() {
        assertThat(redactor.uri("/x?user=1&access_token=abc&page=2")).isEqualTo("/x?user=1&access_token=[REDACTED]&page=2");
    }

    @Test
    void knowsSecretDifferencePaths() {
        assertThat(redactor.isSecretPath("$.session.token")).isTrue();
        assertThat(redactor.isSecretPath("header:set-cookie")).isTrue();
        assertThat(redactor.isSecretPath("$.name")).isFalse();
    }
}
