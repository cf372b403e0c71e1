package org.waymark.survey.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;
import tools.jackson.databind.JsonNode;

/**
 * A study's progress counted from what participants did through the intake API: submissions (one
 * withdrawn), drafts at different places (one expired, one expiring soon) and screen-outs.
 */
@WaymarkIntegrationTest
class ProgressApiTests {

    private static final String STUDY = "progress-study";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void countsSubmissionsDraftsByFurthestSectionAndScreenOuts() {
        TestApi owner = TestApi.on(port).asAdmin();
        owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        owner.post("/api/studies/" + STUDY + "/publish", "");
        String complete = """
                "adult": "yes", "ethnicity": "white_british", "ever_detained": "no",
                "support_medication": "a_lot", "recovery_meaning": "Synthetic words\"""";
        String early = send(complete, true).get("responseId").asString();
        send(complete, true);
        String withdrawn = send(complete, true).get("receiptCode").asString();
        assertThat(TestApi.on(port).delete("/api/responses/" + withdrawn).status())
                .isEqualTo(204);
        jdbc.sql("UPDATE response SET submitted_at = '2026-01-15 10:00:00' WHERE pseudonym = ?")
                .param(early)
                .update();

        send("", false); // consent only: no section reached
        send("\"adult\": \"yes\"", false); // the first section
        send("\"recovery_meaning\": \"Half way\"", false); // the second
        String soon = send("\"adult\": \"yes\", \"ever_detained\": \"no\"", false) // the second
                .get("responseId")
                .asString();
        String expired = send("\"adult\": \"yes\"", false).get("responseId").asString();
        jdbc.sql("UPDATE response SET expires_at = NOW(6) + INTERVAL 3 DAY WHERE pseudonym = ?")
                .param(soon)
                .update();
        jdbc.sql("UPDATE response SET expires_at = NOW(6) - INTERVAL 1 HOUR WHERE pseudonym = ?")
                .param(expired)
                .update();
        // Screen-outs are only ever a count (written by the eligibility page).
        jdbc.sql("INSERT INTO screen_out (study_id, people) VALUES (?, 2)")
                .param(STUDY)
                .update();

        var reply = owner.get("/api/studies/" + STUDY + "/progress");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode progress = reply.json();
        assertThat(progress.get("study").asString()).isEqualTo(STUDY);
        assertThat(progress.get("submitted").asLong()).isEqualTo(2);
        assertThat(progress.get("withdrawn").asLong()).isEqualTo(1);
        assertThat(progress.get("draftsWaiting").asLong())
                .as("the expired draft is not waiting")
                .isEqualTo(4);
        assertThat(progress.get("draftsExpiringSoon").asLong()).isEqualTo(1);
        assertThat(progress.get("screenedOut").asLong()).isEqualTo(2);
        JsonNode days = progress.get("submittedByDay");
        assertThat(days.size()).isEqualTo(2);
        assertThat(days.get(0).get("date").asString()).isEqualTo("2026-01-15");
        assertThat(days.get(0).get("submitted").asLong()).isEqualTo(1);
        assertThat(days.get(1).get("submitted").asLong()).as("today's").isEqualTo(1);
        JsonNode sections = progress.get("draftsBySection");
        assertThat(sections.size()).isEqualTo(3);
        assertThat(sections.get(0).get("section").isNull()).isTrue();
        assertThat(sections.get(0).get("drafts").asLong()).isEqualTo(1);
        assertThat(sections.get(1).get("section").asString()).isEqualTo("first");
        assertThat(sections.get(1).get("drafts").asLong()).isEqualTo(1);
        assertThat(sections.get(2).get("section").asString()).isEqualTo("second");
        assertThat(sections.get(2).get("title").asString()).isEqualTo("Second");
        assertThat(sections.get(2).get("drafts").asLong()).isEqualTo(2);
    }

    @Test
    void answersNotFoundForAStudyOnlyDrafted() {
        TestApi owner = TestApi.on(port).asAdmin();
        owner.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", "progress-draft-study"))
                        .json());

        var reply = owner.get("/api/studies/progress-draft-study/progress");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private JsonNode send(String answers, boolean submit) {
        var reply = TestApi.on(port).respond(STUDY, answers, submit);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }
}
