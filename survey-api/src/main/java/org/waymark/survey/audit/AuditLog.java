package org.waymark.survey.audit;

import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records who did what, when, in the same transaction as the change itself. Entries name studies and
 * pseudonymous ids only: never an answer, a name or a code a participant holds.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String studyId, String target, String detail) {
        jdbc.sql("""
                        INSERT INTO audit_event (occurred_at, actor, action, study_id, target, detail)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(LocalDateTime.now(clock), actor, action, studyId, target, detail)
                .update();
    }
}
