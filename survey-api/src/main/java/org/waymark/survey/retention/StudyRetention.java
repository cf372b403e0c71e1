package org.waymark.survey.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.waymark.survey.WaymarkProperties;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.StudyService;

/**
 * Deletes a study's response data once the date its definition keeps it until
 * ({@code retainDataUntil}) has passed. Its owners are warned first, in the audit trail, when the date
 * comes within {@code waymark.retention.warn-days-before}; data is deleted only once that warning is at
 * least as old, so a date set in the past still gives the owners their notice. The study's definition
 * and its audit trail stay.
 */
@Component
class StudyRetention {

    private static final Logger log = LoggerFactory.getLogger(StudyRetention.class);
    static final String WARNING = "study.retention-warning";
    static final String DELETED = "study.data-deleted";

    private final JdbcClient jdbc;
    private final StudyService studies;
    private final ResponseStore responses;
    private final AuditLog audit;
    private final Clock clock;
    private final WaymarkProperties.Retention settings;

    StudyRetention(
            JdbcClient jdbc,
            StudyService studies,
            ResponseStore responses,
            AuditLog audit,
            Clock clock,
            WaymarkProperties properties) {
        this.jdbc = jdbc;
        this.studies = studies;
        this.responses = responses;
        this.audit = audit;
        this.clock = clock;
        this.settings = properties.retention();
    }

    @Scheduled(fixedDelayString = "${waymark.retention.check-every:1h}", initialDelayString = "PT2M")
    public void applyOnSchedule() {
        apply(LocalDateTime.now(clock));
    }

    /** Warns and deletes as due at the time given. */
    void apply(LocalDateTime now) {
        List<String> published = jdbc.sql("SELECT DISTINCT study_id FROM study_version WHERE status = 'published'")
                .query(String.class)
                .list();
        for (String studyId : published) {
            LocalDate until =
                    studies.published(studyId).definition().definition().retainDataUntil();
            if (until != null) {
                applyTo(studyId, until, now);
            }
        }
    }

    private void applyTo(String studyId, LocalDate until, LocalDateTime now) {
        LocalDate today = now.toLocalDate();
        if (today.isBefore(until.minusDays(settings.warnDaysBefore()))) {
            return;
        }
        LocalDateTime warnedAt = warnedAt(studyId, until);
        if (warnedAt == null) {
            audit.record(
                    "system",
                    WARNING,
                    studyId,
                    null,
                    warningFor(until) + " Owners: " + String.join(", ", owners(studyId)) + ".");
            log.info("Warned the owners of study {} that its data will be deleted", studyId);
            return;
        }
        boolean noticeGiven = !warnedAt.plusDays(settings.warnDaysBefore()).isAfter(now);
        if (today.isAfter(until) && noticeGiven) {
            int deleted = responses.deleteAllOfStudy(studyId, now);
            if (deleted > 0) {
                audit.record(
                        "system", DELETED, studyId, null, deleted + " response(s) deleted: data kept until " + until);
                log.info("Deleted the response data of study {}: its retention period ended", studyId);
            }
        }
    }

    private static String warningFor(LocalDate until) {
        return "Response data will be deleted after " + until + ".";
    }

    private LocalDateTime warnedAt(String studyId, LocalDate until) {
        return jdbc.sql("""
                        SELECT occurred_at FROM audit_event
                        WHERE study_id = ? AND action = ? AND detail LIKE ? ORDER BY id LIMIT 1""")
                .params(studyId, WARNING, warningFor(until) + "%")
                .query(LocalDateTime.class)
                .optional()
                .orElse(null);
    }

    private List<String> owners(String studyId) {
        return jdbc.sql("""
                        SELECT a.username FROM study_role r JOIN researcher_account a ON a.id = r.account_id
                        WHERE r.study_id = ? AND r.role = 'owner' ORDER BY a.username""").param(studyId).query(String.class).list();
    }
}
