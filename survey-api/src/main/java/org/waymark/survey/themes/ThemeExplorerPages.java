package org.waymark.survey.themes;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * The aggregate half of the theme explorer: the theme matrix as a heat map, and the words that set a
 * group's answers apart. Both call the services of the themes API, with the same disclosure profiles, and
 * record what they showed in the audit trail as the API does.
 */
@Controller
class ThemeExplorerPages {

    static final int TERMS_SHOWN = 30;

    private final ThemeMatrix matrix;
    private final SignificantTerms terms;
    private final StudyService studies;
    private final StudyNavigation navigation;
    private final AuditLog audit;

    ThemeExplorerPages(
            ThemeMatrix matrix,
            SignificantTerms terms,
            StudyService studies,
            StudyNavigation navigation,
            AuditLog audit) {
        this.matrix = matrix;
        this.terms = terms;
        this.studies = studies;
        this.navigation = navigation;
        this.audit = audit;
    }

    @GetMapping("/workspace/studies/{id}/themes/matrix")
    String matrix(
            @PathVariable String id,
            @RequestParam(required = false) String by,
            @RequestParam(required = false) String disclosure,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        if (header(id, "/themes/matrix", me, model) == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        Optional<ValidatedDefinition> definition = definition(id, model);
        if (definition.isEmpty() || definition.get().groupings().isEmpty()) {
            return "workspace/theme-matrix";
        }
        List<ExplorerForms.Choice> groupings = ExplorerForms.groupings(definition.get());
        String chosenBy = by == null ? groupings.getFirst().value() : by;
        String chosenProfile = disclosure == null ? DisclosureProfile.NHS_STANDARD.id() : disclosure;
        model.addAttribute("groupings", groupings);
        model.addAttribute("by", chosenBy);
        model.addAttribute("disclosure", chosenProfile);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!ExplorerForms.offers(groupings, chosenBy)) {
            errors.put("by", "Choose a breakdown from the list.");
        }
        if (!ExplorerForms.offers(profiles(me, id, model), chosenProfile)) {
            errors.put("disclosure", "Choose a disclosure profile from the list.");
        }
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "workspace/theme-matrix";
        }
        HeatMap heatMap = HeatMap.of(matrix.of(id, chosenBy, chosenProfile));
        ThemesController.recordAnalysis(audit, me, "analysis.theme-matrix", id, chosenBy, chosenProfile);
        model.addAttribute("heatMap", heatMap);
        model.addAttribute(
                "byLabel",
                groupings.stream()
                        .filter(choice -> choice.value().equals(chosenBy))
                        .findFirst()
                        .orElseThrow()
                        .label());
        return "workspace/theme-matrix";
    }

    @GetMapping("/workspace/studies/{id}/themes/terms")
    String terms(
            @PathVariable String id,
            @RequestParam(required = false) String pick,
            @RequestParam(required = false) String question,
            @RequestParam(required = false) String disclosure,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        if (header(id, "/themes/terms", me, model) == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        Optional<ValidatedDefinition> definition = definition(id, model);
        if (definition.isEmpty() || definition.get().groupings().isEmpty()) {
            return "workspace/theme-terms";
        }
        List<ExplorerForms.ChoiceGroup> groups = ExplorerForms.groups(definition.get());
        List<ExplorerForms.Choice> questions = ExplorerForms.textQuestions(definition.get());
        String chosenProfile = disclosure == null ? DisclosureProfile.NHS_STANDARD.id() : disclosure;
        String chosenQuestion = question == null || question.isBlank() ? null : question;
        model.addAttribute("groups", groups);
        model.addAttribute("questions", questions);
        model.addAttribute("pick", pick);
        model.addAttribute("question", chosenQuestion);
        model.addAttribute("disclosure", chosenProfile);
        Map<String, String> errors = new LinkedHashMap<>();
        boolean known = groups.stream().anyMatch(group -> ExplorerForms.offers(group.choices(), pick));
        if (pick != null && !known) {
            errors.put("pick", "Choose a group from the list.");
        }
        if (chosenQuestion != null && !ExplorerForms.offers(questions, chosenQuestion)) {
            errors.put("question", "Choose a question from the list, or all free-text questions.");
        }
        if (!ExplorerForms.offers(profiles(me, id, model), chosenProfile)) {
            errors.put("disclosure", "Choose a disclosure profile from the list.");
        }
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "workspace/theme-terms";
        }
        if (pick == null) {
            return "workspace/theme-terms";
        }
        String by = pick.substring(0, pick.indexOf(':'));
        String group = pick.substring(pick.indexOf(':') + 1);
        SignificantTerms.Terms found = terms.of(id, by, group, chosenQuestion, chosenProfile, TERMS_SHOWN);
        ThemesController.recordAnalysis(audit, me, "analysis.terms", id, by, chosenProfile);
        model.addAttribute("terms", found);
        model.addAttribute(
                "groupLabel",
                groups.stream()
                        .flatMap(choices -> choices.choices().stream()
                                .filter(choice -> choice.value().equals(pick))
                                .map(choice -> choice.label() + " (" + choices.label() + ")"))
                        .findFirst()
                        .orElseThrow());
        return "workspace/theme-terms";
    }

    /** The study's header and the viewer's name for the page; {@code null} when there is no such study. */
    private StudyHeader header(String id, String section, Authentication me, Model model) {
        model.addAttribute("username", me.getName());
        StudyHeader study = navigation.header(me, id, section).orElse(null);
        model.addAttribute("study", study);
        model.addAttribute("studyId", id);
        model.addAttribute("errors", Map.of());
        return study;
    }

    /** The published definition, empty when the study has none yet (so there is nothing to count). */
    private Optional<ValidatedDefinition> definition(String id, Model model) {
        Optional<ValidatedDefinition> definition = ExplorerForms.published(studies, id);
        model.addAttribute("published", definition.isPresent());
        return definition;
    }

    private List<ExplorerForms.Choice> profiles(Authentication me, String id, Model model) {
        List<ExplorerForms.Choice> profiles = ExplorerForms.profiles(navigation.mayReadInternal(me, id));
        model.addAttribute("profiles", profiles);
        return profiles;
    }
}
