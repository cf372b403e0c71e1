package org.waymark.survey.exports;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.themes.CodedText;

/**
 * Builds a study's exports and records each one in the audit log: who exported what, never any of
 * the content. Every export is built from the current published definition and the submitted
 * responses only, by pseudonymous id. See docs/exports.md.
 */
@Service
class ExportService {

    /** A file to download. */
    record Download(String fileName, MediaType type, byte[] body) {}

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    static final MediaType PLAIN = new MediaType("text", "plain", StandardCharsets.UTF_8);
    static final MediaType R = new MediaType("text", "x-r", StandardCharsets.UTF_8);
    static final MediaType QDPX = MediaType.parseMediaType("application/zip");

    private final StudyService studies;
    private final ResponseRows rows;
    private final CodedText codedText;
    private final AuditLog audit;

    ExportService(StudyService studies, ResponseRows rows, CodedText codedText, AuditLog audit) {
        this.studies = studies;
        this.rows = rows;
        this.codedText = codedText;
        this.audit = audit;
    }

    /** The file name the dataset CSV is given, which the R and SPSS scripts read by default. */
    static String csvName(String studyId) {
        return studyId + "-export.csv";
    }

    Download dataset(String studyId, boolean labels, String actor) {
        ValidatedDefinition definition = definition(studyId);
        DatasetCsv csv = new DatasetCsv(definition, ExportVariables.of(definition), labels);
        StringBuilder out = new StringBuilder(CsvCells.BYTE_ORDER_MARK);
        CsvCells.row(out, csv.header());
        int responses = rows.forEach(studyId, definition, row -> CsvCells.row(out, csv.cells(row)));
        audit.record(actor, labels ? "export.csv-labelled" : "export.csv", studyId, null, responses + " response(s)");
        String name = labels ? studyId + "-export-labelled.csv" : csvName(studyId);
        return new Download(name, CSV, bytes(out.toString()));
    }

    Download codebookCsv(String studyId, String actor) {
        ValidatedDefinition definition = definition(studyId);
        String csv = CodebookFiles.csv(CodebookEntries.of(definition, ExportVariables.of(definition)));
        audit.record(actor, "export.codebook-csv", studyId, null, "version " + definition.version());
        return new Download(studyId + "-codebook.csv", CSV, bytes(csv));
    }

    Download codebookHtml(String studyId, String actor) {
        ValidatedDefinition definition = definition(studyId);
        String html = CodebookFiles.html(definition, CodebookEntries.of(definition, ExportVariables.of(definition)));
        audit.record(actor, "export.codebook-html", studyId, null, "version " + definition.version());
        return new Download(studyId + "-codebook.html", HTML, bytes(html));
    }

    Download rScript(String studyId, String actor) {
        ValidatedDefinition definition = definition(studyId);
        String script = RScript.write(definition, ExportVariables.of(definition), csvName(studyId));
        audit.record(actor, "export.r", studyId, null, "version " + definition.version());
        return new Download(studyId + "-export.R", R, bytes(script));
    }

    Download spssSyntax(String studyId, String actor) {
        ValidatedDefinition definition = definition(studyId);
        String syntax = SpssSyntax.write(definition, ExportVariables.of(definition), csvName(studyId));
        audit.record(actor, "export.sps", studyId, null, "version " + definition.version());
        return new Download(studyId + "-export.sps", PLAIN, bytes(syntax));
    }

    Download textCsv(String studyId, String actor) {
        ValidatedDefinition definition = definition(studyId);
        FreeText text = freeText(studyId, definition);
        String csv = text.csv(codedText.themes(studyId), codedText.present(studyId));
        audit.record(actor, "export.text-csv", studyId, null, text.answers().size() + " answer(s)");
        return new Download(studyId + "-text.csv", CSV, bytes(csv));
    }

    Download qdpx(String studyId, String actor) {
        ValidatedDefinition definition = definition(studyId);
        FreeText text = freeText(studyId, definition);
        List<CodedText.Theme> themes = codedText.themes(studyId);
        List<FreeText.Document> documents = text.documents(codedText.present(studyId));
        String project = QdpxProject.projectXml(studyId, definition.definition().title(), themes, documents);
        byte[] zip = QdpxProject.zip(studyId, project, documents);
        audit.record(actor, "export.qdpx", studyId, null, documents.size() + " document(s)");
        return new Download(studyId + ".qdpx", QDPX, zip);
    }

    private FreeText freeText(String studyId, ValidatedDefinition definition) {
        FreeText text = new FreeText(definition);
        rows.forEach(studyId, definition, text::add);
        return text;
    }

    private ValidatedDefinition definition(String studyId) {
        return studies.published(studyId).definition();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
