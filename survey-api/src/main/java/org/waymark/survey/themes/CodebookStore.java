package org.waymark.survey.themes;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Codebook versions and their themes. */
@Repository
class CodebookStore {

    private final JdbcClient jdbc;

    CodebookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Codebook> current(String studyId) {
        return jdbc.sql("SELECT MAX(version) FROM codebook WHERE study_id = ?")
                .param(studyId)
                .query(Integer.class)
                .optional()
                .flatMap(version -> version(studyId, version));
    }

    Optional<Codebook> version(String studyId, int version) {
        Optional<Long> id = jdbc.sql("SELECT id FROM codebook WHERE study_id = ? AND version = ?")
                .params(studyId, version)
                .query(Long.class)
                .optional();
        return id.map(codebookId -> new Codebook(
                version,
                jdbc.sql("""
                                SELECT code, name, description, parent_code AS parent, rule
                                FROM theme WHERE codebook_id = ? ORDER BY position""").param(codebookId).query(Codebook.Theme.class).list()));
    }

    /** Stores the themes as the study's next codebook version; returns its number. Call in a transaction. */
    int saveNext(String studyId, List<Codebook.Theme> themes, String actor, LocalDateTime at) {
        int version = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM codebook WHERE study_id = ? FOR UPDATE")
                .param(studyId)
                .query(Integer.class)
                .single();
        jdbc.sql("INSERT INTO codebook (study_id, version, created_by, created_at) VALUES (?, ?, ?, ?)")
                .params(studyId, version, actor, at)
                .update();
        long codebookId = jdbc.sql("SELECT id FROM codebook WHERE study_id = ? AND version = ?")
                .params(studyId, version)
                .query(Long.class)
                .single();
        for (int i = 0; i < themes.size(); i++) {
            Codebook.Theme theme = themes.get(i);
            jdbc.sql("""
                            INSERT INTO theme (codebook_id, code, position, name, description, parent_code, rule)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            codebookId,
                            theme.code(),
                            i,
                            theme.name(),
                            theme.description(),
                            theme.parent(),
                            theme.rule())
                    .update();
        }
        return version;
    }
}
