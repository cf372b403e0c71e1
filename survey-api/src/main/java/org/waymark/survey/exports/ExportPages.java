package org.waymark.survey.exports;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.http.ContentDisposition;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.web.ApiProblemException;

/**
 * A study's exports as a page of downloads, for the roles that may see row-level data (owners and
 * researchers). Each download is made by {@link ExportService}, exactly as the API's, and recorded in
 * the audit log the same way; it is served here because the API does not take the workspace's session.
 */
@Controller
class ExportPages {

    /**
     * One export on the page: its file in the address, what it is for, and how it is made.
     *
     * @param inline shown in the browser (the codebook page) rather than saved
     */
    record Export(
            String file,
            String title,
            String purpose,
            boolean inline,
            BiFunction<String, String, ExportService.Download> make) {}

    private final List<Export> exports;
    private final StudyService studies;
    private final StudyNavigation navigation;

    ExportPages(ExportService service, StudyService studies, StudyNavigation navigation) {
        this.studies = studies;
        this.navigation = navigation;
        this.exports = List.of(
                new Export(
                        "export.csv",
                        "Dataset (CSV, codes)",
                        "One row per submitted response, by pseudonymous id: option codes and missing-value codes."
                                + " For R, SPSS and other statistics software.",
                        false,
                        (id, actor) -> service.dataset(id, false, actor)),
                new Export(
                        "export-labelled.csv",
                        "Dataset (CSV, labels)",
                        "The same rows with answer and group labels instead of codes, for reading in a spreadsheet.",
                        false,
                        (id, actor) -> service.dataset(id, true, actor)),
                new Export(
                        "export.R",
                        "R script",
                        "Reads the dataset CSV into R with factors, ordered scales and missing values set up.",
                        false,
                        service::rScript),
                new Export(
                        "export.sps",
                        "SPSS syntax",
                        "Reads the dataset CSV into SPSS (or PSPP) with value labels and missing values.",
                        false,
                        service::spssSyntax),
                new Export(
                        "codebook.csv",
                        "Codebook (CSV)",
                        "Every column of the dataset: its question, values and their labels, missing values and how"
                                + " each grouping is worked out.",
                        false,
                        service::codebookCsv),
                new Export(
                        "codebook.html",
                        "Codebook (web page)",
                        "The same codebook as an accessible page, opened in the browser.",
                        true,
                        service::codebookHtml),
                new Export(
                        "text.csv",
                        "Free text (CSV)",
                        "One row per answer written in the participant's own words, with the themes coded in it.",
                        false,
                        service::textCsv),
                new Export(
                        "text.qdpx",
                        "Free text for QDA tools (.qdpx)",
                        "The free text and its coding as a REFI-QDA project, to open in QualCoder and similar tools.",
                        false,
                        service::qdpx));
    }

    @GetMapping("/workspace/studies/{id}/exports")
    String exports(@PathVariable String id, Authentication me, Model model, HttpServletResponse response) {
        model.addAttribute("username", me.getName());
        StudyHeader study = navigation.header(me, id, "/exports").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        model.addAttribute("study", study);
        try {
            studies.published(id);
        } catch (ApiProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("unpublished", true);
        }
        model.addAttribute("exports", exports);
        return "workspace/exports";
    }

    @GetMapping("/workspace/studies/{id}/exports/{file}")
    ResponseEntity<byte[]> download(@PathVariable String id, @PathVariable String file, Authentication me) {
        Export export = find(file)
                .orElseThrow(() -> ApiProblemException.notFound(
                        "There is no export '" + (file.length() > 40 ? file.substring(0, 40) : file) + "'."));
        ExportService.Download download = export.make().apply(id, me.getName());
        return ExportsController.response(
                download, export.inline() ? ContentDisposition.inline() : ContentDisposition.attachment());
    }

    private Optional<Export> find(String file) {
        return exports.stream().filter(export -> export.file().equals(file)).findFirst();
    }
}
