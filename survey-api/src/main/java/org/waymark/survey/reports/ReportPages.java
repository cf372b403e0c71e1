package org.waymark.survey.reports;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * The report builder: a study's saved report drafts, a form to start one and another to choose what
 * it holds, with the report itself shown under the form as it is built now. Drafts are saved through
 * {@link ReportDrafts} and reports made by {@link ReportService}, as {@code /api/studies/{id}/reports}
 * does; the downloads are here too, since the API does not take the workspace's session.
 */
@Controller
class ReportPages {

    /** The text blocks the form rewrites; a finding's own block is kept as the draft has it. */
    static final List<String> TEXT_BLOCKS = List.of("about", "summary", "limitations");

    /** What the form shows: the draft's choices, or what was sent when it could not be saved. */
    record Form(
            String name,
            Set<String> sections,
            Set<String> questions,
            Set<String> by,
            boolean allGroupings,
            String disclosure,
            Map<String, String> texts) {

        static Form of(ReportDrafts.Draft draft) {
            Map<String, String> texts = draft.texts() == null ? Map.of() : draft.texts();
            return new Form(
                    draft.name(),
                    ids(draft.sections()),
                    ids(draft.questions()),
                    ids(draft.by()),
                    draft.by() == null,
                    draft.disclosure() == null ? ReportOptions.DEFAULT_PROFILE : draft.disclosure(),
                    texts);
        }

        public boolean breaksDownBy(String grouping) {
            return allGroupings || by.contains(grouping);
        }

        public String text(String key) {
            return texts.getOrDefault(key, "");
        }
    }

    static final String NAME_PROBLEM = "Give the report a name of 1 to " + ReportDrafts.MAX_NAME
            + " characters, such as \u201cSummer update\u201d.";

    private final ReportDrafts drafts;
    private final ReportService reports;
    private final StudyService studies;
    private final StudyNavigation navigation;

    ReportPages(ReportDrafts drafts, ReportService reports, StudyService studies, StudyNavigation navigation) {
        this.drafts = drafts;
        this.reports = reports;
        this.studies = studies;
        this.navigation = navigation;
    }

    @GetMapping("/workspace/studies/{id}/reports")
    String list(@PathVariable String id, Authentication me, Model model, HttpServletResponse response) {
        return listPage(id, me, model, response, "", Map.of());
    }

    @PostMapping("/workspace/studies/{id}/reports")
    String create(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String name,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        if (navigation.header(me, id, "/reports").isEmpty()) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        if (!namedWell(name)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return listPage(id, me, model, response, name, Map.of("draft-name", NAME_PROBLEM));
        }
        try {
            ReportDrafts.Draft saved = drafts.save(
                    id,
                    null,
                    new ReportDrafts.Draft(null, name, null, null, null, null, Map.of(), null, null),
                    me.getName());
            return "redirect:/workspace/studies/" + id + "/reports/" + saved.id() + "?created";
        } catch (ApiProblemException e) {
            response.setStatus(e.status().value());
            return listPage(id, me, model, response, name, Map.of("draft-name", plain(e.getMessage())));
        }
    }

    private String listPage(
            String id,
            Authentication me,
            Model model,
            HttpServletResponse response,
            String name,
            Map<String, String> errors) {
        model.addAttribute("username", me.getName());
        StudyHeader study = navigation.header(me, id, "/reports").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        model.addAttribute("study", study);
        model.addAttribute("errors", errors);
        model.addAttribute("name", name);
        try {
            model.addAttribute("drafts", drafts.list(id));
        } catch (ApiProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("unpublished", true);
        }
        return "workspace/reports";
    }

    @GetMapping("/workspace/studies/{id}/reports/{reportId}")
    String edit(
            @PathVariable String id,
            @PathVariable long reportId,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("username", me.getName());
        StudyHeader study = navigation.header(me, id, "/reports").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        ReportDrafts.Draft draft;
        try {
            draft = drafts.find(id, reportId);
        } catch (ApiProblemException e) {
            return problem(model, response, e);
        }
        model.addAttribute("study", study);
        fill(model, id, reportId, Form.of(draft), Map.of());
        try {
            model.addAttribute(
                    "report", reports.preview(id, draft.options(), draft.texts(), me.getName(), "report " + reportId));
            model.addAttribute("pdf", false);
        } catch (ApiProblemException e) {
            model.addAttribute("previewProblem", e.getMessage());
        }
        return "workspace/report";
    }

