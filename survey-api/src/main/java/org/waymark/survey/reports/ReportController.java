package org.waymark.survey.reports;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The study report, as HTML or PDF, and saved drafts of it, for signed-in researchers (everything
 * under /api/studies/{id}/ but the published definition needs signing in; once roles per study
 * exist, reports need at least the analyst role). See docs/reports.md.
 */
@RestController
class ReportController {

    /** Scripts, frames and every outside request are refused; only the report's own CSS applies. */
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    private final ReportService reports;
    private final ReportDrafts drafts;
    private final ReportBuilder builder;

    ReportController(ReportService reports, ReportDrafts drafts, ReportBuilder builder) {
        this.reports = reports;
        this.drafts = drafts;
        this.builder = builder;
    }

    @GetMapping(value = "/api/studies/{id}/report.html")
    ResponseEntity<String> html(
            @PathVariable String id,
            @RequestParam(required = false) String sections,
            @RequestParam(required = false) String questions,
            @RequestParam(required = false) String by,
            @RequestParam(required = false) String disclosure,
            Principal researcher) {
        ReportOptions options = new ReportOptions(sections, questions, by, disclosure);
        return html(reports.html(id, options, Map.of(), researcher.getName(), null));
    }

    @GetMapping(value = "/api/studies/{id}/report.pdf")
    ResponseEntity<byte[]> pdf(
            @PathVariable String id,
            @RequestParam(required = false) String sections,
            @RequestParam(required = false) String questions,
            @RequestParam(required = false) String by,
            @RequestParam(required = false) String disclosure,
            Principal researcher) {
        ReportOptions options = new ReportOptions(sections, questions, by, disclosure);
        return pdf(id, reports.pdf(id, options, Map.of(), researcher.getName(), null));
    }

    @PostMapping(value = "/api/studies/{id}/reports", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReportDrafts.Draft> create(
            @PathVariable String id, @RequestBody ReportDrafts.Draft draft, Principal researcher) {
        ReportDrafts.Draft saved = drafts.save(id, null, draft, researcher.getName());
        return ResponseEntity.created(URI.create("/api/studies/" + id + "/reports/" + saved.id()))
                .body(saved);
    }

    @PutMapping(value = "/api/studies/{id}/reports/{reportId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ReportDrafts.Draft update(
            @PathVariable String id,
            @PathVariable long reportId,
            @RequestBody ReportDrafts.Draft draft,
            Principal researcher) {
        return drafts.save(id, reportId, draft, researcher.getName());
    }

    @GetMapping(value = "/api/studies/{id}/reports", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ReportDrafts.Draft> list(@PathVariable String id) {
        return drafts.list(id);
    }

    /** A draft, with the text blocks its report has now: the keys an author can replace. */
    record DraftWithBlocks(ReportDrafts.Draft draft, List<ReportModel.Finding> findings) {}

    @GetMapping(value = "/api/studies/{id}/reports/{reportId}", produces = MediaType.APPLICATION_JSON_VALUE)
    DraftWithBlocks draft(@PathVariable String id, @PathVariable long reportId) {
        ReportDrafts.Draft draft = drafts.find(id, reportId);
        return new DraftWithBlocks(
                draft, builder.build(id, draft.options(), draft.texts()).model().findings());
    }

    @GetMapping(value = "/api/studies/{id}/reports/{reportId}.html")
    ResponseEntity<String> draftHtml(@PathVariable String id, @PathVariable long reportId, Principal researcher) {
        ReportDrafts.Draft draft = drafts.find(id, reportId);
        return html(reports.html(id, draft.options(), draft.texts(), researcher.getName(), "report " + reportId));
    }

    @GetMapping(value = "/api/studies/{id}/reports/{reportId}.pdf")
    ResponseEntity<byte[]> draftPdf(@PathVariable String id, @PathVariable long reportId, Principal researcher) {
        ReportDrafts.Draft draft = drafts.find(id, reportId);
        return pdf(id, reports.pdf(id, draft.options(), draft.texts(), researcher.getName(), "report " + reportId));
    }

    static ResponseEntity<String> html(String html) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", POLICY)
                .body(html);
    }

    static ResponseEntity<byte[]> pdf(String studyId, byte[] pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + studyId + "-report.pdf\"")
                .body(pdf);
    }
}
