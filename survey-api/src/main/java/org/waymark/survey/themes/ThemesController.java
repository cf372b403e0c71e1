package org.waymark.survey.themes;

import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.security.StudyPermissions;

/** The coding frame and team coding, for researchers. See docs/themes.md. */
@RestController
class ThemesController {

    private final ThemeService themes;
    private final ThemeMatrix matrix;
    private final QuoteBank quotes;
    private final SignificantTerms terms;
    private final AuditLog audit;
    private final BlindRounds blind;
    private final StudyPermissions permissions;

    ThemesController(
            ThemeService themes,
            ThemeMatrix matrix,
            QuoteBank quotes,
            SignificantTerms terms,
            AuditLog audit,
            BlindRounds blind,
            StudyPermissions permissions) {
        this.themes = themes;
        this.matrix = matrix;
        this.quotes = quotes;
        this.terms = terms;
        this.audit = audit;
        this.blind = blind;
        this.permissions = permissions;
    }

    /**
     * Recorded once the analysis has run, so only what was disclosed, through which profile. The pages
     * record their views of the same figures in the same way.
     */
    static void recordAnalysis(
            AuditLog audit, Principal researcher, String action, String studyId, String by, String disclosure) {
        audit.record(
                researcher.getName(),
                action,
                studyId,
                null,
                "disclosure " + (disclosure == null ? "default" : disclosure) + "; by " + (by == null ? "-" : by));
    }

    @GetMapping(value = "/api/studies/{id}/themes/terms", produces = MediaType.APPLICATION_JSON_VALUE)
    SignificantTerms.Terms terms(
            @PathVariable String id,
            @RequestParam(required = false) String by,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String question,
            @RequestParam(required = false) String disclosure,
            @RequestParam(defaultValue = "20") int limit,
            Principal researcher) {
        SignificantTerms.Terms found = terms.of(id, by, group, question, disclosure, limit);
        recordAnalysis(audit, researcher, "analysis.terms", id, by, disclosure);
        return found;
    }

    @GetMapping(value = "/api/studies/{id}/quotes", produces = MediaType.APPLICATION_JSON_VALUE)
    List<QuoteBank.Quote> quotes(
            @PathVariable String id,
            @RequestParam(required = false) String theme,
            @RequestParam(required = false) String disclosure,
            @RequestParam(defaultValue = "false") boolean approved) {
        return quotes.quotes(id, theme, disclosure, approved);
    }

    @PostMapping(value = "/api/studies/{id}/quotes/{quote}/approve", produces = MediaType.APPLICATION_JSON_VALUE)
    QuoteBank.Quote approve(
            @PathVariable String id,
            @PathVariable long quote,
            @RequestBody QuoteBank.Approval approval,
            Principal researcher) {
        return quotes.approve(id, quote, approval, researcher.getName());
    }

    @GetMapping(value = "/api/studies/{id}/themes/matrix", produces = MediaType.APPLICATION_JSON_VALUE)
    ThemeMatrix.Matrix matrix(
            @PathVariable String id,
            @RequestParam(required = false) String by,
            @RequestParam(required = false) String disclosure,
            Principal researcher) {
        ThemeMatrix.Matrix result = matrix.of(id, by, disclosure);
        recordAnalysis(audit, researcher, "analysis.theme-matrix", id, by, disclosure);
        return result;
    }

    @GetMapping(value = "/api/studies/{id}/themes", produces = MediaType.APPLICATION_JSON_VALUE)
    Codebook current(@PathVariable String id) {
        return themes.current(id);
    }

    @GetMapping(value = "/api/studies/{id}/themes/versions/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    Codebook version(@PathVariable String id, @PathVariable int version) {
        return themes.version(id, version);
    }

    @PostMapping(value = "/api/studies/{id}/themes", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Codebook saveVersion(@PathVariable String id, @RequestBody Codebook codebook, Principal researcher) {
        return themes.saveVersion(id, codebook, researcher.getName());
    }

    @PostMapping(value = "/api/studies/{id}/themes/frames/{frame}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Codebook adoptFrame(@PathVariable String id, @PathVariable String frame, Principal researcher) {
        return themes.adoptFrame(id, frame, researcher.getName());
    }

    @GetMapping(value = "/api/studies/{id}/themes/codebook.qdc", produces = MediaType.APPLICATION_XML_VALUE)
    org.springframework.http.ResponseEntity<String> exportQdc(@PathVariable String id, Principal researcher) {
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + id + "-codebook.qdc\"")
                .body(themes.exportQdc(id, researcher.getName()));
    }

    @PostMapping(value = "/api/studies/{id}/themes/codebook.qdc", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Codebook importQdc(@PathVariable String id, @RequestBody byte[] qdc, Principal researcher) {
        return themes.importQdc(id, qdc, researcher.getName());
    }

    record Proposed(int proposed) {}

    @PostMapping(value = "/api/studies/{id}/coding/propose", produces = MediaType.APPLICATION_JSON_VALUE)
    Proposed propose(@PathVariable String id, Principal researcher) {
        return new Proposed(themes.propose(id, researcher.getName()));
    }

    @GetMapping(value = "/api/studies/{id}/coding", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Codings.Coding> list(
            @PathVariable String id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String theme,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            Authentication me) {
        return themes.list(id, status, theme, page, size, Viewer.of(me, id, permissions));
    }

    @PostMapping(value = "/api/studies/{id}/coding", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Codings.Coding add(@PathVariable String id, @RequestBody ThemeService.NewCoding coding, Principal researcher) {
        return themes.add(id, coding, researcher.getName(), false);
    }

    @PostMapping(value = "/api/studies/{id}/coding/consensus", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Codings.Coding consensus(
            @PathVariable String id, @RequestBody ThemeService.NewCoding coding, Principal researcher) {
        return themes.add(id, coding, researcher.getName(), true);
    }

    @PostMapping(value = "/api/studies/{id}/coding/{coding}/confirm", produces = MediaType.APPLICATION_JSON_VALUE)
    Codings.Coding confirm(@PathVariable String id, @PathVariable long coding, Authentication me) {
        return themes.decide(id, coding, true, Viewer.of(me, id, permissions));
    }

    @PostMapping(value = "/api/studies/{id}/coding/{coding}/reject", produces = MediaType.APPLICATION_JSON_VALUE)
    Codings.Coding reject(@PathVariable String id, @PathVariable long coding, Authentication me) {
        return themes.decide(id, coding, false, Viewer.of(me, id, permissions));
    }

    @GetMapping(value = "/api/studies/{id}/coding/agreement", produces = MediaType.APPLICATION_JSON_VALUE)
    ThemeService.Agreement agreement(@PathVariable String id, @RequestParam List<String> coders, Authentication me) {
        return themes.agreement(id, coders, Viewer.of(me, id, permissions));
    }

    @GetMapping(value = "/api/studies/{id}/coding/blind", produces = MediaType.APPLICATION_JSON_VALUE)
    BlindRounds.BlindRound blindRound(@PathVariable String id) {
        return blind.of(id);
    }

    @PostMapping(value = "/api/studies/{id}/coding/blind", produces = MediaType.APPLICATION_JSON_VALUE)
    BlindRounds.BlindRound switchBlindRound(
            @PathVariable String id, @RequestBody(required = false) BlindRounds.Switch request, Principal researcher) {
        return blind.set(id, request, researcher.getName());
    }
}
