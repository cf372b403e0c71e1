package org.waymark.survey.intake;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.web.ApiProblemException;

/**
 * Importing paper and interview responses from a CSV file as a page, through the same import as
 * {@code POST /api/studies/{id}/imports}, with its row-by-row report in plain words.
 */
@Controller
class ImportPages {

    private static final String PATH = "/workspace/studies/{id}/responses/import";

    private final ResponseImport imports;
    private final StudyNavigation navigation;

    ImportPages(ResponseImport imports, StudyNavigation navigation) {
        this.imports = imports;
        this.navigation = navigation;
    }

    /** One line of the file in the report: stored as a response, or refused and why. */
    record ReportLine(int row, String responseId, List<String> reasons) implements Serializable {

        public boolean stored() {
            return responseId != null;
        }
    }

    /** What an import did, as the page reports it. */
    record ImportReport(boolean stored, int imported, List<ReportLine> lines) implements Serializable {

        public long refused() {
            return lines.stream().filter(line -> !line.stored()).count();
        }
    }

    @GetMapping(PATH)
    String form(@PathVariable String id, Authentication me, Model model, HttpServletResponse response) {
        return page(id, me, model, response, Map.of(), null, null);
    }

    /** As the import API's limit on a request body (docs/intake.md). */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    @PostMapping(PATH)
    String upload(
            @PathVariable String id,
            @RequestParam(required = false) MultipartFile csv,
            @RequestParam(required = false) String route,
            @RequestParam(required = false) String mode,
            Authentication me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        String text = null;
        if (csv == null || csv.isEmpty()) {
            errors.put("csv", "Choose a CSV file to upload.");
        } else if (csv.getSize() > MAX_BYTES) {
            errors.put("csv", "The file is larger than 4 MB, the most one import takes. Split it into smaller files.");
        } else {
            text = utf8(csv);
            if (text == null) {
                errors.put("csv", "The file is not UTF-8 text. Save it as \u201cCSV UTF-8\u201d and upload it again.");
            }
        }
        ResponseImport.Route chosen = switch (route == null ? "" : route) {
            case "paper" -> ResponseImport.Route.PAPER;
            case "interview" -> ResponseImport.Route.INTERVIEW;
            default -> null;
        };
        if (chosen == null) {
            errors.put("route-paper", "Choose how these responses were collected: on paper or in interviews.");
        }
        ResponseImport.Mode how =
                "valid-rows".equals(mode) ? ResponseImport.Mode.VALID_ROWS : ResponseImport.Mode.ALL_OR_NOTHING;
        if (!errors.isEmpty()) {
            return page(id, me, model, response, errors, null, route);
        }
        try {
            ResponseImport.Report report = imports.importCsv(id, text, how, chosen, me.getName());
            redirect.addFlashAttribute("report", new ImportReport(true, report.imported(), lines(report)));
            return "redirect:/workspace/studies/" + id + "/responses/import";
        } catch (InvalidImportException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(id, me, model, response, Map.of(), new ImportReport(false, 0, lines(e.errors())), route);
        } catch (ApiProblemException e) {
            // The study is closed or not yet published, or this file was imported before: nothing was imported.
            String problem = e.status() == HttpStatus.NOT_FOUND
                    ? "The study takes responses once it is published. Publish it, then import the file."
                    : e.getMessage();
            return page(id, me, model, response, Map.of("csv", problem), null, route);
        }
    }

    private String page(
            String id,
            Authentication me,
            Model model,
            HttpServletResponse response,
            Map<String, String> errors,
            ImportReport failed,
            String route) {
        StudyHeader study = navigation.header(me, id, "/responses").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        model.addAttribute("username", me.getName());
        model.addAttribute("study", study);
        model.addAttribute("errors", errors);
        model.addAttribute("route", route);
        model.addAttribute("columns", ResponseImport.CONSENT_COLUMN);
        if (failed != null) {
            model.addAttribute("report", failed);
        }
        return "workspace/import";
    }

    /** The file's text, or null when it is not UTF-8 (a byte-order mark is allowed; the import strips it). */
    private static String utf8(MultipartFile file) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file.getBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<ReportLine> lines(ResponseImport.Report report) {
        Map<Integer, List<String>> reasons = reasons(report.errors());
        List<ReportLine> lines = new ArrayList<>();
        for (ResponseImport.RowResult row : report.rows()) {
            lines.add(new ReportLine(row.row(), row.responseId(), reasons.getOrDefault(row.row(), List.of())));
        }
        return lines;
    }

    private static List<ReportLine> lines(List<ImportError> errors) {
        List<ReportLine> lines = new ArrayList<>();
        reasons(errors).forEach((row, reasons) -> lines.add(new ReportLine(row, null, reasons)));
        return lines;
    }

    /** Each line's problems in words, the column named where there is one. */
    private static Map<Integer, List<String>> reasons(List<ImportError> errors) {
        Map<Integer, List<String>> byRow = new TreeMap<>();
        for (ImportError error : errors) {
            String where = error.column().isEmpty() ? "" : "Column \u201c" + error.column() + "\u201d: ";
            byRow.computeIfAbsent(error.row(), row -> new ArrayList<>()).add(where + error.message());
        }
        return byRow;
    }
}
