package org.waymark.survey.themes;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Codings: proposals from rules, coders' own codes, their decisions, and consensus. */
@Repository
class Codings {

    /** A coding as researchers see it: the response by its pseudonymous id. */
    record Coding(
            long id,
            String responseId,
            String question,
            String theme,
            String coder,
            String status,
            boolean present,
            Integer start,
            Integer end,
            String decidedBy) {}

    /** An answer a coder has coded with a theme (present), for agreement. */
    record Coded(long responseKey, String question, String theme, String coder) {}

    /**
     * The condition (on a coding aliased {@code c}) for a theme to count for an answer: a coder gave it,
     * confirmed its proposal, or a consensus found it, and no consensus on that same answer found it absent.
     */
    static final String COUNTS_AS_PRESENT = """
            c.present AND c.status IN ('confirmed', 'consensus')
            AND NOT EXISTS (SELECT 1 FROM coding x WHERE x.response_id = c.response_id AND x.question_id = c.question_id
                            AND x.theme_code = c.theme_code AND x.status = 'consensus' AND NOT x.present)""";

    /** Codings with their response's pseudonymous id, never its database id. */
    private static final String SELECT_CODINGS = """
            SELECT c.id, r.pseudonym AS response_id, c.question_id AS question, c.theme_code AS theme, c.coder,
                   c.status, c.present, c.start_offset AS start, c.end_offset AS end, c.decided_by
            FROM coding c JOIN response r ON r.id = c.response_id""";

    private final JdbcClient jdbc;

    Codings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Proposes a theme for an answer unless a rule proposed it already; returns whether it was new. */
    boolean propose(String studyId, long responseKey, String question, String theme, LocalDateTime at) {
        return jdbc.sql("""
                        INSERT INTO coding (study_id, response_id, question_id, theme_code, coder, status, present, created_at)
                        SELECT ?, ?, ?, ?, 'rule', 'proposed', TRUE, ? FROM DUAL
                        WHERE NOT EXISTS (SELECT 1 FROM coding WHERE response_id = ? AND question_id = ?
                                          AND theme_code = ? AND coder = 'rule')""")
                        .params(studyId, responseKey, question, theme, at, responseKey, question, theme)
                        .update()
                == 1;
    }

    long add(
            String studyId,
            long responseKey,
            String question,
            String theme,
            String coder,
            String status,
            boolean present,
            Integer start,
            Integer end,
            LocalDateTime at) {
        jdbc.sql("""
                        INSERT INTO coding (study_id, response_id, question_id, theme_code, coder, status, present,
                                            start_offset, end_offset, decided_by, created_at, decided_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(studyId, responseKey, question, theme, coder, status, present, start, end, coder, at, at)
                .update();
        return jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
    }

    /** Confirms or rejects a proposal; false if there is no such open proposal in the study. */
    boolean decide(String studyId, long codingId, String status, String actor, LocalDateTime at) {
        return jdbc.sql("""
                        UPDATE coding SET status = ?, decided_by = ?, decided_at = ?
                        WHERE id = ? AND study_id = ? AND status = 'proposed'""").params(status, actor, at, codingId, studyId).update() == 1;
    }

    /**
     * The condition (on a coding aliased {@code c}, with the coder's name given twice) for a coding to be
     * one coder's own work during a blind round: their code, or a proposal they decided. A null name
     * (a viewer who sees every coder) lets every coding through.
     */
    private static final String VISIBLE_TO = "(? IS NULL OR c.coder = ? OR (c.coder = 'rule' AND c.decided_by = ?))";

    /**
     * @param onlyOf a coder whose own codings alone are listed (in a blind round), or null for all
     */
    List<Coding> list(String studyId, String status, String theme, String onlyOf, int page, int size) {
        return jdbc.sql(SELECT_CODINGS
                        + " WHERE c.study_id = ? AND (? IS NULL OR c.status = ?) AND (? IS NULL OR c.theme_code = ?) AND "
                        + VISIBLE_TO + " ORDER BY c.id LIMIT ? OFFSET ?")
                .params(studyId, status, status, theme, theme, onlyOf, onlyOf, onlyOf, size, (long) page * size)
                .query(Coding.class)
                .list();
    }

    /** The codings of some responses (by pseudonymous id) that the viewer may see, oldest first. */
    List<Coding> onResponses(String studyId, List<String> responseIds, String onlyOf) {
        if (responseIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT_CODINGS + " WHERE c.study_id = :study AND r.pseudonym IN (:responses) AND "
                        + VISIBLE_TO.replace("?", ":coder") + " ORDER BY c.id")
                .param("study", studyId)
                .param("responses", responseIds)
                .param("coder", onlyOf)
                .query(Coding.class)
                .list();
    }

    /** Everyone who has coded in the study (their own codes or proposals they confirmed), by name. */
    List<String> coders(String studyId) {
        return jdbc.sql("""
                        SELECT DISTINCT CASE WHEN coder = 'rule' THEN decided_by ELSE coder END AS who
                        FROM coding WHERE study_id = ? AND present AND status = 'confirmed' ORDER BY who""").param(studyId).query(String.class).list();
    }

    Optional<Coding> find(String studyId, long codingId) {
        return jdbc.sql(SELECT_CODINGS + " WHERE c.study_id = ? AND c.id = ?")
                .params(studyId, codingId)
                .query(Coding.class)
                .optional();
    }

    /** Every theme two coders gave (by their own code or by confirming a proposal), for agreement. */
    List<Coded> codedBy(String studyId, List<String> coders) {
        return jdbc.sql("""
                        SELECT response_id AS response_key, question_id AS question, theme_code AS theme,
                               CASE WHEN status = 'confirmed' AND coder = 'rule' THEN decided_by ELSE coder END AS coder
                        FROM coding
                        WHERE study_id = ? AND present AND status = 'confirmed'
                          AND (CASE WHEN coder = 'rule' THEN decided_by ELSE coder END) IN (?, ?)""")
                .params(studyId, coders.get(0), coders.get(1))
                .query(Coded.class)
                .list();
    }
}
