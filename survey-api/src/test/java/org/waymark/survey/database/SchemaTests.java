package org.waymark.survey.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.WaymarkIntegrationTest;

/** The schema the application migrated at start-up is the one its queries rely on. */
@WaymarkIntegrationTest
class SchemaTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void storesEveryTableInInnoDbWithFullUnicode() {
        List<Map<String, Object>> tables = jdbc.sql("""
                        SELECT table_name, engine, table_collation FROM information_schema.tables
                        WHERE table_schema = DATABASE() AND table_name NOT LIKE 'DATABASECHANGELOG%'""").query().listOfRows();
        assertThat(tables).hasSize(22);
        assertThat(tables).allSatisfy(table -> {
            assertThat(table.get("engine"))
                    .as(table.get("table_name").toString())
                    .isEqualTo("InnoDB");
            assertThat(table.get("table_collation")).isEqualTo("utf8mb4_unicode_ci");
        });
    }

    @Test
    void enforcesTheRelationsBetweenTables() {
        List<String> foreignKeys = jdbc.sql("""
                        SELECT CONCAT(table_name, '.', column_name, ' -> ', referenced_table_name)
                        FROM information_schema.key_column_usage
                        WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL""").query(String.class).list();
        assertThat(foreignKeys)
                .contains(
                        "study_version.study_id -> study",
                        "response.study_version_id -> study_version",
                        "response.participant_id -> participant",
                        "answer.response_id -> response",
                        "consent.response_id -> response",
                        "study_role.account_id -> researcher_account",
                        "study_role.study_id -> study",
                        "access_token.account_id -> researcher_account",
                        "access_token_study.study_id -> study",
                        "response_import.study_id -> study",
                        "follow_up_contact.response_id -> response",
                        "follow_up_contact.study_id -> study");
    }

    @Test
    void allowsOneResponsePerIdempotencyKeyAndStudy() {
        List<String> unique = jdbc.sql("""
                        SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM information_schema.statistics
                        WHERE table_schema = DATABASE() AND table_name = 'response' AND non_unique = 0
                        GROUP BY index_name""").query(String.class).list();
        assertThat(unique).contains("study_id,idempotency_key", "pseudonym", "resume_code_hash", "receipt_code_hash");
    }

    @Test
    void keepsFullUnicodeTextIntact() {
        String text = "Recovery is \u201chaving hope\u201d \uD83C\uDF31 \u2014 \u0639\u0631\u0628\u064A \u4E2D\u6587";
        jdbc.sql("INSERT INTO audit_event (occurred_at, actor, action, detail) VALUES (NOW(6), 'test', 'unicode', ?)")
                .param(text)
                .update();
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'unicode'")
                        .query(String.class)
                        .single())
                .isEqualTo(text);
    }
}
