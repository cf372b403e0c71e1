package org.waymark.survey.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading the audit trail: a study's entries, newest first, and a check of the whole chain. */
@RestController
class AuditController {

    private final AuditTrail trail;
    private final AuditVerifier verifier;

    AuditController(AuditTrail trail, AuditVerifier verifier) {
        this.trail = trail;
        this.verifier = verifier;
    }

    @GetMapping(value = "/api/studies/{id}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditTrail.AuditPage studyAudit(
            @PathVariable String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return trail.of(id, page, size);
    }

    @GetMapping(value = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditVerifier.Verification verify() {
        return verifier.verify();
    }
}
