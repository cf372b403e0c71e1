package org.waymark.survey.studies;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Studies and their definition versions in MariaDB. */
@Repository
public class StudyRepository {

    /** A stored definition version. */
    public record StoredVersion(long id, String studyId, int version, String status, String definitionJson) {}

    private final JdbcClient jdbc;

    StudyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String studyId) {
        return jdbc.sql("SELECT COUNT(*) FROM study WHERE id = ?")
                        .param(studyId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    String status(String studyId) {
        return jdbc.sql("SELECT status FROM study WHERE id = ?")
                .param(studyId)
                .query(String.class)
                .single();
    }

    void insertStudy(String studyId, boolean synthetic, LocalDateTime now) {
        jdbc.sql("INSERT INTO study (id, status, synthetic, created_at, updated_at) VALUES (?, 'draft', ?, ?, ?)")
                .params(studyId, synthetic, now, now)
                .update();
    }

    void insertVersion(ValidatedDefinition definition, String status, LocalDateTime now) {
        jdbc.sql("""
                        INSERT INTO study_version
                            (study_id, version, status, title, definition_json, definition_sha256, created_at, published_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        definition.id(),
                        definition.version(),
                        status,
                        definition.definition().title(),
                        definition.json(),
                        definition.sha256(),
                        now,
                        "published".equals(status) ? now : null)
                .update();
    }

    int replaceDraft(ValidatedDefinition definition) {
        return jdbc.sql("""
                        UPDATE study_version SET title = ?, definition_json = ?, definition_sha256 = ?
                        WHERE study_id = ? AND version = ? AND status = 'draft'""")
                .params(
                        definition.definition().title(),
                        definition.json(),
                        definition.sha256(),
                        definition.id(),
                        definition.version())
                .update();
    }

    /** The newest version of a study, draft or published, locked until the transaction ends. */
    Optional<StoredVersion> latestVersionForUpdate(String studyId) {
        return jdbc.sql("""
                        SELECT id, study_id, version, status, definition_json FROM study_version
                        WHERE study_id = ? ORDER BY version DESC LIMIT 1 FOR UPDATE""").param(studyId).query(StoredVersion.class).optional();
    }

    void markPublished(long versionId, LocalDateTime now) {
        jdbc.sql("UPDATE study_version SET status = 'published', published_at = ? WHERE id = ? AND status = 'draft'")
                .params(now, versionId)
                .update();
    }

    void setStatus(String studyId, String status, LocalDateTime now) {
        jdbc.sql("UPDATE study SET status = ?, updated_at = ? WHERE id = ?")
                .params(status, now, studyId)
                .update();
    }

    /** The database id of a study's current published version, with the study's status. */
    record CurrentVersion(long versionId, String studyStatus) {}

    Optional<CurrentVersion> currentVersion(String studyId) {
        return jdbc.sql("""
                        SELECT v.id AS version_id, s.status AS study_status
                        FROM study s JOIN study_version v ON v.study_id = s.id AND v.status = 'published'
                        WHERE s.id = ? ORDER BY v.version DESC LIMIT 1""")
                .param(studyId)
                // By column, not by record: mapping by name first looks for 'versionId', which the driver
                // refuses with an exception, on every submission.
                .query((rs, row) -> new CurrentVersion(rs.getLong("version_id"), rs.getString("study_status")))
                .optional();
    }

    /** The current (newest published) version of a study. */
    public Optional<StoredVersion> publishedVersion(String studyId) {
        return jdbc.sql("""
                        SELECT id, study_id, version, status, definition_json FROM study_version
                        WHERE study_id = ? AND status = 'published' ORDER BY version DESC LIMIT 1""").param(studyId).query(StoredVersion.class).optional();
    }

    Optional<StoredVersion> versionById(long versionId) {
        return jdbc.sql("SELECT id, study_id, version, status, definition_json FROM study_version WHERE id = ?")
                .param(versionId)
                .query(StoredVersion.class)
                .optional();
    }

    Optional<StoredVersion> version(String studyId, int version) {
        return jdbc.sql("""
                        SELECT id, study_id, version, status, definition_json FROM study_version
                        WHERE study_id = ? AND version = ?""").params(studyId, version).query(StoredVersion.class).optional();
    }

    /** Every version of a study, newest first, without its definition. */
    List<StudyService.StudyVersion> versions(String studyId) {
        return jdbc.sql("""
                        SELECT version, status, created_at, published_at FROM study_version
                        WHERE study_id = ? ORDER BY version DESC""")
                .param(studyId)
                .query((rs, row) -> new StudyService.StudyVersion(
                        rs.getInt("version"),
                        rs.getString("status"),
                        rs.getObject("created_at", LocalDateTime.class),
                        rs.getObject("published_at", LocalDateTime.class)))
                .list();
    }

    List<StudySummary> listPublished() {
        return jdbc.sql("""
                        SELECT s.id, v.title, v.version, s.status, s.synthetic
                        FROM study s
                        JOIN study_version v ON v.study_id = s.id AND v.status = 'published'
                        WHERE v.version = (SELECT MAX(version) FROM study_version
                                           WHERE study_id = s.id AND status = 'published')
                        ORDER BY s.synthetic, s.id""").query(StudySummary.class).list();
    }
}