    @PostMapping("/workspace/studies/{id}/reports/{reportId}")
    String save(
            @PathVariable String id,
            @PathVariable long reportId,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> sections,
            @RequestParam(required = false) List<String> questions,
            @RequestParam(required = false) List<String> by,
            @RequestParam(defaultValue = ReportOptions.DEFAULT_PROFILE) String disclosure,
            @RequestParam Map<String, String> fields,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("username", me.getName());
        StudyHeader study = navigation.header(me, id, "/reports").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        ReportDrafts.Draft saved;
        try {
            saved = drafts.find(id, reportId);
        } catch (ApiProblemException e) {
            return problem(model, response, e);
        }
        // Keep the blocks this form does not show (a finding rewritten through the API); a block left empty
        // goes back to the generated text.
        Map<String, String> texts = new LinkedHashMap<>(saved.texts() == null ? Map.of() : saved.texts());
        for (String key : TEXT_BLOCKS) {
            String text = fields.getOrDefault(key, "").strip();
            if (text.isEmpty()) {
                texts.remove(key);
            } else {
                texts.put(key, text);
            }
        }
        ReportDrafts.Draft draft = new ReportDrafts.Draft(
                reportId,
                name,
                joined(sections),
                joined(questions),
                by == null ? "" : String.join(",", by),
                disclosure,
                texts,
                null,
                null);
        Map<String, String> errors = Map.of();
        if (!namedWell(name)) {
            errors = Map.of("draft-name", NAME_PROBLEM);
        } else {
            try {
                drafts.save(id, reportId, draft, me.getName());
                return "redirect:/workspace/studies/" + id + "/reports/" + reportId + "?saved";
            } catch (ApiProblemException e) {
                errors = Map.of("draft-contents", plain(e.getMessage()));
            }
        }
        // Nothing was saved: the form again, as sent, with what to fix.
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("study", study);
        fill(model, id, reportId, Form.of(draft), errors);
        return "workspace/report";
    }

    /** The report as a file to keep, exactly as {@code GET /api/studies/{id}/reports/{reportId}.html} makes it. */
    @GetMapping("/workspace/studies/{id}/reports/{reportId}.html")
    ResponseEntity<String> downloadHtml(@PathVariable String id, @PathVariable long reportId, Authentication me) {
        ReportDrafts.Draft draft = drafts.find(id, reportId);
        ResponseEntity<String> report = ReportController.html(
                reports.html(id, draft.options(), draft.texts(), me.getName(), "report " + reportId));
        return ResponseEntity.ok()
                .headers(headers -> {
                    headers.addAll(report.getHeaders());
                    headers.setContentDisposition(ContentDisposition.attachment()
                            .filename(id + "-report-" + reportId + ".html")
                            .build());
                })
                .body(report.getBody());
    }

    @GetMapping("/workspace/studies/{id}/reports/{reportId}.pdf")
    ResponseEntity<byte[]> downloadPdf(@PathVariable String id, @PathVariable long reportId, Authentication me) {
        ReportDrafts.Draft draft = drafts.find(id, reportId);
        return ReportController.pdf(
                id, reports.pdf(id, draft.options(), draft.texts(), me.getName(), "report " + reportId));
    }

    private void fill(Model model, String id, long reportId, Form form, Map<String, String> errors) {
        ValidatedDefinition definition = studies.published(id).definition();
        model.addAttribute("reportId", reportId);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("sections", definition.definition().sections());
        model.addAttribute("groupings", definition.groupings());
        model.addAttribute(
                "profiles",
                Arrays.stream(DisclosureProfile.values())
                        .filter(DisclosureProfile::isExportable)
                        .map(DisclosureProfile::id)
                        .toList());
    }

    private static boolean namedWell(String name) {
        return !name.isBlank() && name.length() <= ReportDrafts.MAX_NAME;
    }

    private static String problem(Model model, HttpServletResponse response, ApiProblemException e) {
        response.setStatus(e.status().value());
        model.addAttribute("title", e.title());
        model.addAttribute("message", plain(e.getMessage()));
        return "workspace/problem";
    }

    /** The service's words without the API's own hints, which name JSON and addresses a page user never sees. */
    private static String plain(String detail) {
        int api = detail.indexOf(" GET /api/");
        return api < 0 ? detail : detail.substring(0, api);
    }

    private static String joined(List<String> ids) {
        return ids == null || ids.isEmpty() ? null : String.join(",", ids);
    }

    private static Set<String> ids(String list) {
        Set<String> ids = new LinkedHashSet<>();
        if (list != null) {
            Arrays.stream(list.split(",", -1))
                    .map(String::strip)
                    .filter(id -> !id.isEmpty())
                    .forEach(ids::add);
        }
        return ids;
    }
}
