package com.example.students;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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

/** The same two services held to the students API's OpenAPI contract as well as to each other. */
class StudentsContractTest {

    static final WireMockServer LEGACY = start(false);
    static final WireMockServer REWRITE = start(true); // student 9 gains a field the contract forbids

    @RegisterExtension
    static Parity parity = Parity.between(LEGACY::baseUrl, REWRITE::baseUrl).suite("contract-parity.yaml");

    static WireMockServer start(boolean rewrite) {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s.start();
        s.stubFor(get(urlEqualTo("/api/students/7")).willReturn(okJson(
                "{\"id\":7,\"name\":\"Ada\",\"lastName\":\"Lovelace\",\"requestId\":\"" + (rewrite ? "b" : "a") + "\"}")));
        s.stubFor(get(urlEqualTo("/api/students/9")).willReturn(okJson(rewrite
                ? "{\"id\":9,\"name\":\"Grace\",\"lastName\":\"Hopper\",\"nickname\":\"Amazing Grace\"}"
                : "{\"id\":9,\"name\":\"Grace\",\"lastName\":\"Hopper\"}")));
        return s;
    }

    @AfterAll
    static void stop() {
        LEGACY.stop();
        REWRITE.stop();
    }

    @Test
    void anAnswerThatKeepsTheContractPasses() {
        Comparison c = parity.get("/api/students/7");
        assertEquals("GET /api/students/{id}", c.endpoint());
        assertTrue(c.regressions().isEmpty());
    }

    @Test
    void aPropertyTheContractForbidsFailsAsAContractRegression() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> parity.get("/api/students/9"));
        assertTrue(failure.getMessage().contains("contract:$.nickname  contract"), failure.getMessage());
        assertTrue(failure.getMessage().contains("additionalProperties"), failure.getMessage());
    }
}
