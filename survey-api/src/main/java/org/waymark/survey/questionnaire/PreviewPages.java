package org.waymark.survey.questionnaire;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * A version of a study, draft or published, shown to its team as participants will see it: the same
 * templates and the same page model ({@link Pages}, {@link PageForms}) as the live pages, part by part,
 * under a banner saying it is a preview. Its forms have no address to send to and their buttons are
 * switched off, so nothing in a preview is ever saved. Every question of a part is shown, with a note
 * on those that show only after a certain answer.
 */
@Controller
class PreviewPages {

    static final String INFORMATION = "information";
    static final String ELIGIBILITY = "eligibility";
    static final String CONSENT = "consent";

    /** The preview's own navigation, shown in the banner of each previewed page. */
    record Preview(
            String studyId, int version, boolean draft, String overview, List<Part> parts, Part previous, Part next) {}

    /** One page of the participant journey in the preview; {@code current} on the one shown. */
    record Part(String id, String label, String href, boolean current) {}

    private final StudyService studies;
    private final StudyNavigation navigation;

    PreviewPages(StudyService studies, StudyNavigation navigation) {
        this.studies = studies;
        this.navigation = navigation;
    }

    @GetMapping("/workspace/studies/{id}/versions/{version}/preview")
    String preview(
            @PathVariable String id,
            @PathVariable int version,
            @RequestParam(defaultValue = INFORMATION) String part,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        StudyHeader header =
                navigation.header(me, id, "/versions/" + version + "/preview").orElse(null);
        if (header == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        var stored = studies.versions(id).stream()
                .filter(candidate -> candidate.version() == version)
                .findFirst()
                .orElse(null);
        if (stored == null) {
            return notFound("Study '" + id + "' has no version " + version + ".", model, response);
        }
        ValidatedDefinition study = studies.versionDefinition(id, version);
        List<Part> parts = parts(study, id, version, part);
        int at = indexOf(parts, part);
        if (at < 0) {
            return notFound("This preview has no part '" + part + "'.", model, response);
        }
        model.addAttribute(
                "preview",
                new Preview(
                        id,
                        version,
                        stored.draft(),
                        "/workspace/studies/" + id,
                        parts,
                        at > 0 ? parts.get(at - 1) : null,
                        at < parts.size() - 1 ? parts.get(at + 1) : null));
        model.addAttribute("study", study);
        model.addAttribute("errors", Map.of());
        model.addAttribute("conditions", conditions(study));
        return switch (part) {
            case INFORMATION -> "participant/information";
            case ELIGIBILITY -> {
                model.addAttribute("questions", views(Pages.eligibilityQuestions(study)));
                yield "participant/eligibility";
            }
            case CONSENT -> {
                model.addAttribute("agreed", Set.of());
                yield "participant/consent";
            }
            default -> {
                int number = Integer.parseInt(part);
                List<StudyDefinition.Section> sections = Pages.questionnaireSections(study);
                StudyDefinition.Section section = sections.get(number - 1);
                model.addAttribute("section", section);
                model.addAttribute("number", number);
                model.addAttribute("total", sections.size());
                model.addAttribute("revealed", false);
                model.addAttribute("questions", views(section.questions()));
                yield "participant/section";
            }
        };
    }

    /** The journey's pages in order: information, eligibility (if the study asks), consent, each section. */
    private static List<Part> parts(ValidatedDefinition study, String id, int version, String current) {
        String base = "/workspace/studies/" + id + "/versions/" + version + "/preview?part=";
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(INFORMATION, "Information", base + INFORMATION, current.equals(INFORMATION)));
        if (!study.definition().eligibility().isEmpty()) {
            parts.add(new Part(ELIGIBILITY, "Can you take part?", base + ELIGIBILITY, current.equals(ELIGIBILITY)));
        }
        parts.add(new Part(CONSENT, "Consent", base + CONSENT, current.equals(CONSENT)));
        List<StudyDefinition.Section> sections = Pages.questionnaireSections(study);
        for (int i = 0; i < sections.size(); i++) {
            String number = Integer.toString(i + 1);
            parts.add(new Part(
                    number, "Part " + number + ": " + sections.get(i).title(), base + number, current.equals(number)));
        }
        return parts;
    }

    private static int indexOf(List<Part> parts, String id) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Nothing answered yet: each question as a participant first meets it. */
    private static List<QuestionView> views(List<Question> questions) {
        return questions.stream()
                .map(question -> PageForms.view(question, null, null))
                .toList();
    }

    /** The condition of each question shown only after certain answers, for the preview's notes. */
    private static Map<String, String> conditions(ValidatedDefinition study) {
        Map<String, String> conditions = new HashMap<>();
        study.definition().sections().stream()
                .flatMap(section -> section.questions().stream())
                .filter(question ->
                        question.showIf() != null && !question.showIf().isBlank())
                .forEach(question -> conditions.put(question.id(), question.showIf()));
        return conditions;
    }

    private static String notFound(String message, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("title", "Page not found");
        model.addAttribute("message", message + " Start again from the study's overview.");
        return "workspace/problem";
    }
}
