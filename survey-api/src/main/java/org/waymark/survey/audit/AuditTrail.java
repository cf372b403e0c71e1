package org.waymark.survey.audit;

import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.waymark.survey.web.ApiProblemException;

/** Reads a study's audit trail, newest first, a page at a time: for the API and the owners' page. */
@Repository
class AuditTrail {

    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record AuditEntry(long id, LocalDateTime occurredAt, String actor, String action, String target, String detail) {}

    record AuditPage(long total, int page, int size, List<AuditEntry> items) {

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    AuditPage of(String studyId, int page, int size) {
        if (jdbc.sql("SELECT COUNT(*) FROM study WHERE id = ?")
                        .param(studyId)
                        .query(Long.class)
                        .single()
                == 0) {
            throw ApiProblemException.notFound(
                    "There is no study '" + studyId + "'. GET /api/studies lists the studies.");
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE study_id = ?")
                .param(studyId)
                .query(Long.class)
                .single();
        List<AuditEntry> items = jdbc.sql("""
                        SELECT id, occurred_at, actor, action, target, detail FROM audit_event
                        WHERE study_id = ? ORDER BY id DESC LIMIT ? OFFSET ?""")
                .params(studyId, size, (long) page * size)
                .query((rs, row) -> new AuditEntry(
                        rs.getLong("id"),
                        rs.getObject("occurred_at", LocalDateTime.class),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target"),
                        rs.getString("detail")))
                .list();
        return new AuditPage(total, page, size, items);
    }
}
