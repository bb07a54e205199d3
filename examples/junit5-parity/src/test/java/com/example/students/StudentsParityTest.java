package com.example.students;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shadowparity.junit5.Comparison;
import dev.shadowparity.junit5.Parity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/** The legacy students service beside its rewrite: the rewrite must answer as the legacy does. */
class StudentsParityTest {

    static final WireMockServer LEGACY = start("a1", "Lovelace");
    static final WireMockServer REWRITE = start("b2", "Byron"); // student 8's lastName changed: a regression

    @RegisterExtension
    static Parity parity = Parity.between(LEGACY::baseUrl, REWRITE::baseUrl).suite("parity.yaml");

    static WireMockServer start(String requestId, String lastNameOf8) {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s.start();
        s.stubFor(get(urlEqualTo("/api/students/7")).willReturn(okJson(
                "{\"id\":7,\"name\":\"Ada\",\"lastName\":\"Lovelace\",\"requestId\":\"" + requestId + "\"}")));
        s.stubFor(get(urlEqualTo("/api/students/8")).willReturn(okJson(
                "{\"id\":8,\"name\":\"Ada\",\"lastName\":\"" + lastNameOf8 + "\",\"requestId\":\"" + requestId + "\"}")));
        s.stubFor(post(urlEqualTo("/api/attendance")).willReturn(okJson("{\"recorded\":true}")));
        return s;
    }

    @AfterAll
    static void stop() {
        LEGACY.stop();
        REWRITE.stop();
    }

    @Test
    void aStudentReadsTheSame() {
        Comparison c = parity.get("/api/students/7", "Accept", "application/json");
        assertTrue(c.regressions().isEmpty());
        assertEquals(1, c.noise().size(), "the request id differs, as noise");
    }

    @Test
    void attendanceIsRecordedTheSame() {
        parity.post("/api/attendance", "{\"student\":7,\"present\":true}");
    }

    @Test
    void aChangedFieldFailsWithBothValues() {
        // The rewrite answers student 8 with another lastName: parity.get fails the test, naming the field.
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> parity.get("/api/students/8"));
        assertTrue(failure.getMessage().contains("$.lastName  value  primary \"Lovelace\"  candidate \"Byron\""),
                failure.getMessage());
    }
}
