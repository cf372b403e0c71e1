package org.waymark.survey.search;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.responses.StoredAnswer;
import org.waymark.survey.studies.AnswerValue;

/**
 * What the search index reads from the database: the change feed ({@code index_outbox}), each index's
 * place in it ({@code index_cursor}), and responses as they are now.
 */
@Repository
class IndexedAnswers {

    /** One change to apply: a response was submitted, edited or withdrawn. */
    record Change(long id, String studyId, long responseId, LocalDateTime createdAt) {}

    /** A response as it is now, with all its answers (the groupings need the coded ones). */
    record ResponseNow(
            long id,
            String studyId,
            String pseudonym,
            long studyVersionId,
            String status,
            Map<String, AnswerValue> answers) {

        boolean submitted() {
            return status.equals("submitted");
        }
    }

    private final JdbcClient jdbc;

    IndexedAnswers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Change> changesAfter(long cursor, int limit) {
        return jdbc.sql(
                        "SELECT id, study_id, response_id, created_at FROM index_outbox WHERE id > ? ORDER BY id LIMIT ?")
                .params(cursor, limit)
                // Mapped by hand: the record mapper probes column labels it will not find, and the
                // driver builds an exception for each miss, on every poll of the feed.
                .query((row, n) -> new Change(
                        row.getLong(1), row.getString(2), row.getLong(3), row.getObject(4, LocalDateTime.class)))
                .list();
    }

    long lastChange() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM index_outbox")
                .query(Long.class)
                .single();
    }

    long cursor(String indexName) {
        return jdbc.sql("SELECT last_outbox_id FROM index_cursor WHERE index_name = ?")
                .param(indexName)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Records how far an index has applied the feed; called only after the index has committed. */
    void saveCursor(String indexName, long lastApplied, LocalDateTime at) {
        jdbc.sql("""
                        INSERT INTO index_cursor (index_name, last_outbox_id, updated_at) VALUES (?, ?, ?)
                        ON DUPLICATE KEY UPDATE last_outbox_id = VALUES(last_outbox_id), updated_at = VALUES(updated_at)""").params(indexName, lastApplied, at).update();
    }

    /** The responses as they are now; a response deleted altogether is simply absent. */
    Map<Long, ResponseNow> responses(Collection<Long> ids) {
        Map<Long, ResponseNow> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String marks = String.join(",", ids.stream().map(id -> "?").toList());
        jdbc.sql("""
                        SELECT r.id, r.study_id, r.pseudonym, r.study_version_id, r.status, a.question_id, a.kind, a.value
                        FROM response r LEFT JOIN answer a ON a.response_id = r.id
                        WHERE r.id IN (%s) ORDER BY r.id""".formatted(marks)).params(new ArrayList<>(ids)).query((RowCallbackHandler) row -> {
            ResponseNow response = found.computeIfAbsent(row.getLong(1), id -> newResponse(id, row));
            if (row.getString(6) != null) {
                response.answers()
                        .put(row.getString(6), new StoredAnswer(row.getString(7), row.getString(8)).toAnswer());
            }
        });
        return found;
    }

    /**
     * Streams every submitted response, from one consistent snapshot, and returns a point in the feed
     * that the snapshot certainly includes: the last change written before {@code settledBefore}. Changes
     * after it may or may not be in the snapshot (a transaction can commit after a later one), so the
     * rebuild applies them again, which changes nothing where they were already included.
     */
    @Transactional(readOnly = true)
    long streamSubmitted(LocalDateTime settledBefore, Consumer<ResponseNow> consumer) {
        long lastChange = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM index_outbox WHERE created_at < ?")
                .param(settledBefore)
                .query(Long.class)
                .single();
        ResponseNow[] current = {null};
        jdbc.sql("""
                        SELECT r.id, r.study_id, r.pseudonym, r.study_version_id, r.status, a.question_id, a.kind, a.value
                        FROM response r LEFT JOIN answer a ON a.response_id = r.id
                        WHERE r.status = 'submitted' ORDER BY r.id""").withFetchSize(2_000).query((RowCallbackHandler) row -> {
            long id = row.getLong(1);
            if (current[0] == null || current[0].id() != id) {
                if (current[0] != null) {
                    consumer.accept(current[0]);
                }
                current[0] = newResponse(id, row);
            }
            if (row.getString(6) != null) {
                current[0]
                        .answers()
                        .put(row.getString(6), new StoredAnswer(row.getString(7), row.getString(8)).toAnswer());
            }
        });
        if (current[0] != null) {
            consumer.accept(current[0]);
        }
        return lastChange;
    }

    /** The ids ({@code study/response/question}) of every non-blank free-text answer submitted to a study. */
    List<String> textAnswerIds(String studyId) {
        return jdbc.sql("""
                        SELECT CONCAT(r.study_id, '/', r.id, '/', a.question_id)
                        FROM response r JOIN answer a ON a.response_id = r.id
                        WHERE r.study_id = ? AND r.status = 'submitted' AND a.kind = 'text' AND TRIM(a.value) <> ''""").param(studyId).query(String.class).list();
    }

    /** The database id of a submitted response, from its pseudonymous id. */
    java.util.Optional<Long> responseKey(String studyId, String pseudonym) {
        return jdbc.sql("SELECT id FROM response WHERE study_id = ? AND pseudonym = ? AND status = 'submitted'")
                .params(studyId, pseudonym)
                .query(Long.class)
                .optional();
    }

    private static ResponseNow newResponse(long id, java.sql.ResultSet row) {
        try {
            return new ResponseNow(
                    id, row.getString(2), row.getString(3), row.getLong(4), row.getString(5), new LinkedHashMap<>());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not read a response row", e);
        }
    }
}
