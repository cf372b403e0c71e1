package org.waymark.survey.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.Canaries;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.WaymarkProperties;
import org.waymark.survey.search.SearchIndex;
import org.waymark.survey.studies.TestDefinitions;

/**
 * A study's data is deleted after the date its definition keeps it until, and only once its owners
 * have had the configured notice (14 days by default). The check is run at chosen times rather than
 * waiting for the schedule.
 */
@WaymarkIntegrationTest
class StudyRetentionTests {

    @LocalServerPort
    int port;

    @Autowired
    StudyRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SearchIndex index;

    @Autowired
    WaymarkProperties properties;

    @Test
    void warnsTheOwnersThenDeletesTheDataAfterItsDate() {
        LocalDateTime now = LocalDateTime.now();
        String study = "retention-study";
        String canary = Canaries.next();
        publish(study, now.toLocalDate().plusDays(3));
        submit(study, "Kind words " + canary);
        submit(study, "More kind words");
        index.applyPending();
        assertThat(Canaries.filesContaining(properties.dataDir().resolve("search-index"), canary))
                .isNotEmpty();

        retention.apply(now);
        retention.apply(now.plusDays(2));
        assertThat(actions(study))
                .as("one warning, and the data kept until its date")
                .containsExactly(StudyRetention.WARNING);
        assertThat(responses(study)).isEqualTo(2);
        assertThat(detailOf(study, StudyRetention.WARNING))
                .isEqualTo("Response data will be deleted after "
                        + now.toLocalDate().plusDays(3) + ". Owners: admin.");

        retention.apply(now.plusDays(15));
        assertThat(responses(study)).isZero();
        assertThat(actions(study)).containsExactly(StudyRetention.WARNING, StudyRetention.DELETED);
        assertThat(detailOf(study, StudyRetention.DELETED)).startsWith("2 response(s) deleted");
        index.applyPending();
        assertThat(Canaries.tablesContaining(jdbc, canary)).isEmpty();
        assertThat(Canaries.filesContaining(properties.dataDir().resolve("search-index"), canary))
                .isEmpty();
        assertThat(TestApi.on(port).get("/api/studies/" + study).status())
                .as("the definition stays")
                .isEqualTo(200);
    }

    @Test
    void aDateAlreadyPastStillGivesTheOwnersTheirNotice() {
        LocalDateTime now = LocalDateTime.now();
        String study = "retention-past-study";
        publish(study, now.toLocalDate().minusDays(30));
        submit(study, "Words kept for now");

        retention.apply(now);
        retention.apply(now.plusDays(13));
        assertThat(responses(study)).as("13 days after the warning").isEqualTo(1);
        // The warning was written a moment after 'now'.
        retention.apply(now.plusDays(14).plusMinutes(1));
        assertThat(responses(study)).as("14 days after it").isZero();
    }

    private void publish(String study, LocalDate retainUntil) {
        TestApi admin = TestApi.on(port).asAdmin();
        assertThat(admin.post(
                                "/api/studies",
                                TestDefinitions.minimal()
                                        .with(root -> {
                                            root.put("id", study);
                                            root.put("retainDataUntil", retainUntil.toString());
                                        })
                                        .json())
                        .status())
                .isEqualTo(201);
        assertThat(admin.post("/api/studies/" + study + "/publish", "").status())
                .isEqualTo(200);
    }

    private void submit(String study, String text) {
        var reply = TestApi.on(port)
                .postWithKey(
                        "/api/studies/" + study + "/responses",
                        UUID.randomUUID().toString(),
                        """
                        {"consent": {"version": "1", "agreed": ["take_part"]},
                         "answers": {"adult": "yes", "recovery_meaning": "%s"}, "submit": true}""".formatted(text));
        assertThat(reply.status()).isEqualTo(201);
    }

    private long responses(String study) {
        return jdbc.sql("SELECT COUNT(*) FROM response WHERE study_id = ?")
                .param(study)
                .query(Long.class)
                .single();
    }

    private List<String> actions(String study) {
        return jdbc.sql("SELECT action FROM audit_event WHERE study_id = ? AND actor = 'system' ORDER BY id")
                .param(study)
                .query(String.class)
                .list();
    }

    private String detailOf(String study, String action) {
        return jdbc.sql("SELECT detail FROM audit_event WHERE study_id = ? AND action = ?")
                .params(study, action)
                .query(String.class)
                .single();
    }
}
