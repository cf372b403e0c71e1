package org.waymark.survey.progress;

import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;

/** Counts a study's progress from the response table, in one read-only transaction. */
@Service
class ProgressService {

    /** A draft expiring within this is counted as expiring soon. */
    static final Duration SOON = Duration.ofDays(7);

    private final StudyService studies;
    private final JdbcClient jdbc;
    private final Clock clock;

    ProgressService(StudyService studies, JdbcClient jdbc, Clock clock) {
        this.studies = studies;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    StudyProgress of(String studyId) {
        ValidatedDefinition definition = studies.published(studyId).definition();
        LocalDateTime now = LocalDateTime.now(clock);
        Map<String, Long> byStatus = new HashMap<>();
        jdbc.sql("SELECT status, COUNT(*) AS n FROM response WHERE study_id = ? GROUP BY status")
                .param(studyId)
                .query((RowCallbackHandler) rs -> byStatus.put(rs.getString("status"), rs.getLong("n")));
        long expiringSoon = jdbc.sql("SELECT COUNT(*) FROM response WHERE study_id = ? AND status = 'draft'"
                        + " AND expires_at > ? AND expires_at <= ?")
                .params(studyId, now, now.plus(SOON))
                .query(Long.class)
                .single();
        long screenedOut = jdbc.sql("SELECT COALESCE(MAX(people), 0) FROM screen_out WHERE study_id = ?")
                .param(studyId)
                .query(Long.class)
                .single();
        List<StudyProgress.SectionReached> bySection = draftsBySection(studyId, definition.definition(), now);
        long waiting = bySection.stream()
                .mapToLong(StudyProgress.SectionReached::drafts)
                .sum();
        return new StudyProgress(
                studyId,
                definition.version(),
                byStatus.getOrDefault("submitted", 0L),
                byStatus.getOrDefault("withdrawn", 0L),
                waiting,
                expiringSoon,
                screenedOut,
                submittedByDay(studyId),
                bySection);
    }

    private List<StudyProgress.Day> submittedByDay(String studyId) {
        return jdbc.sql("SELECT DATE(submitted_at) AS day, COUNT(*) AS n FROM response"
                        + " WHERE study_id = ? AND status = 'submitted' GROUP BY DATE(submitted_at) ORDER BY day")
                .param(studyId)
                .query((rs, row) ->
                        new StudyProgress.Day(rs.getObject("day", Date.class).toLocalDate(), rs.getLong("n")))
                .list();
    }

    /**
     * For each draft that can still be resumed, the furthest section of the current definition in which
     * it has an answer. Answers to questions the current definition no longer has (a draft of an older
     * version) are not placed.
     */
    private List<StudyProgress.SectionReached> draftsBySection(
            String studyId, StudyDefinition definition, LocalDateTime now) {
        List<StudyDefinition.Section> sections = definition.sections();
        Map<String, Integer> sectionOf = new HashMap<>();
        for (int s = 0; s < sections.size(); s++) {
            for (StudyDefinition.Question question : sections.get(s).questions()) {
                sectionOf.put(question.id(), s);
            }
        }
        Map<Long, Integer> furthest = new HashMap<>();
        jdbc.sql("SELECT r.id, a.question_id FROM response r LEFT JOIN answer a ON a.response_id = r.id"
                        + " WHERE r.study_id = ? AND r.status = 'draft' AND (r.expires_at IS NULL OR r.expires_at > ?)")
                .params(studyId, now)
                .query((RowCallbackHandler) rs -> {
                    int section = sectionOf.getOrDefault(rs.getString("question_id"), -1);
                    furthest.merge(rs.getLong("id"), section, Math::max);
                });
        long[] drafts = new long[sections.size() + 1];
        furthest.values().forEach(section -> drafts[section + 1]++);
        List<StudyProgress.SectionReached> reached = new ArrayList<>();
        reached.add(new StudyProgress.SectionReached(null, null, drafts[0]));
        for (int s = 0; s < sections.size(); s++) {
            reached.add(new StudyProgress.SectionReached(
                    sections.get(s).id(), sections.get(s).title(), drafts[s + 1]));
        }
        return reached;
    }
}
