package dev.shadowparity.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.config.RedactionSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor(new RedactionSettings(List.of("X-Api-Key"), List.of("$.password", "$..token")));

    @Test
    void masksSecretHeadersAlwaysAndConfiguredOnesToo() {
        Headers h = redactor.headers(Headers.of("authorization", "Bearer abc", "Cookie", "s=1", "X-API-KEY", "k",
                "Accept", "application/json"));
        assertThat(h.first("Authorization")).contains(Redactor.mask("Bearer abc"));
        assertThat(h.first("Cookie")).contains(Redactor.mask("s=1"));
        assertThat(h.first("X-Api-Key")).contains(Redactor.mask("k"));
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
        assertThat(redactor.uri("/x?user=1&access_token=abc&page=2"))
                .isEqualTo("/x?user=1&access_token=" + Redactor.mask("abc") + "&page=2");
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
                {"user": {"Access_Token": "x1", "name": "ada"}, "keys": [{"API_KEY": "k1"}, {"password": "p1", "id": 2}],
                 "client_secret": {"nested": "q1"}, "tokens": 3}""");
        assertThat(defaults.json(body).toString()).doesNotContain("x1", "k1", "p1", "q1")
                .contains("\"name\":\"ada\"", "\"id\":2", "\"tokens\":3");
        assertThat(defaults.isSecretHeader("x-api-key")).isTrue();
        assertThat(defaults.isSecretHeader("X-Auth-Token")).isTrue();
        assertThat(defaults.uri("/a?client_secret=c&refresh_token=r&page=2"))
                .isEqualTo("/a?client_secret=" + Redactor.mask("c") + "&refresh_token=" + Redactor.mask("r") + "&page=2");
    }

    @Test
    void aDifferencesValueIsMaskedAtItsPathAndInsideTheSubtreeItCarries() throws Exception {
        Redactor defaults = new Redactor(RedactionSettings.DEFAULT);
        var auth = new ObjectMapper().readTree("{\"token\": \"t1\", \"scopes\": [\"read\"], \"inner\": [{\"Password\": \"p\"}]}");
        assertThat(defaults.valueAt("$.user.auth", auth).toString()).doesNotContain("t1", "\"p\"").contains("read");
        assertThat(auth.path("token").asText()).as("the original is untouched").isEqualTo("t1");
        var text = new ObjectMapper().getNodeFactory().textNode("t2");
        assertThat(defaults.valueAt("$.user.token", text).asText()).isEqualTo(Redactor.mask("t2"));
        assertThat(defaults.valueAt("$.user.token[1]", text).asText()).isEqualTo(Redactor.mask("t2"));
        assertThat(defaults.valueAt("$['api_key']", text).asText()).isEqualTo(Redactor.mask("t2"));
        assertThat(defaults.valueAt("$.user.name", text).asText()).isEqualTo("t2");
        // the configured paths of the suite apply inside subtrees too
        assertThat(redactor.valueAt("$.sessions", new ObjectMapper().readTree("[{\"token\": \"t3\"}]")).toString()).doesNotContain("t3");
    }

    @Test
    void theDefaultsCanBeTurnedOffExplicitlyWhileConfiguredNamesStillApply() throws Exception {
        Redactor off = new Redactor(new RedactionSettings(null, null, List.of("pin"), false));
        var body = new ObjectMapper().readTree("{\"token\": \"t\", \"PIN\": \"zz-1234\"}");
        assertThat(off.json(body).toString()).contains("\"t\"").doesNotContain("zz-1234");
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

    @Test
    void aMaskIsAShortKeyedHashSoEqualSecretsReadEqualAndAChangedOneDoesNot() {
        assertThat(Redactor.mask("hunter2")).matches("\\[REDACTED:[0-9a-f]{8}]")
                .isEqualTo(Redactor.mask("hunter2")).isNotEqualTo(Redactor.mask("hunter3"));
        assertThat(Redactor.mask("hunter2")).as("keyed, not a bare digest anyone could look up")
                .doesNotContain(Bodies.sha256("hunter2".getBytes(StandardCharsets.UTF_8)).substring(0, 8));
    }

    @Test
    void formFieldsAndQueriesInsideTextAreMaskedByTheSameNames() {
        Redactor defaults = new Redactor(RedactionSettings.DEFAULT);
        byte[] form = "user=ada&password=p%40ss&remember=1&client_secret=cs".getBytes(StandardCharsets.UTF_8);
        String shown = new String(defaults.body(form, "application/x-www-form-urlencoded"), StandardCharsets.UTF_8);
        assertThat(shown).isEqualTo("user=ada&password=" + Redactor.mask("p%40ss") + "&remember=1&client_secret="
                + Redactor.mask("cs"));
        assertThat(defaults.text("retry with {\"token\": \"a b\", \"id\": 3} or passwords=x"))
                .doesNotContain("a b").contains("\"id\": 3", "passwords=x");
    }

    @Test
    void jwtShapedValuesAreMaskedAnywhereInTextAndInJsonStrings() throws Exception {
        Redactor defaults = new Redactor(RedactionSettings.DEFAULT);
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl";
        assertThat(defaults.text("denied for Bearer " + jwt + ".")).isEqualTo("denied for Bearer " + Redactor.mask(jwt) + ".");
        var body = new ObjectMapper().readTree("{\"note\": \"sent " + jwt + "\", \"list\": [\"" + jwt + "\"], \"n\": 1}");
        assertThat(defaults.json(body).toString()).doesNotContain(jwt).contains("\"n\":1");
        assertThat(defaults.valueAt("body", new ObjectMapper().getNodeFactory().textNode(jwt)).asText())
                .isEqualTo(Redactor.mask(jwt));
    }

    @Test
    void multipartPartsNamedAsSecretsAreMaskedAndFileBytesKept() {
        Redactor defaults = new Redactor(RedactionSettings.DEFAULT);
        byte[] file = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, 13, 10};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--XyZ\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nada\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"Password\"\r\n\r\nsw0rdfish\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(file);
        out.writeBytes("\r\n--XyZ--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] shown = defaults.body(out.toByteArray(), "multipart/form-data; boundary=XyZ");
        String text = new String(shown, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("sw0rdfish").contains("name=\"user\"\r\n\r\nada\r\n",
                "name=\"Password\"\r\n\r\n" + Redactor.mask("sw0rdfish") + "\r\n--XyZ", "--XyZ--\r\n");
        assertThat(text).contains(new String(file, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aTextNeedsMaskingOnlyWhenItCouldHoldASecret() {
        Redactor r = new Redactor(RedactionSettings.DEFAULT);
        assertThat(r.couldMask("{\"id\":7,\"name\":\"Ada\",\"courses\":[1,2]}")).isFalse();
        assertThat(r.couldMask("{\"id\":7,\"PASSWORD\":\"x\"}")).isTrue();
        assertThat(r.couldMask("{\"a\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x\"}")).isTrue();
        assertThat(r.couldMask("{\"\\u0070assword\":\"x\"}")).as("an escaped name").isTrue();
        assertThat(r.couldMask("user=ada&access_token=x")).isTrue();
        assertThat(r.couldMask("Authorization: Bearer x")).as("a name at the start, in another case").isTrue();
        assertThat(r.couldMask("{\"xSIGNATURE\":1}")).isTrue();
        assertThat(r.couldMask("{\"id\":7,\"note\":\"Grüße, ok\"}")).as("non-ASCII text without a name").isFalse();
        assertThat(r.couldMask("")).isFalse();
        // the same answers from a UTF-8 body's bytes, undecoded
        for (String text : java.util.List.of("{\"id\":7,\"name\":\"Ada\",\"courses\":[1,2]}", "{\"id\":7,\"PASSWORD\":\"x\"}",
                "{\"a\":\"eyJhbGciOiJIUzI1NiJ9.x\"}", "{\"\\u0070assword\":\"x\"}", "Authorization: Bearer x",
                "{\"id\":7,\"note\":\"Grüße, ok\"}", "{\"note\":\"Grüße\",\"toKen\":1}", "", "si", "xsig")) {
            assertThat(r.couldMaskUtf8(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).as(text).isEqualTo(r.couldMask(text));
        }
        assertThat(new Redactor(new RedactionSettings(java.util.List.of(), java.util.List.of("$.ssn"), java.util.List.of(), null))
                .couldMask("{\"id\":7}")).as("a JSON path is only known by parsing").isTrue();
    }

    /**
     * The byte scan tries names only where the next byte fits a name's second character: over generated texts made of
     * names' pieces in every case, names cut short, multi-byte characters and one-character names, it answers exactly
     * as the text scan does.
     */
    @Test
    void theUtf8ScanAnswersAsTheTextScanOnGeneratedTexts() {
        java.util.Random random = new java.util.Random(20261207);
        String[] pieces = {"pass", "password", "PassWord", "tok", "token", "TOKEN", "secret", "sig", "si", "s", "x", "é",
                "Grüße", "\\u00", "ey", "eyJ", "Q", "api", "api_key", "authorization", "Auth", "cookie", ":", "\"", "=", " ", "7"};
        for (java.util.List<String> extra : java.util.List.of(java.util.List.<String>of(), java.util.List.of("q"), java.util.List.of("x-api-key", "ü"), java.util.List.of("x-api-key"))) {
            Redactor r = new Redactor(new RedactionSettings(java.util.List.of(), java.util.List.of(), extra, null));
            for (int n = 0; n < 5_000; n++) {
                StringBuilder text = new StringBuilder();
                for (int k = random.nextInt(8); k >= 0; k--) {
                    String piece = pieces[random.nextInt(pieces.length)];
                    text.append(random.nextBoolean() ? piece : piece.substring(0, random.nextInt(piece.length() + 1)));
                }
                String t = text.toString();
                assertThat(r.couldMaskUtf8(t.getBytes(java.nio.charset.StandardCharsets.UTF_8))).as("%s with names %s", t, extra)
                        .isEqualTo(r.couldMask(t));
            }
        }
    }
}
