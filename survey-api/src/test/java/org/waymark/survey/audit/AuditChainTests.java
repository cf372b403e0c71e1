package org.waymark.survey.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.ProxiedIntegrationTest;
import org.waymark.survey.TestApi;
import org.waymark.survey.studies.TestDefinitions;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail's hash chain, on the real database: the database refuses changes, and a change made
 * past it (as someone with rights over the schema could) shows in the verification at the entry
 * changed. Runs in a context of its own, since it tampers with the trail.
 */
@ProxiedIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditChainTests {

    private static final String STUDY = "audited-study";
    private static final String NO_UPDATE = """
            CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW
            BEGIN
              IF OLD.entry_hash IS NOT NULL THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit entries cannot be changed';
              END IF;
            END""";
    private static final String NO_DELETE = """
            CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit entries cannot be deleted'""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    private TestApi admin;

    @BeforeAll
    void auditSomeChanges() {
        admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        admin.post("/api/studies/" + STUDY + "/publish", "");
        admin.get("/api/studies/" + STUDY + "/analysis?disclosure=nhs-standard");
    }

    @Test
    void aStudysEntriesAreListedNewestFirstWithTheAnalysisDisclosureProfile() {
        JsonNode page = admin.get("/api/studies/" + STUDY + "/audit?size=10").json();
        assertThat(page.get("total").asInt()).isEqualTo(4);
        List<String> actions = page.get("items")
                .valueStream()
                .map(entry -> entry.get("action").asString())
                .toList();
        // The uploader becomes the study's owner as the draft is stored.
        assertThat(actions).containsExactly("analysis.run", "study.published", "role.granted", "study.draft-uploaded");
        JsonNode analysis = page.get("items").get(0);
        assertThat(analysis.get("actor").asString()).isEqualTo("admin");
        assertThat(analysis.get("detail").asString()).startsWith("disclosure nhs-standard; groupings ");

        assertThat(TestApi.on(port).get("/api/studies/" + STUDY + "/audit").status())
                .isEqualTo(401);
        assertThat(admin.get("/api/studies/no-such-study/audit").status()).isEqualTo(404);
        assertThat(admin.get("/api/studies/" + STUDY + "/audit?size=0").status())
                .isEqualTo(400);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnEntry() {
        long entry = firstEntryOf(STUDY);
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET detail = 'changed' WHERE id = ?")
                        .param(entry)
                        .update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE id = ?")
                        .param(entry)
                        .update())
                .isInstanceOf(DataAccessException.class);
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aChangedEntryIsReportedAsTheFirstBrokenLink() {
        long entry = firstEntryOf(STUDY);
        String original = jdbc.sql("SELECT actor FROM audit_event WHERE id = ?")
                .param(entry)
                .query(String.class)
                .single();
        jdbc.sql("DROP TRIGGER audit_event_no_update").update();
        try {
            jdbc.sql("UPDATE audit_event SET actor = 'someone-else' WHERE id = ?")
                    .param(entry)
                    .update();
            JsonNode report = verify();
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("firstBrokenEntry").asLong()).isEqualTo(entry);
            assertThat(report.get("problem").asString()).contains("was changed");

            jdbc.sql("UPDATE audit_event SET actor = ? WHERE id = ?")
                    .params(original, entry)
                    .update();
            assertThat(verify().get("intact").asBoolean()).isTrue();
        } finally {
            jdbc.sql(NO_UPDATE).update();
        }
    }

    @Test
    void aRemovedEntryIsReportedAtTheEntryAfterIt() {
        long entry = firstEntryOf(STUDY);
        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_event WHERE id = ?")
                .param(entry)
                .query()
                .singleRow();
        long next = jdbc.sql("SELECT MIN(id) FROM audit_event WHERE id > ?")
                .param(entry)
                .query(Long.class)
                .single();
        jdbc.sql("DROP TRIGGER audit_event_no_delete").update();
        try {
            jdbc.sql("DELETE FROM audit_event WHERE id = ?").param(entry).update();
            JsonNode report = verify();
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("firstBrokenEntry").asLong()).isEqualTo(next);
            assertThat(report.get("problem").asString()).contains("does not follow");
        } finally {
            jdbc.sql("""
                            INSERT INTO audit_event (id, occurred_at, actor, action, study_id, target, detail,
                                                     previous_hash, entry_hash)
                            VALUES (:id, :occurred_at, :actor, :action, :study_id, :target, :detail, :previous_hash,
                                    :entry_hash)""").params(row).update();
            jdbc.sql(NO_DELETE).update();
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void concurrentWritersJoinTheChainOneAtATime() throws Exception {
        long before =
                jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
        try (ExecutorService writers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 8; writer++) {
                int number = writer;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        audit.record("writer-" + number, "test.concurrent", "audit-concurrency", null, "entry " + i);
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        }
        JsonNode report = verify();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("entriesChecked").asLong()).isEqualTo(before + 160);
    }

    private JsonNode verify() {
        TestApi.Reply reply = admin.get("/api/audit/verify");
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private long firstEntryOf(String study) {
        return jdbc.sql("SELECT MIN(id) FROM audit_event WHERE study_id = ?")
                .param(study)
                .query(Long.class)
                .single();
    }
}
