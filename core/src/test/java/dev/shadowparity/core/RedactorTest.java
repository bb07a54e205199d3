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

    @Test
    void withNoConfigurationSecretNamesAreMaskedAnywhereWhateverTheirCase() throws Exception {
        Redactor defaults = new Redactor(RedactionSettings.DEFAULT);
        var body = new ObjectMapper().readTree("""
                {"user": {"Access_Token": "a1", "name": "ada"}, "keys": [{"API_KEY": "k1"}, {"password": "p1", "id": 2}],
                 "client_secret": {"nested": "c1"}, "tokens": 3}""");
        assertThat(defaults.json(body).toString()).doesNotContain("a1", "k1", "p1", "c1")
                .contains("\"name\":\"ada\"", "\"id\":2", "\"tokens\":3");
        assertThat(defaults.isSecretHeader("x-api-key")).isTrue();
        assertThat(defaults.isSecretHeader("X-Auth-Token")).isTrue();
        assertThat(defaults.uri("/a?client_secret=c&refresh_token=r&page=2")).isEqualTo("/a?client_secret=[REDACTED]&refresh_token=[REDACTED]&page=2");
    }

    @Test
    void aDifferencesValueIsMaskedAtItsPathAndInsideTheSubtreeItCarries() throws Exception {
        Redactor defaults = new Redactor(RedactionSettings.DEFAULT);
        var auth = new ObjectMapper().readTree("{\"token\": \"t1\", \"scopes\": [\"read\"], \"inner\": [{\"Password\": \"p\"}]}");
        assertThat(defaults.valueAt("$.user.auth", auth).toString()).doesNotContain("t1", "\"p\"").contains("read");
        assertThat(auth.path("token").asText()).as("the original is untouched").isEqualTo("t1");
        var text = new ObjectMapper().getNodeFactory().textNode("t2");
        assertThat(defaults.valueAt("$.user.token", text).asText()).isEqualTo(Redactor.MASK);
        assertThat(defaults.valueAt("$.user.token[1]", text).asText()).isEqualTo(Redactor.MASK);
        assertThat(defaults.valueAt("$['api_key']", text).asText()).isEqualTo(Redactor.MASK);
        assertThat(defaults.valueAt("$.user.name", text).asText()).isEqualTo("t2");
        // the configured paths of the suite apply inside subtrees too
        assertThat(redactor.valueAt("$.sessions", new ObjectMapper().readTree("[{\"token\": \"t3\"}]")).toString()).doesNotContain("t3");
    }

    @Test
    void theDefaultsCanBeTurnedOffExplicitlyWhileConfiguredNamesStillApply() throws Exception {
        Redactor off = new Redactor(new RedactionSettings(null, null, List.of("pin"), false));
        var body = new ObjectMapper().readTree("{\"token\": \"t\", \"PIN\": \"1234\"}");
        assertThat(off.json(body).toString()).contains("\"t\"").doesNotContain("1234");
        assertThat(off.isSecretHeader("X-Api-Key")).isFalse();
        assertThat(off.isSecretHeader("Authorization")).as("always masked").isTrue();
    }

    @Test
    void theLastFieldOfAPathIsFoundPastIndexesAndQuotes() {
        assertThat(JsonPaths.lastField("$.user.token")).isEqualTo("token");
        assertThat(JsonPaths.lastField("$.user.token[2][0]")).isEqualTo("token");
        assertThat(JsonPaths.lastField("$['odd key']")).isEqualTo("odd key");
        assertThat(JsonPaths.lastField("$.a['it\\'s']")).isEqualTo("it's");
        assertThat(JsonPaths.lastField("$")).isNull();
        assertThat(JsonPaths.lastField("$[3]")).isNull();
        assertThat(JsonPaths.lastField("status")).isNull();
    }
}
