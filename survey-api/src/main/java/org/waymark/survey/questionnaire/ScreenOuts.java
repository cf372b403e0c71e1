package org.waymark.survey.questionnaire;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts people found not eligible: a number per study, nothing about them. */
@Repository
class ScreenOuts {

    private final JdbcClient jdbc;

    ScreenOuts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void count(String studyId) {
        jdbc.sql("INSERT INTO screen_out (study_id, people) VALUES (?, 1) ON DUPLICATE KEY UPDATE people = people + 1")
                .param(studyId)
                .update();
    }

    long of(String studyId) {
        return jdbc.sql("SELECT COALESCE(MAX(people), 0) FROM screen_out WHERE study_id = ?")
                .param(studyId)
                .query(Long.class)
                .single();
    }
}
