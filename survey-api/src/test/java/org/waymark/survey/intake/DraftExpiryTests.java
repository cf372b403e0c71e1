package org.waymark.survey.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.Canaries;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;

/** Drafts nobody submitted are deleted, answers and all, once their time runs out; others stay. */
@WaymarkIntegrationTest
class DraftExpiryTests {

    private static final String STUDY = "draft-expiry-study";

    @LocalServerPort
    int port;

    @Autowired
    DraftExpiry expiry;

    @Autowired
    JdbcClient jdbc;

    @Test
    void deletesExpiredDraftsWithTheirAnswersAndKeepsTheRest() {
        TestApi admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        admin.post("/api/studies/" + STUDY + "/publish", "");
        String canary = Canaries.next();
        String expired = draft("Unfinished " + canary);
        String current = draft("Still writing");
        // The expired draft's time ran out yesterday (instead of 30 days from now).
        jdbc.sql("UPDATE response SET expires_at = NOW(6) - INTERVAL 1 DAY WHERE pseudonym = ?")
                .param(expired)
                .update();

        expiry.deleteExpired();

        assertThat(count("SELECT COUNT(*) FROM response WHERE pseudonym = ?", expired))
                .isZero();
        assertThat(Canaries.tablesContaining(jdbc, canary)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM response WHERE pseudonym = ? AND status = 'draft'", current))
                .isEqualTo(1);
    }

    private String draft(String text) {
        var reply = TestApi.on(port)
                .postWithKey(
                        "/api/studies/" + STUDY + "/responses",
                        UUID.randomUUID().toString(),
                        """
                        {"consent": {"version": "1", "agreed": ["take_part"]},
                         "answers": {"recovery_meaning": "%s"}, "submit": false}""".formatted(text));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("responseId").asString();
    }

    private long count(String sql, String pseudonym) {
        return jdbc.sql(sql).param(pseudonym).query(Long.class).single();
    }
}
