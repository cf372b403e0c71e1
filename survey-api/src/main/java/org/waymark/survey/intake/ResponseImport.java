package org.waymark.survey.intake;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.waymark.survey.Sha256;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Imports paper and interview responses from a CSV file in the wide layout: one row per response, a
 * column per question id, option codes as values, several choices joined by {@code ;}, empty for no
 * answer, and a {@code consent_agreed} column listing the consent statements agreed. A file Waymark
 * exported reads unchanged: the columns the export derives are ignored, {@code NOT_SHOWN} reads as no
 * answer and the export's protection against spreadsheet formulas is undone ({@link WideCsvLayout}). Every row goes
 * through the same validator as online responses. By default a file is imported all or nothing; the
 * same file (by content) is never imported twice.
 */
@Service
public class ResponseImport {

    public static final String CONSENT_COLUMN = WideCsvLayout.CONSENT_COLUMN;
    public static final int MAX_ROWS = 20_000;

    /** How a file with some invalid rows is treated. */
    public enum Mode {
        /** Nothing is imported unless every row is valid. */
        ALL_OR_NOTHING,
        /** The valid rows are imported and the others reported. */
        VALID_ROWS
    }

    /** What an import did, row by row. */
    public record Report(String fileSha256, int imported, List<RowResult> rows, List<ImportError> errors) {}

    public record RowResult(int row, String status, String responseId) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .get();

    private final StudyService studies;
    private final ResponseStore responses;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ResponseImport(
            StudyService studies,
            ResponseStore responses,
            AuditLog audit,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Clock clock) {
        this.studies = studies;
        this.responses = responses;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** How the responses in a file were collected, stored as each response's source. */
    public enum Route {
        /** Not said (the API's import): stored as {@code import}. */
        UNSAID("import"),
        PAPER("paper"),
        INTERVIEW("interview");

        private final String source;

        Route(String source) {
            this.source = source;
        }
    }

    public Report importCsv(String studyId, String csv, Mode mode, String actor) {
        return importCsv(studyId, csv, mode, Route.UNSAID, actor);
    }

    /** Imports a file whose responses were all collected the same way. */
    public Report importCsv(String studyId, String csv, Mode mode, Route route, String actor) {
        String fileSha256 = Sha256.hex(csv);
        StudyService.PublishedStudy study = studies.openForResponses(studyId);
        refuseIfImportedBefore(studyId, fileSha256);
        ValidatedDefinition definition = study.definition();

        List<ImportError> errors = new ArrayList<>();
        List<Valid> valid = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(stripByteOrderMark(csv)), FORMAT)) {
            List<String> header = parser.getHeaderNames();
            checkHeader(definition, header, errors);
            if (!errors.isEmpty()) {
                throw new InvalidImportException(errors);
            }
            for (CSVRecord record : parser) {
                int line = (int) record.getRecordNumber() + 1;
                if (line - 1 > MAX_ROWS) {
                    throw new InvalidImportException(List.of(new ImportError(
                            line, "", "A file can hold at most " + MAX_ROWS + " responses; split it into several.")));
                }
                readRow(definition, header, record, line, errors).ifPresent(valid::add);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidImportException(List.of(new ImportError(
                    1,
                    "",
                    "The file is not valid CSV (RFC 4180: comma-separated, fields with commas or quotes in"
                            + " double quotes). Check that it was saved as CSV with UTF-8 text.")));
        }
        if (valid.isEmpty() && errors.isEmpty()) {
            throw new InvalidImportException(List.of(new ImportError(2, "", "The file has no responses in it.")));
        }
        if (!errors.isEmpty() && mode == Mode.ALL_OR_NOTHING) {
            throw new InvalidImportException(errors);
        }
        return store(study, fileSha256, valid, errors, route, actor);
    }

    private record Valid(int line, Map<String, AnswerValue> answers, List<String> agreed) {}

    private Report store(
            StudyService.PublishedStudy study,
            String fileSha256,
            List<Valid> valid,
            List<ImportError> errors,
            Route route,
            String actor) {
        String studyId = study.definition().id();
        String consentVersion = study.definition().definition().consent().version();
        try {
            return transaction.execute(status -> {
                LocalDateTime now = LocalDateTime.now(clock);
                jdbc.sql("""
                                INSERT INTO response_import (study_id, file_sha256, rows_imported, imported_by, imported_at)
                                VALUES (?, ?, ?, ?, ?)""")
                        .params(studyId, fileSha256, valid.size(), actor, now)
                        .update();
                List<RowResult> rows = new ArrayList<>();
                for (Valid row : valid) {
                    var inserted = responses.insert(new ResponseStore.NewResponse(
                            new ResponseStore.Submission(
                                    studyId,
                                    study.versionId(),
                                    row.answers(),
                                    consentVersion,
                                    row.agreed(),
                                    route.source,
                                    now),
                            "submitted",
                            null,
                            null,
                            null,
                            null,
                            null));
                    rows.add(new RowResult(row.line(), "imported", inserted.pseudonym()));
                }
                errors.forEach(error -> rows.add(new RowResult(error.row(), "rejected", null)));
                rows.sort(java.util.Comparator.comparingInt(RowResult::row));
                audit.record(
                        actor,
                        "responses.imported",
                        studyId,
                        "file " + fileSha256.substring(0, 12),
                        valid.size() + " row(s)");
                return new Report(
                        fileSha256, valid.size(), rows.stream().distinct().toList(), errors);
            });
        } catch (DuplicateKeyException e) {
            throw alreadyImported(studyId);
        }
    }

