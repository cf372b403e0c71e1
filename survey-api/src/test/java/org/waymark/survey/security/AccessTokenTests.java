package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.Sha256;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Personal access tokens: shown once, kept hashed, good only for their studies, until they expire or are revoked. */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTokenTests {

    private static final String A = "token-study-a";
    private static final String B = "token-study-b";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi owner;

    @BeforeAll
    void twoStudiesOfOneOwner() {
        owner = TestAccounts.signedIn(port, "token-owner");
        AccessStudies.publishWithAnswers(port, owner, A, "Kind staff.");
        AccessStudies.publishWithAnswers(port, owner, B, "Kind nurses.");
    }

    private JsonNode newToken(String name, String studies) {
        var reply = owner.post("/api/me/tokens", """
                {"name": "%s", "studies": [%s], "expiresInDays": 7}""".formatted(name, studies));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    @Test
    void actsForItsAccountOnlyInItsStudies() {
        String token = newToken("analysis script", "\"" + A + "\"").get("token").asString();
        TestApi client = TestApi.on(port).withToken(token);

        assertThat(client.get("/api/studies/" + A + "/responses").status()).isEqualTo(200);
        assertThat(client.get("/api/studies/" + A + "/analysis").status()).isEqualTo(200);
        assertThat(client.get("/api/studies/" + B + "/responses").status())
                .as("the account owns B, but the token is not for B")
                .isEqualTo(403);
        assertThat(client.get("/api/me").json().get("username").asString()).isEqualTo("token-owner");
        assertThat(client.get("/api/me/tokens").status())
                .as("a token cannot manage tokens")
                .isEqualTo(403);
        assertThat(client.post("/api/me/tokens", "{\"name\": \"more\", \"studies\": [\"" + B + "\"]}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void isShownOnceAndKeptOnlyAsItsHash() {
        JsonNode created = newToken("shown once", "\"" + A + "\"");
        String token = created.get("token").asString();
        assertThat(token).startsWith("wmk_").hasSize(4 + 43); // 32 random bytes in unpadded base64url
        long id = created.get("id").asLong();

        String stored = jdbc.sql("SELECT token_sha256 FROM access_token WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored).isEqualTo(Sha256.hex(token));
        var listed = owner.get("/api/me/tokens");
        assertThat(listed.body()).doesNotContain(token).contains("shown once");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail LIKE ? OR target LIKE ?")
                        .params("%" + token + "%", "%" + token + "%")
                        .query(Long.class)
                        .single())
                .as("the audit trail records the token's id, never the token")
                .isZero();
    }

    @Test
    void stopsWorkingWhenRevoked() {
        JsonNode created = newToken("to revoke", "\"" + A + "\"");
        TestApi client = TestApi.on(port).withToken(created.get("token").asString());
        assertThat(client.get("/api/studies/" + A + "/responses").status()).isEqualTo(200);

        assertThat(owner.delete("/api/me/tokens/" + created.get("id").asLong()).status())
                .isEqualTo(204);
        var refused = client.get("/api/studies/" + A + "/responses");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(owner.delete("/api/me/tokens/" + created.get("id").asLong()).status())
                .as("revoked already")
                .isEqualTo(404);
    }

    @Test
    void stopsWorkingOnceExpired() {
        JsonNode created = newToken("to expire", "\"" + A + "\"");
        TestApi client = TestApi.on(port).withToken(created.get("token").asString());
        assertThat(client.get("/api/studies/" + A + "/responses").status()).isEqualTo(200);

        // Its expiry comes: set a second into the past, as the clock would bring it after 7 days.
        jdbc.sql("UPDATE access_token SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE id = ?")
                .param(created.get("id").asLong())
                .update();
        assertThat(client.get("/api/studies/" + A + "/responses").status()).isEqualTo(401);
    }

    @Test
    void isRefusedForAStudyTheAccountHasNoRoleIn() {
        var reply = owner.post("/api/me/tokens", """
                {"name": "too wide", "studies": ["%s", "cpa-recovery"]}""".formatted(A));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asString()).contains("no role in study 'cpa-recovery'");
        assertThat(owner.post(
                                "/api/me/tokens",
                                "{\"name\": \"forever\", \"studies\": [\"" + A + "\"], \"expiresInDays\": 366}")
                        .status())
                .as("a token expires within a year")
                .isEqualTo(400);
    }

    @Test
    void refusesAnUnknownTokenAndLosesItsAccountsRoles() {
        assertThat(TestApi.on(port)
                        .withToken("wmk_not-a-real-token")
                        .get("/api/me")
                        .status())
                .isEqualTo(401);

        TestApi leaver = TestAccounts.signedIn(port, "token-leaver");
        AccessStudies.publishWithAnswers(port, leaver, "token-study-c", "Kind.");
        var created = leaver.post("/api/me/tokens", "{\"name\": \"x\", \"studies\": [\"token-study-c\"]}");
        TestApi client = TestApi.on(port).withToken(created.json().get("token").asString());
        assertThat(client.get("/api/studies/token-study-c/responses").status()).isEqualTo(200);
        assertThat(TestApi.on(port)
                        .asAdmin()
                        .post("/api/accounts/token-leaver/disable", "")
                        .status())
                .isEqualTo(200);
        assertThat(client.get("/api/studies/token-study-c/responses").status())
                .as("a disabled account's tokens stop too")
                .isEqualTo(401);
    }
}
