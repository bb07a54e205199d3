package dev.shadowparity.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowparity.core.Headers;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.testkit.Petstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiContractTest {

    @TempDir
    Path dir;

    private static RecordedResponse json(int status, String body) {
        return new RecordedResponse(status, Headers.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSpecsOperationsAreReadWithTheirDeclaredResponsesAndWhereTheyAreWritten() {
        OpenApiContract c = OpenApiContract.load(Petstore.copyTo(dir));
        assertThat(c.operations()).extracting(OpenApiContract.Operation::route).containsExactly("GET /pets", "POST /pets",
                "GET /pets/{petId}", "DELETE /pets/{petId}", "GET /owners/{ownerId}", "GET /store/inventory", "GET /health");
        OpenApiContract.Operation show = c.find("GET", "/pets/42").orElseThrow();
        assertThat(show.operationId()).isEqualTo("showPetById");
        assertThat(show.responses()).containsOnlyKeys("200", "404");
        assertThat(show.statusClasses()).containsExactly("2xx", "4xx");
        assertThat(show.where()).endsWith("petstore.yaml:49");
        assertThat(c.find("GET", "/admin/metrics")).isEmpty();
    }

    @Test
    void eachBrokenRuleIsNamedWithTheJsonPathTheSchemaRuleAndItsFileAndLine() {
        OpenApiContract c = OpenApiContract.load(Petstore.copyTo(dir));
        OpenApiContract.Operation show = c.find("GET", "/pets/42").orElseThrow();
        assertThat(c.violations(show, json(200, "{\"id\":42,\"name\":\"Rex\",\"tag\":null,\"status\":\"sold\"}"))).isEmpty();

        List<Violation> broken = c.violations(show, json(200, "{\"id\":\"42\",\"status\":\"lost\",\"secret\":\"hunter2\"}"));
        assertThat(broken).extracting(Violation::path, Violation::rule, Violation::spec).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("$.id", "type", dir.resolve("schemas.yaml") + ":5"),
                org.assertj.core.groups.Tuple.tuple("$.status", "enum", dir.resolve("schemas.yaml") + ":8"),
                org.assertj.core.groups.Tuple.tuple("$.name", "required", dir.resolve("schemas.yaml") + ":3"));
        assertThat(broken).filteredOn(v -> v.rule().equals("type")).first()
                .satisfies(v -> {
                    assertThat(v.message()).isEqualTo("string found, integer expected");
                    assertThat(v.pointer()).isEqualTo("schemas.yaml#/Pet/properties/id/type");
                });
        assertThat(broken).allSatisfy(v -> assertThat(v.message()).doesNotContain("42", "lost", "hunter2"));

        OpenApiContract.Operation owner = c.find("GET", "/owners/1").orElseThrow();
        assertThat(c.violations(owner, json(200, "{\"id\":1,\"email\":\"ada@example.com\",\"nickname\":\"a\"}")))
                .extracting(Violation::path, Violation::rule, Violation::pointer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.nickname", "additionalProperties",
                        "petstore.yaml#/components/schemas/Owner/additionalProperties"));
        assertThat(c.violations(owner, json(200, "{\"id\":1,\"email\":\"not an address\"}")))
                .extracting(Violation::path, Violation::rule).containsExactly(org.assertj.core.groups.Tuple.tuple("$.email", "format"));
    }

    @Test
    void anUndeclaredStatusOrContentTypeIsAViolationAndRangesAndDefaultDeclare() {
        OpenApiContract c = OpenApiContract.load(Petstore.copyTo(dir));
        OpenApiContract.Operation show = c.find("GET", "/pets/7").orElseThrow();
        assertThat(c.violations(show, json(503, "{}"))).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("status");
            assertThat(v.message()).isEqualTo("503 is not declared; the operation declares 200, 404");
        });
        assertThat(c.violations(show, new RecordedResponse(200, Headers.of("Content-Type", "text/html"), "<p>".getBytes())))
                .singleElement().satisfies(v -> assertThat(v.message()).startsWith("'text/html' is not declared for 200"));
        assertThat(c.violations(show, new RecordedResponse(200, Headers.of("Content-Type", "application/json"), "<p>".getBytes())))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("not JSON"));
        assertThat(c.violations(show, json(404, "{\"code\":404,\"message\":\"no such pet\"}"))).isEmpty();
        // GET /pets declares 'default': any status is declared, and held to the Error schema
        OpenApiContract.Operation list = c.find("GET", "/pets").orElseThrow();
        assertThat(c.violations(list, json(500, "{\"code\":500,\"message\":\"down\"}"))).isEmpty();
        assertThat(c.violations(list, json(500, "{\"code\":\"E500\"}"))).extracting(Violation::path)
                .containsExactlyInAnyOrder("$.code", "$.message");
        // a body-less answer is held to its status only
        assertThat(c.violations(c.find("DELETE", "/pets/1").orElseThrow(), new RecordedResponse(204, Headers.EMPTY, new byte[0]))).isEmpty();
    }

    @Test
    void openApi31IsValidatedAsJsonSchema202012() throws Exception {
        Path spec = dir.resolve("v31.yaml");
        Files.writeString(spec, """
                openapi: 3.1.0
                info: { title: t, version: '1' }
                paths:
                  /things/{id}:
                    get:
                      parameters:
                        - { name: id, in: path, required: true, schema: { type: integer } }
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema:
                                type: object
                                required: [id]
                                properties:
                                  id: { type: integer }
                                  note: { type: [string, 'null'] }
                                unevaluatedProperties: false
                """);
        OpenApiContract c = OpenApiContract.load(spec);
        OpenApiContract.Operation op = c.find("GET", "/things/1").orElseThrow();
        assertThat(c.violations(op, json(200, "{\"id\":1,\"note\":null}"))).isEmpty();
        assertThat(c.violations(op, json(200, "{\"id\":1,\"note\":3,\"extra\":true}"))).extracting(Violation::path, Violation::rule)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("$.note", "type"),
                        org.assertj.core.groups.Tuple.tuple("$.extra", "unevaluatedProperties"));
    }

    @Test
    void anUnresolvableRefIsNamedByFileLineAndPointer() throws Exception {
        Path spec = Petstore.copyTo(dir);
        Files.writeString(spec, Files.readString(spec).replace("'./schemas.yaml#/NewPet'", "'./schemas.yaml#/NewPett'")
                .replace("'#/components/schemas/Owner'", "'./owners.yaml#/Owner'"));
        assertThatThrownBy(() -> OpenApiContract.load(spec)).isInstanceOf(ParityException.class)
                .hasMessageContaining(spec + ":30: $ref './schemas.yaml#/NewPett' (at #/paths/~1pets/post/requestBody/content/application~1json/schema): no #/NewPett in "
                        + dir.resolve("schemas.yaml") + " (# holds Pet, NewPet, Error)")
                .hasMessageContaining(spec + ":78: $ref './owners.yaml#/Owner'")
                .hasMessageContaining("file not found: " + dir.resolve("owners.yaml"));
    }

    @Test
    void anInvalidSpecIsNamedByFileLineAndPointer() throws Exception {
        Path spec = Petstore.copyTo(dir);
        Files.writeString(spec, Files.readString(spec).replace("""
                      operationId: deletePet
                      responses:
                        '204':
                          description: Deleted
                """, """
                      operationId: deletePet
                """));
        assertThatThrownBy(() -> OpenApiContract.load(spec)).isInstanceOf(ParityException.class)
                .hasMessageContaining("not a valid OpenAPI 3.0.3 document")
                .hasMessageContaining(spec + ":59: attribute paths.'/pets/{petId}'(delete).responses is missing (at #/paths/~1pets~1{petId}/delete/responses)");
        Files.writeString(spec, "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n");
        assertThatThrownBy(() -> OpenApiContract.load(spec)).hasMessageContaining("no 'openapi' version")
                .hasMessageContaining("convert Swagger 2 first");
        Files.writeString(spec, "openapi: 3.0.3\npaths: [\n");
        assertThatThrownBy(() -> OpenApiContract.load(spec)).hasMessageContaining(spec + ":2: not YAML: while parsing a flow node");
    }

    @Test
    void theSuitesRoutesAddRulesToOperationsOrAddRoutesAndAContradictionIsAnError() {
        OpenApiContract c = OpenApiContract.load(Petstore.copyTo(dir));
        RouteConfig ignoreTag = new RouteConfig("GET /pets/{petId}", null, null, List.of("$.tag"), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        List<RouteConfig> merged = ContractRoutes.merged(c, List.of(ignoreTag, RouteConfig.of("GET /admin/metrics", false)));
        assertThat(merged).extracting(RouteConfig::route).containsExactly("GET /pets", "POST /pets", "GET /pets/{petId}",
                "DELETE /pets/{petId}", "GET /owners/{ownerId}", "GET /store/inventory", "GET /health", "GET /admin/metrics");
        assertThat(merged.get(2).ignore()).containsExactly("$.tag");
        assertThat(ContractRoutes.merged(c, merged)).isEqualTo(merged);

        assertThatThrownBy(() -> ContractRoutes.merged(c, List.of(RouteConfig.of("GET /pets/{id}", false))))
                .isInstanceOf(ParityException.class)
                .hasMessageContaining("routes[0] 'GET /pets/{id}' is the spec's GET /pets/{petId} (" + dir.resolve("petstore.yaml")
                        + ":49) with other parameter names: write it as /pets/{petId}");
        RouteConfig expects503 = new RouteConfig("GET /pets/{petId}", null, null, null, null, null, null, null, null, null,
                null, null, null, new RouteConfig.Expectation(503, null, null), null, null, null, null, null);
        assertThatThrownBy(() -> ContractRoutes.merged(c, List.of(expects503)))
                .hasMessageContaining("expects status 503, which GET /pets/{petId} does not declare");
    }
}
