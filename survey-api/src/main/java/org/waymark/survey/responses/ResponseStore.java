package org.waymark.survey.responses;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.waymark.survey.studies.AnswerValue;

/**
 * Writes and reads responses. A submitted response, its answers, its consent and its index-outbox row
 * are written together; callers hold the transaction, so either all of it is stored or none.
 */
@Repository
public class ResponseStore {

    /** A response to store as submitted. */
    public record Submission(
            String studyId,
            long studyVersionId,
            Map<String, AnswerValue> answers,
            String consentVersion,
            List<String> statementsAgreed,
            String source,
            LocalDateTime submittedAt) {

        public Submission {
            answers = new LinkedHashMap<>(answers);
            statementsAgreed = List.copyOf(statementsAgreed);
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ResponseStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Stores a submitted response; returns its database id. Call inside a transaction. */
    public long insertSubmitted(Submission submission) {
        LocalDateTime at = submission.submittedAt();
        GeneratedKeyHolder participantKey = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO participant (study_id, pseudonym, created_at) VALUES (?, ?, ?)")
                .params(submission.studyId(), Pseudonyms.next(), at)
                .update(participantKey, "id");
        long participantId = Objects.requireNonNull(participantKey.getKey()).longValue();

        GeneratedKeyHolder responseKey = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO response (pseudonym, study_id, study_version_id, participant_id, status, source,
                                              created_at, updated_at, submitted_at)
                        VALUES (?, ?, ?, ?, 'submitted', ?, ?, ?, ?)""")
                .params(
                        Pseudonyms.next(),
                        submission.studyId(),
                        submission.studyVersionId(),
                        participantId,
                        submission.source(),
                        at,
                        at,
                        at)
                .update(responseKey, "id");
        long responseId = Objects.requireNonNull(responseKey.getKey()).longValue();

        jdbc.sql("""
                        INSERT INTO consent (response_id, consent_version, statements_agreed, agreed_at)
                        VALUES (?, ?, ?, ?)""")
                .params(responseId, submission.consentVersion(), String.join(";", submission.statementsAgreed()), at)
                .update();

        List<Object[]> rows = new ArrayList<>(submission.answers().size());
        submission.answers().forEach((question, answer) -> {
            StoredAnswer stored = StoredAnswer.of(answer);
            rows.add(new Object[] {responseId, question, stored.kind(), stored.value()});
        });
        batch.batchUpdate("INSERT INTO answer (response_id, question_id, kind, value) VALUES (?, ?, ?, ?)", rows);

        jdbc.sql("""
                        INSERT INTO index_outbox (study_id, response_id, operation, created_at)
                        VALUES (?, ?, 'upsert', ?)""").params(submission.studyId(), responseId, at).update();
        return responseId;
    }

    /** The answers of one response, keyed by question id. */
    public Map<String, AnswerValue> answers(long responseId) {
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        jdbc.sql("SELECT question_id, kind, value FROM answer WHERE response_id = ? ORDER BY question_id")
                .param(responseId)
                .query(rs -> {
                    answers.put(
                            rs.getString("question_id"),
                            new StoredAnswer(rs.getString("kind"), rs.getString("value")).toAnswer());
                });
        return answers;
    }

    /** How many responses a study has in a status. */
    public long count(String studyId, String status) {
        return jdbc.sql("SELECT COUNT(*) FROM response WHERE study_id = ? AND status = ?")
                .params(studyId, status)
                .query(Long.class)
                .single();
    }
}
