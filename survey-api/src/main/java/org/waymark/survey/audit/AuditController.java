package org.waymark.survey.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.waymark.survey.web.ApiProblemException;

/** Reading the audit trail: a study's entries, newest first, and a check of the whole chain. */
@RestController
class AuditController {

    private final JdbcClient jdbc;
    private final AuditVerifier verifier;

    AuditController(JdbcClient jdbc, AuditVerifier verifier) {
        this.jdbc = jdbc;
        this.verifier = verifier;
    }

    record AuditEntry(long id, LocalDateTime occurredAt, String actor, String action, String target, String detail) {}

    record AuditPage(long total, int page, int size, List<AuditEntry> items) {}

    @GetMapping(value = "/api/studies/{id}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditPage studyAudit(
            @PathVariable String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (jdbc.sql("SELECT COUNT(*) FROM study WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                == 0) {
            throw ApiProblemException.notFound("There is no study '" + id + "'. GET /api/studies lists the studies.");
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE study_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        List<AuditEntry> items = jdbc.sql("""
                        SELECT id, occurred_at, actor, action, target, detail FROM audit_event
                        WHERE study_id = ? ORDER BY id DESC LIMIT ? OFFSET ?""")
                .params(id, size, (long) page * size)
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

    @GetMapping(value = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditVerifier.Verification verify() {
        return verifier.verify();
    }
}
