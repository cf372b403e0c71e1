package org.waymark.survey.reports;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.web.ApiProblemException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved report drafts: the options an author chose and the text blocks they rewrote. A draft holds
 * no figure: every time it is opened, the report is rebuilt from the data as it is then.
 */
@Repository
class ReportDrafts {

    /**
     * A draft as sent and as returned. {@code texts} replace generated text by key: {@code about},
     * {@code summary}, {@code limitations}, or a finding's key ({@code finding:question:grouping}, with
     * {@code :option} for a multi question's option).
     */
    record Draft(
            Long id,
            String name,
            String sections,
            String questions,
            String by,
            String disclosure,
            Map<String, String> texts,
            String updatedBy,
            LocalDateTime updatedAt) {

        ReportOptions options() {
            return new ReportOptions(sections, questions, by, disclosure);
        }
    }

    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 5_000;
    static final int MAX_TEXTS = 200;

    private record Options(String sections, String questions, String by, String disclosure) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StudyService studies;
    private final AuditLog audit;
    private final Clock clock;

    ReportDrafts(JdbcClient jdbc, JsonMapper json, StudyService studies, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Draft save(String studyId, Long id, Draft draft, String actor) {
        check(studyId, draft);
        String options = json.writeValueAsString(
                new Options(draft.sections(), draft.questions(), draft.by(), draft.disclosure()));
        String texts = json.writeValueAsString(draft.texts() == null ? Map.of() : draft.texts());
        LocalDateTime now = LocalDateTime.now(clock);
        long saved;
        if (id == null) {
            var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO report_draft (study_id, name, options_json, texts_json, created_by, created_at,
                                                      updated_by, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(studyId, draft.name().strip(), options, texts, actor, now, actor, now)
                    .update(keys);
            saved = keys.getKey().longValue();
        } else {
            find(studyId, id);
            jdbc.sql("""
                            UPDATE report_draft SET name = ?, options_json = ?, texts_json = ?, updated_by = ?,
                                                    updated_at = ?
                            WHERE id = ? AND study_id = ?""")
                    .params(draft.name().strip(), options, texts, actor, now, id, studyId)
                    .update();
            saved = id;
        }
        audit.record(actor, "report.draft.saved", studyId, "report " + saved, null);
        return find(studyId, saved);
    }

    @Transactional(readOnly = true)
    List<Draft> list(String studyId) {
        studies.published(studyId);
        return jdbc.sql("SELECT * FROM report_draft WHERE study_id = ? ORDER BY id")
                .param(studyId)
                .query((row, n) -> draft(row))
                .list();
    }

    @Transactional(readOnly = true)
    Draft find(String studyId, long id) {
        studies.published(studyId);
        Optional<Draft> draft = jdbc.sql("SELECT * FROM report_draft WHERE study_id = ? AND id = ?")
                .params(studyId, id)
                .query((row, n) -> draft(row))
                .optional();
        return draft.orElseThrow(() -> ApiProblemException.notFound("Study '" + studyId + "' has no report draft " + id
                + ". GET /api/studies/" + studyId + "/reports lists its drafts."));
    }

    private Draft draft(java.sql.ResultSet row) throws java.sql.SQLException {
        Options options = json.readValue(row.getString("options_json"), Options.class);
        Map<String, String> texts = json.readValue(row.getString("texts_json"), new TypeReference<>() {});
        return new Draft(
                row.getLong("id"),
                row.getString("name"),
                options.sections(),
                options.questions(),
                options.by(),
                options.disclosure(),
                new LinkedHashMap<>(texts),
                row.getString("updated_by"),
                row.getObject("updated_at", LocalDateTime.class));
    }

    /** Refuses a draft whose options or text blocks could not make a report, saying what to fix. */
    private void check(String studyId, Draft draft) {
        if (draft == null
                || draft.name() == null
                || draft.name().isBlank()
                || draft.name().length() > MAX_NAME) {
            throw ReportOptions.bad("Give the draft a name of 1 to " + MAX_NAME + " characters: {\"name\": \"...\"}.");
        }
        draft.options().resolve(studies.published(studyId).definition());
        Map<String, String> texts = draft.texts() == null ? Map.of() : draft.texts();
        if (texts.size() > MAX_TEXTS) {
            throw ReportOptions.bad("A draft can replace at most " + MAX_TEXTS + " text blocks.");
        }
        texts.forEach((key, text) -> {
            boolean known = key.equals("about")
                    || key.equals("summary")
                    || key.equals("limitations")
                    || key.matches("finding:[a-z][a-z0-9_]{0,63}:[a-z][a-z0-9_]{0,63}(:[a-z0-9][a-z0-9_]{0,63})?");
            if (!known) {
                throw ReportOptions.bad("There is no text block '" + (key.length() > 80 ? key.substring(0, 80) : key)
                        + "'. Use 'about', 'summary', 'limitations' or a finding's key,"
                        + " such as 'finding:support_medication:gender'.");
            }
            if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
                throw ReportOptions.bad("The text block '" + key + "' must hold 1 to " + MAX_TEXT + " characters.");
            }
        });
    }
}
