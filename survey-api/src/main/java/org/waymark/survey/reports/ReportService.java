package org.waymark.survey.reports;

import java.util.Map;
import org.springframework.stereotype.Service;
import org.waymark.survey.audit.AuditLog;

/** Generates reports and records each generation in the audit log, with its profile and data fingerprint. */
@Service
class ReportService {

    /** A generated report: the bytes to send and the media type. */
    record Generated(byte[] body, String mediaType) {}

    private final ReportBuilder builder;
    private final ReportRenderer renderer;
    private final AuditLog audit;

    ReportService(ReportBuilder builder, ReportRenderer renderer, AuditLog audit) {
        this.builder = builder;
        this.renderer = renderer;
        this.audit = audit;
    }

    String html(String studyId, ReportOptions options, Map<String, String> edits, String actor, String target) {
        ReportBuilder.Built built = builder.build(studyId, options, edits);
        String html = renderer.html(built.model());
        record(actor, studyId, target, "html", built);
        return html;
    }

    /** The report's model for the report builder page to lay out beside its form, recorded as a generation. */
    ReportModel preview(String studyId, ReportOptions options, Map<String, String> edits, String actor, String target) {
        ReportBuilder.Built built = builder.build(studyId, options, edits);
        record(actor, studyId, target, "preview", built);
        return built.model();
    }

    byte[] pdf(String studyId, ReportOptions options, Map<String, String> edits, String actor, String target) {
        ReportBuilder.Built built = builder.build(studyId, options, edits);
        byte[] pdf = renderer.pdf(built.model());
        record(actor, studyId, target, "pdf", built);
        return pdf;
    }

    private void record(String actor, String studyId, String target, String format, ReportBuilder.Built built) {
        audit.record(
                actor,
                "report.generated",
                studyId,
                target,
                "format " + format + "; disclosure " + built.options().profile().id() + "; responses "
                        + built.data().responses() + "; data sha256 "
                        + built.data().sha256());
    }
}
