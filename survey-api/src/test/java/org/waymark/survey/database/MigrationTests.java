package org.waymark.survey.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import javax.sql.DataSource;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.waymark.survey.WaymarkIntegrationTest;

/** The changelogs, run by Liquibase itself against an empty database on the real MariaDB. */
@WaymarkIntegrationTest
class MigrationTests {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    private static final String SCHEMA = "waymark_migration_check";
    private static final List<String> TABLES = List.of(
            "access_token",
            "access_token_study",
            "answer",
            "audit_chain_head",
            "audit_event",
            "codebook",
            "coding",
            "consent",
            "follow_up_contact",
            "index_cursor",
            "index_outbox",
            "participant",
            "quote",
            "report_draft",
            "researcher_account",
            "response",
            "response_import",
            "screen_out",
            "study",
            "study_role",
            "study_version",
            "theme");

    @Autowired
    EmbeddedMariaDb server;

    @Autowired
    DataSource applicationDataSource;

    private JdbcClient admin;
    private Connection connection;
    private Database database;

    @BeforeEach
    void emptyDatabase() throws Exception {
        admin = JdbcClient.create(applicationDataSource);
        admin.sql("DROP DATABASE IF EXISTS " + SCHEMA).update();
        admin.sql("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
                .update();
        String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/" + SCHEMA;
        connection = DriverManager.getConnection(url, EmbeddedMariaDb.USER, "");
        database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    }

    @AfterEach
    void dropIt() throws Exception {
        connection.close();
        admin.sql("DROP DATABASE IF EXISTS " + SCHEMA).update();
    }

    private void update() throws Exception {
        new CommandScope("update")
                .addArgumentValue("database", database)
                .addArgumentValue("changelogFile", CHANGELOG)
                .execute();
    }

    private void rollback(int count) throws Exception {
        new CommandScope("rollbackCount")
                .addArgumentValue("database", database)
                .addArgumentValue("changelogFile", CHANGELOG)
                .addArgumentValue("count", count)
                .execute();
    }

    private List<String> tables() {
        return JdbcClient.create(new SingleConnectionDataSource(connection, true))
                .sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = ? AND table_name NOT LIKE 'DATABASECHANGELOG%'
                        ORDER BY table_name""")
                .param(SCHEMA)
                .query(String.class)
                .list();
    }

    @Test
    void createsEveryTableOnAnEmptyDatabase() throws Exception {
        update();
        assertThat(tables()).containsExactlyElementsOf(TABLES);
    }

    @Test
    void rollsBackTheLatestChangesetsAndAppliesThemAgain() throws Exception {
        update();
        assertThat(triggers()).containsExactly("audit_event_no_delete", "audit_event_no_update");
        // The newest four: 0014's blind coding columns, 0013's contact details, 0012's sign-in columns,
        // then 0011's report drafts.
        assertThat(columns("study")).contains("blind_coding_since", "blind_coding_by");
        rollback(4);
        assertThat(columns("study")).doesNotContain("blind_coding_since", "blind_coding_by");
        assertThat(columns("researcher_account")).doesNotContain("totp_secret", "totp_last_step");
        assertThat(columns("access_token")).doesNotContain("site_admin");
        assertThat(tables())
                .doesNotContain("report_draft", "follow_up_contact")
                .contains("access_token", "access_token_study", "codebook", "study_role", "response");
        update();
        assertThat(tables()).containsExactlyElementsOf(TABLES);
        assertThat(columns("researcher_account")).contains("totp_secret", "totp_last_step");
        assertThat(columns("study")).contains("blind_coding_since", "blind_coding_by");
        assertThat(triggers()).hasSize(2);
    }

    private List<String> columns(String table) {
        return JdbcClient.create(new SingleConnectionDataSource(connection, true))
                .sql("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")
                .params(SCHEMA, table)
                .query(String.class)
                .list();
    }

    private List<String> triggers() {
        return JdbcClient.create(new SingleConnectionDataSource(connection, true))
                .sql("SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = ? ORDER BY 1")
                .param(SCHEMA)
                .query(String.class)
                .list();
    }

    @Test
    void rollsBackEveryChangesetToAnEmptyDatabase() throws Exception {
        update();
        rollback(100);
        assertThat(tables()).isEmpty();
    }
}
