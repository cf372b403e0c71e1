package org.waymark.survey.responses;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.waymark.survey.Sha256;
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

    /*
     * Rows are mapped by column rather than by record: JdbcClient's record mapping looks for each
     * camel-case name first ('studyId'), which the driver refuses by throwing an exception, so every
     * row cost one exception per two-word column.
     */
    private static final RowMapper<StoredResponse> STORED_RESPONSE = (rs, row) -> new StoredResponse(
            rs.getLong("id"),
            rs.getString("pseudonym"),
            rs.getString("study_id"),
            rs.getLong("study_version_id"),
            rs.getString("status"),
            rs.getString("idempotency_key"),
            rs.getString("request_sha256"),
            rs.getObject("expires_at", LocalDateTime.class));

    private static final RowMapper<ListedResponse> LISTED_RESPONSE = (rs, row) -> new ListedResponse(
            rs.getString("response_id"),
            rs.getString("status"),
            rs.getInt("definition_version"),
            rs.getObject("submitted_at", LocalDateTime.class),
            rs.getString("source"));

    private final JdbcClient jdbc;

    ResponseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A response to store as a draft or as submitted, with what intake needs to find it again. */
    public record NewResponse(
            Submission content,
            String status,
            String idempotencyKey,
            String requestSha256,
            String resumeCodeHash,
            String receiptCodeHash,
            LocalDateTime expiresAt) {}

    /** A stored response as intake sees it. */
    public record StoredResponse(
            long id,
            String pseudonym,
            String studyId,
            long studyVersionId,
            String status,
            String idempotencyKey,
            String requestSha256,
            LocalDateTime expiresAt) {}

    /** Stores a submitted response; returns its database id. Call inside a transaction. */
    public long insertSubmitted(Submission submission) {
        return insert(new NewResponse(submission, "submitted", null, null, null, null, null))
                .id();
    }

    /** A stored response's database id and its pseudonymous public id. */
    public record Inserted(long id, String pseudonym) {}

    /** Stores a response with its answers, consent and, once submitted, its index-outbox row. */
    public Inserted insert(NewResponse response) {
        Submission submission = response.content();
        LocalDateTime at = submission.submittedAt();
        boolean submitted = response.status().equals("submitted");
        GeneratedKeyHolder participantKey = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO participant (study_id, pseudonym, created_at) VALUES (?, ?, ?)")
                .params(submission.studyId(), Pseudonyms.next(), at)
                .update(participantKey, "id");
        long participantId = Objects.requireNonNull(participantKey.getKey()).longValue();

        GeneratedKeyHolder responseKey = new GeneratedKeyHolder();
        String pseudonym = Pseudonyms.next();
        jdbc.sql("""
                        INSERT INTO response (pseudonym, study_id, study_version_id, participant_id, status, source,
                                              idempotency_key, request_sha256, resume_code_hash, receipt_code_hash,
                                              created_at, updated_at, submitted_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        pseudonym,
                        submission.studyId(),
                        submission.studyVersionId(),
                        participantId,
                        response.status(),
                        submission.source(),
                        response.idempotencyKey(),
                        response.requestSha256(),
                        response.resumeCodeHash(),
                        response.receiptCodeHash(),
                        at,
                        at,
                        submitted ? at : null,
                        response.expiresAt())
                .update(responseKey, "id");
        long responseId = Objects.requireNonNull(responseKey.getKey()).longValue();
        writeConsent(responseId, submission.consentVersion(), submission.statementsAgreed(), at);
        writeAnswers(responseId, submission.answers());
        if (submitted) {
            outbox(submission.studyId(), responseId, "upsert", at);
        }
        return new Inserted(responseId, pseudonym);
    }

    /** Replaces a draft's answers and consent. */
    public void replaceDraft(
            long responseId,
            Map<String, AnswerValue> answers,
            String consentVersion,
            List<String> agreed,
            LocalDateTime at) {
        jdbc.sql("DELETE FROM answer WHERE response_id = ?").param(responseId).update();
        jdbc.sql("DELETE FROM consent WHERE response_id = ?").param(responseId).update();
        writeConsent(responseId, consentVersion, agreed, at);
        writeAnswers(responseId, answers);
        jdbc.sql("UPDATE response SET updated_at = ? WHERE id = ?")
                .params(at, responseId)
                .update();
    }

    /** Turns a draft into a submitted response; its resume code stops working. */
    public void markSubmitted(long responseId, String studyId, String receiptCodeHash, LocalDateTime at) {
        jdbc.sql("""
                        UPDATE response SET status = 'submitted', submitted_at = ?, updated_at = ?, receipt_code_hash = ?,
                                            resume_code_hash = NULL, expires_at = NULL
                        WHERE id = ? AND status = 'draft'""").params(at, at, receiptCodeHash, responseId).update();
        outbox(studyId, responseId, "upsert", at);
    }

    /** What a withdrawn response keeps in place of its Idempotency-Key: a marked hash of it. */
    public static String withdrawnKey(String idempotencyKey) {
        return WITHDRAWN_KEY + Sha256.hex(idempotencyKey);
    }

    private static final String WITHDRAWN_KEY = "withdrawn:";

    /**
     * Withdraws a response: its answers, consent, theme codings (with their quotes) and any contact details
     * left for follow-up are deleted, and
     * so are its codes and request hash. What remains is the row saying that a response to this study
     * version existed and was withdrawn, and when. Its Idempotency-Key is kept only as a hash, so that
     * the same request sent again is recognised and refused rather than storing the answers anew.
     * A delete row in the index feed tells each index to remove it. Its earlier feed rows stay: they
     * hold ids only, never text, and a gap in the feed would hold up an index reading it from the start.
     */
    public void withdraw(long responseId, String studyId, LocalDateTime at) {
        jdbc.sql("DELETE FROM follow_up_contact WHERE response_id = ?")
                .param(responseId)
                .update();
        jdbc.sql("DELETE FROM coding WHERE response_id = ?").param(responseId).update();
        jdbc.sql("DELETE FROM answer WHERE response_id = ?").param(responseId).update();
        jdbc.sql("DELETE FROM consent WHERE response_id = ?").param(responseId).update();
        jdbc.sql("""
                        UPDATE response SET status = 'withdrawn', withdrawn_at = ?, updated_at = ?,
                                            idempotency_key = IF(idempotency_key IS NULL, NULL,
                                                                 CONCAT(?, SHA2(idempotency_key, 256))),
                                            request_sha256 = NULL, resume_code_hash = NULL, receipt_code_hash = NULL
                        WHERE id = ?""").params(at, at, WITHDRAWN_KEY, responseId).update();
        outbox(studyId, responseId, "delete", at);
    }

    /**
     * Deletes all of a study's responses, withdrawn ones' records included, with their answers, consent,
     * codings and quotes, a thousand participants at a time; the index is told to drop each submitted
     * one first. Safe to run again after an interruption. Returns how many responses were deleted. The
     * record of imported files stays (file hashes and counts only), so an old file cannot be imported
     * again to bring the data back.
     */
    public int deleteAllOfStudy(String studyId, LocalDateTime at) {
        jdbc.sql("""
                        INSERT INTO index_outbox (study_id, response_id, operation, created_at)
                        SELECT study_id, id, 'delete', ? FROM response WHERE study_id = ? AND status = 'submitted'""").params(at, studyId).update();
        int responses =
                (int) count(studyId, "submitted") + (int) count(studyId, "draft") + (int) count(studyId, "withdrawn");
        while (jdbc.sql("DELETE FROM participant WHERE study_id = ? LIMIT 1000")
                        .param(studyId)
                        .update()
                > 0) {
            // Each batch commits on its own, so a large study never holds one long transaction.
        }
        return responses;
    }

    /** Whether a response sent with this Idempotency-Key was withdrawn. */
    public boolean keyWithdrawn(String studyId, String idempotencyKey) {
        return jdbc.sql("SELECT COUNT(*) FROM response WHERE study_id = ? AND idempotency_key = ?")
                        .params(studyId, withdrawnKey(idempotencyKey))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * One response for the study team's detail page: what the list shows, and which definition version
     * it answered, so its answers can be read with that version's wording.
     */
    public record ResponseDetail(long id, long studyVersionId, ListedResponse listed) {}

    /** A study's response by its pseudonymous id, for the detail page; empty for another study's. */
    public java.util.Optional<ResponseDetail> detail(String studyId, String pseudonym) {
        return jdbc.sql("""
                        SELECT r.id, r.study_version_id, r.pseudonym AS response_id, r.status,
                               v.version AS definition_version, r.submitted_at, r.source
                        FROM response r JOIN study_version v ON v.id = r.study_version_id
                        WHERE r.study_id = ? AND r.pseudonym = ?""")
                .params(studyId, pseudonym)
                .query((rs, row) -> new ResponseDetail(
                        rs.getLong("id"), rs.getLong("study_version_id"), LISTED_RESPONSE.mapRow(rs, row)))
                .optional();
    }

    /** A study's response by its pseudonymous id. */
    public java.util.Optional<StoredResponse> findByPseudonym(String studyId, String pseudonym) {
        return findWhere("study_id = ? AND pseudonym = ?", studyId, pseudonym);
    }

    /** Deletes drafts whose time ran out, with their participants; returns how many. */
    public int deleteExpiredDrafts(LocalDateTime now) {
        List<Long> participants = jdbc.sql(
                        "SELECT participant_id FROM response WHERE status = 'draft' AND expires_at < ?")
                .param(now)
                .query(Long.class)
                .list();
        for (long participant : participants) {
            jdbc.sql("DELETE FROM participant WHERE id = ?").param(participant).update();
        }
        return participants.size();
    }

    public java.util.Optional<StoredResponse> findByIdempotencyKey(String studyId, String key) {
        return findWhere("study_id = ? AND idempotency_key = ?", studyId, key);
    }

    public java.util.Optional<StoredResponse> findDraftByResumeCode(String resumeCodeHash) {
        return findWhere("resume_code_hash = ? AND status = 'draft'", resumeCodeHash);
    }

    public java.util.Optional<StoredResponse> findSubmittedByReceiptCode(String receiptCodeHash) {
        return findWhere("receipt_code_hash = ? AND status = 'submitted'", receiptCodeHash);
    }

    /** Locks the response row until the transaction ends, so two changes to it cannot interleave. */
    public void lock(long responseId) {
        jdbc.sql("SELECT id FROM response WHERE id = ? FOR UPDATE")
                .param(responseId)
                .query(Long.class)
                .single();
    }

    private java.util.Optional<StoredResponse> findWhere(String condition, Object... params) {
        return jdbc.sql("SELECT id, pseudonym, study_id, study_version_id, status, idempotency_key, request_sha256,"
                        + " expires_at FROM response WHERE " + condition)
                .params(params)
                .query(STORED_RESPONSE)
                .optional();
    }

    /** The consent stored with a response: version and statements agreed. */
    public record StoredConsent(String consentVersion, List<String> agreed) {}

    public StoredConsent consent(long responseId) {
        return jdbc.sql("SELECT consent_version, statements_agreed FROM consent WHERE response_id = ?")
                .param(responseId)
                .query((rs, row) -> new StoredConsent(
                        rs.getString(1),
                        rs.getString(2).isEmpty()
                                ? List.of()
                                : List.of(rs.getString(2).split(";"))))
                .single();
    }

    /**
     * One page of a study's responses, by pseudonymous id, newest first.
     *
     * @param source how it came in: {@code api} (online, through the participant pages or the API), {@code
     *     import} (a CSV file of paper or interview responses), {@code paper} or {@code interview} (a file
     *     imported on the workspace's import page, which asks), or {@code synthetic} (demo data)
     */
    public record ListedResponse(
            String responseId, String status, int definitionVersion, LocalDateTime submittedAt, String source) {}

    public List<ListedResponse> list(String studyId, String status, int page, int size) {
        return jdbc.sql("""
                        SELECT r.pseudonym AS response_id, r.status, v.version AS definition_version, r.submitted_at,
                               r.source
                        FROM response r JOIN study_version v ON v.id = r.study_version_id
                        WHERE r.study_id = ? AND r.status = ?
                        ORDER BY r.id DESC LIMIT ? OFFSET ?""")
                .params(studyId, status, size, (long) page * size)
                .query(LISTED_RESPONSE)
                .list();
    }

    private void writeConsent(long responseId, String version, List<String> agreed, LocalDateTime at) {
        jdbc.sql("""
                        INSERT INTO consent (response_id, consent_version, statements_agreed, agreed_at)
                        VALUES (?, ?, ?, ?)""").params(responseId, version, String.join(";", agreed), at).update();
    }

    /**
     * All of a response's answers in one multi-row INSERT: one statement for the server to parse and
     * run, rather than one per answer. A response has at most one row per question of its definition.
     */
    private void writeAnswers(long responseId, Map<String, AnswerValue> answers) {
        if (answers.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO answer (response_id, question_id, kind, value) VALUES ");
        List<Object> params = new ArrayList<>(answers.size() * 4);
        answers.forEach((question, answer) -> {
            StoredAnswer stored = StoredAnswer.of(answer);
            sql.append(params.isEmpty() ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
            params.add(responseId);
            params.add(question);
            params.add(stored.kind());
            params.add(stored.value());
        });
        jdbc.sql(sql.toString()).params(params).update();
    }

    private void outbox(String studyId, long responseId, String operation, LocalDateTime at) {
        jdbc.sql("INSERT INTO index_outbox (study_id, response_id, operation, created_at) VALUES (?, ?, ?, ?)")
                .params(studyId, responseId, operation, at)
                .update();
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
