package org.waymark.survey.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;

@WaymarkIntegrationTest
class OperationsTests {

    @LocalServerPort
    int port;

    @Test
    void reportsHealthWithoutDetails() {
        var reply = TestApi.on(port).get("/actuator/health");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).isEqualTo("UP");
        assertThat(reply.json().has("components")).isFalse();
    }

    @Test
    void exposesNoOtherActuatorEndpoint() {
        for (String endpoint : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops"}) {
            assertThat(TestApi.on(port).asAdmin().get(endpoint).status())
                    .as(endpoint)
                    .isIn(403, 404);
        }
    }

    @Test
    void publishesAnOpenApiDocument() {
        var reply = TestApi.on(port).get("/api/openapi");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("paths").has("/api/studies")).isTrue();
        assertThat(reply.json().get("paths").has("/api/studies/{id}/publish")).isTrue();
    }

    @Test
    void answersUnknownAddressesAndMethodsWithProblemDetails() {
        TestApi admin = TestApi.on(port).asAdmin();
        var unknown = admin.get("/api/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        var method = admin.send("DELETE", "/api/studies", null, null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("detail").asString()).isEqualTo("This address does not accept DELETE.");
        assertThat(method.body()).doesNotContain("Exception").doesNotContain("org.springframework");
    }
}
