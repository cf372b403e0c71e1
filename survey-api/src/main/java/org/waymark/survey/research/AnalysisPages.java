package org.waymark.survey.research;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * The analysis explorer: a form sent by GET, so that a result is an address to bookmark or share, and
 * the result of {@link AnalysisService} (the service behind {@code GET /api/studies/{id}/analysis}) for
 * the questions, breakdown and disclosure profile chosen. The {@code internal} profile is offered only
 * to those who may see it; anyone else who names it in the address is refused by {@code RouteAccess},
 * as on the API.
 */
@Controller
class AnalysisPages {

    /** A section of the study with the questions the analysis counts (not free text, not dates). */
    record SectionChoice(String title, List<StudyDefinition.Question> questions) {}

    /** A disclosure profile offered on the form, with what it means in plain words. */
    record ProfileChoice(String id, String description) {}

    private final AnalysisService analysis;
    private final StudyService studies;
    private final StudyNavigation navigation;

    AnalysisPages(AnalysisService analysis, StudyService studies, StudyNavigation navigation) {
        this.analysis = analysis;
        this.studies = studies;
        this.navigation = navigation;
    }

    @GetMapping("/workspace/studies/{id}/analysis")
    String analysis(
            @PathVariable String id,
            @RequestParam(name = "question", required = false) List<String> questions,
            @RequestParam(name = "by", required = false) List<String> breakdowns,
            @RequestParam(defaultValue = AnalysisService.DEFAULT_PROFILE) String disclosure,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("username", me.getName());
        StudyHeader study = navigation.header(me, id, "/analysis").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        model.addAttribute("study", study);
        ValidatedDefinition definition;
        try {
            definition = studies.published(id).definition();
        } catch (ApiProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("unpublished", true);
            return "workspace/analysis";
        }
        List<ProfileChoice> profiles = profiles(navigation.mayReadInternal(me, id));
        Set<String> chosen = new LinkedHashSet<>(questions == null ? List.of() : questions);
        // Repeated (by=community&by=gender, as the form sends) or joined with commas, as the API takes it.
        Set<String> by = new LinkedHashSet<>();
        for (String sent : breakdowns == null ? List.<String>of() : breakdowns) {
            for (String grouping : sent.split(",")) {
                if (!grouping.isBlank()) {
                    by.add(grouping.strip());
                }
            }
        }
        model.addAttribute("sections", sections(definition));
        model.addAttribute("groupings", definition.groupings());
        model.addAttribute("profiles", profiles);
        model.addAttribute("chosen", chosen);
        model.addAttribute("by", by);
        model.addAttribute("disclosure", disclosure);

        Map<String, String> errors = errors(definition, chosen, by, disclosure, profiles);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "workspace/analysis";
        }
        if (chosen.isEmpty()) {
            return "workspace/analysis";
        }
        AnalysisJson result = analysis.analyse(id, String.join(",", by), disclosure, me.getName());
        DisclosureProfile profile = DisclosureProfile.fromId(disclosure);
        List<AnalysisView> views = new ArrayList<>();
        for (AnalysisJson.QuestionJson question : result.questions()) {
            if (chosen.contains(question.question())) {
                views.add(
                        AnalysisView.of(definition.question(question.question()).orElseThrow(), question, profile));
            }
        }
        model.addAttribute("result", result);
        model.addAttribute("views", views);
        return "workspace/analysis";
    }

    private static List<SectionChoice> sections(ValidatedDefinition definition) {
        List<SectionChoice> sections = new ArrayList<>();
        for (StudyDefinition.Section section : definition.definition().sections()) {
            List<StudyDefinition.Question> counted =
                    section.questions().stream().filter(AnalysisPages::counted).toList();
            if (!counted.isEmpty()) {
                sections.add(new SectionChoice(section.title(), counted));
            }
        }
        return sections;
    }

    /** The questions the analysis tabulates: free text and dates have no table (DatasetAssembler). */
    private static boolean counted(StudyDefinition.Question question) {
        return question.type() != QuestionType.TEXT && question.type() != QuestionType.DATE;
    }

    private static List<ProfileChoice> profiles(boolean internal) {
        List<ProfileChoice> profiles = new ArrayList<>();
        profiles.add(new ProfileChoice(
                DisclosureProfile.NHS_STANDARD.id(),
                "The default, after NHS England's method: counts from 1 to 7 hidden, others rounded to the nearest"
                        + " 5. For anything that leaves the platform."));
        profiles.add(new ProfileChoice(
                DisclosureProfile.STRICT_10.id(),
                "Stricter: counts from 1 to 10 hidden, then further figures until none of them can be worked"
                        + " out from the rest; exact otherwise. For small groups."));
        if (internal) {
            profiles.add(new ProfileChoice(
                    DisclosureProfile.INTERNAL.id(),
                    "Everything, exact: for the study's owners and researchers only, never to be shared."));
        }
        return profiles;
    }

    private static Map<String, String> errors(
            ValidatedDefinition definition,
            Set<String> chosen,
            Set<String> by,
            String disclosure,
            List<ProfileChoice> profiles) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String question : chosen) {
            if (definition.question(question).filter(AnalysisPages::counted).isEmpty()) {
                errors.put(
                        "questions",
                        "There is no question '" + shorten(question) + "' with answers to count. Tick questions"
                                + " from the list.");
                break;
            }
        }
        if (by.stream().anyMatch(grouping -> definition.grouping(grouping).isEmpty())) {
            errors.put("by", "Choose breakdowns from the list, or none.");
        }
        if (profiles.stream().noneMatch(profile -> profile.id().equals(disclosure))) {
            errors.put("disclosure", "Choose one of the disclosure profiles listed.");
        }
        return errors;
    }

    private static String shorten(String sent) {
        String printable = sent.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() < sent.length() ? printable + "\u2026" : printable;
    }
}
