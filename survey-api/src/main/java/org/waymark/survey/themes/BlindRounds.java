package org.waymark.survey.themes;

import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.web.ApiProblemException;

/**
 * Blind double coding: while a study's round is on, each coder sees only their own codes, and the
 * agreement between coders, consensus and open proposals wait until an owner or researcher ends it.
 * Owners and researchers ({@link Viewer#seesEveryCoder()}) see every code throughout.
 */
@Service
class BlindRounds {

    /**
     * Whether a blind round is on.
     *
     * @param since when it began, or null when no round is on
     * @param startedBy the owner or researcher who began it, or null
     */
    record BlindRound(boolean blind, LocalDateTime since, String startedBy) {}

    /** A request to start ({@code true}) or end ({@code false}) a round. */
    record Switch(Boolean blind) {}

    private final JdbcClient jdbc;
    private final StudyService studies;
    private final AuditLog audit;
    private final Clock clock;

    BlindRounds(JdbcClient jdbc, StudyService studies, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
    }

    BlindRound of(String studyId) {
        studies.published(studyId);
        return jdbc.sql("SELECT blind_coding_since, blind_coding_by FROM study WHERE id = ?")
                .param(studyId)
                .query((row, n) -> {
                    LocalDateTime since = row.getObject(1, LocalDateTime.class);
                    return new BlindRound(since != null, since, row.getString(2));
                })
                .single();
    }

    /** Starts or ends the study's round; starting one that is on, or ending one that is off, changes nothing. */
    @Transactional
    BlindRound set(String studyId, Switch request, String actor) {
        if (request == null || request.blind() == null) {
            throw ThemeService.bad("Send {\"blind\": true} to start a blind round or {\"blind\": false} to end it.");
        }
        BlindRound now = of(studyId);
        if (now.blind() == request.blind()) {
            return now;
        }
        LocalDateTime at = request.blind() ? LocalDateTime.now(clock) : null;
        jdbc.sql("UPDATE study SET blind_coding_since = ?, blind_coding_by = ? WHERE id = ?")
                .params(at, request.blind() ? actor : null, studyId)
                .update();
        audit.record(actor, request.blind() ? "coding.blind-started" : "coding.blind-ended", studyId, null, null);
        return of(studyId);
    }

    /** Whether this viewer may see only their own codes now. */
    boolean hidesOthersFrom(String studyId, Viewer viewer) {
        return !viewer.seesEveryCoder() && of(studyId).blind();
    }

    /** Refuses what must wait for the round to end; {@code rest} ends the sentence in plain words. */
    void requireNoRound(String studyId, String rest) {
        if (of(studyId).blind()) {
            throw refusal(studyId, rest);
        }
    }

    /** Refuses a viewer who would see other coders' work while the round hides it from them. */
    void requireSeesOthers(String studyId, Viewer viewer, String rest) {
        if (hidesOthersFrom(studyId, viewer)) {
            throw refusal(studyId, rest);
        }
    }

    private static ApiProblemException refusal(String studyId, String rest) {
        return ApiProblemException.conflict("A blind coding round is on in study '" + studyId + "': " + rest);
    }
}