    private void refuseIfImportedBefore(String studyId, String fileSha256) {
        boolean seen = jdbc.sql("SELECT COUNT(*) FROM response_import WHERE study_id = ? AND file_sha256 = ?")
                        .params(studyId, fileSha256)
                        .query(Integer.class)
                        .single()
                > 0;
        if (seen) {
            throw alreadyImported(studyId);
        }
    }

    private static ApiProblemException alreadyImported(String studyId) {
        return ApiProblemException.conflict("This file has been imported into study '" + studyId
                + "' already, so nothing was imported again. To add more responses, import a file with only the"
                + " new ones.");
    }

    private static void checkHeader(ValidatedDefinition definition, List<String> header, List<ImportError> errors) {
        if (!header.contains(CONSENT_COLUMN)) {
            errors.add(new ImportError(
                    1,
                    CONSENT_COLUMN,
                    "The file needs a '" + CONSENT_COLUMN
                            + "' column listing, for each response, the consent statements agreed, separated by ';'."));
        }
        for (String column : header) {
            if (!column.equals(CONSENT_COLUMN)
                    && definition.question(column).isEmpty()
                    && !WideCsvLayout.isDerivedColumn(definition, column)) {
                errors.add(new ImportError(1, column, "This study has no question with this id."));
            }
        }
    }

    private java.util.Optional<Valid> readRow(
            ValidatedDefinition definition, List<String> header, CSVRecord record, int line, List<ImportError> errors) {
        if (!record.isConsistent()) {
            errors.add(new ImportError(
                    line, "", "This row has " + record.size() + " fields but the header has " + header.size() + "."));
            return java.util.Optional.empty();
        }
        List<String> agreed = split(record.get(CONSENT_COLUMN));
        Map<String, JsonNode> raw = new LinkedHashMap<>();
        int before = errors.size();
        for (String column : header) {
            String cell = WideCsvLayout.restoreCell(record.get(column).strip());
            if (column.equals(CONSENT_COLUMN)
                    || cell.isEmpty()
                    || cell.equals(WideCsvLayout.NOT_SHOWN)
                    || definition.question(column).isEmpty()) {
                continue;
            }
            Question question = definition.question(column).orElseThrow();
            JsonNode value = cell(question, cell);
            if (value == null) {
                errors.add(new ImportError(line, column, "'" + shorten(cell) + "' is not a number."));
            } else {
                raw.put(column, value);
            }
        }
        if (errors.size() > before) {
            return java.util.Optional.empty();
        }
        var consent = new ConsentGiven(definition.definition().consent().version(), agreed);
        try {
            var answers = ResponseValidator.validate(definition, consent, raw, ResponseValidator.Mode.SUBMISSION);
            return java.util.Optional.of(new Valid(line, answers, agreed));
        } catch (InvalidResponseException e) {
            e.errors()
                    .forEach(error -> errors.add(new ImportError(
                            line,
                            error.question().equals("consent") ? CONSENT_COLUMN : error.question(),
                            error.message())));
        } catch (NotEligibleException e) {
            errors.add(new ImportError(line, "", "Not eligible: " + e.getMessage()));
        }
        return java.util.Optional.empty();
    }

    /** A cell as the JSON answer the validator reads; null for a number that is not one. */
    private static JsonNode cell(Question question, String cell) {
        if (cell.equals(AnswerValue.PREFER_NOT_TO_SAY)) {
            return NODES.stringNode(cell);
        }
        return switch (question.type()) {
            case MULTI -> {
                ArrayNode codes = NODES.arrayNode();
                split(cell).forEach(codes::add);
                yield codes;
            }
            case NUMBER -> {
                try {
                    yield NODES.numberNode(new java.math.BigDecimal(cell));
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            default -> NODES.stringNode(cell);
        };
    }

    private static List<String> split(String cell) {
        return java.util.Arrays.stream(cell.split(";"))
                .map(String::strip)
                .filter(code -> !code.isEmpty())
                .toList();
    }

    private static String stripByteOrderMark(String csv) {
        return csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    }

    private static String shorten(String cell) {
        return cell.length() > 40 ? cell.substring(0, 40) + "…" : cell;
    }
}
