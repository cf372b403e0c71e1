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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * The quote bank as a page: the passages participants allowed to be quoted, with their theme and the
 * groups large enough to name, and a form to redact and approve each for reports. It calls {@link
 * QuoteBank}, as the API does, so the same rules decide what is offered and what is saved.
 */
@Controller
class QuotePages {

    /** What a researcher sent for one quote, shown again with the problem when it could not be saved. */
    record Entered(long quoteId, String text, String redact) {}

    /** A group label beside a quote: the grouping, and the group's label or {@code null} when not named. */
    record Label(String grouping, String group) {}

    private final QuoteBank quotes;
    private final ThemeService themes;
    private final StudyService studies;
    private final StudyNavigation navigation;

    QuotePages(QuoteBank quotes, ThemeService themes, StudyService studies, StudyNavigation navigation) {
        this.quotes = quotes;
        this.themes = themes;
        this.studies = studies;
        this.navigation = navigation;
    }

    @GetMapping("/workspace/studies/{id}/quotes")
    String quotes(
            @PathVariable String id,
            @RequestParam(required = false) String theme,
            @RequestParam(required = false) String disclosure,
            @RequestParam(defaultValue = "false") boolean approved,
            @RequestParam(required = false) Long done,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/quotes").orElse(null);
        if (study == null) {
            model.addAttribute("username", me.getName());
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String page = show(id, theme, disclosure, approved, me, study, errors, null, model);
        model.addAttribute("done", done);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return page;
    }

    @PostMapping("/workspace/studies/{id}/quotes/{quote}/approve")
    String approve(
            @PathVariable String id,
            @PathVariable long quote,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String redact,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/quotes").orElse(null);
        if (study == null) {
            model.addAttribute("username", me.getName());
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        List<String> phrases = redact == null ? List.of() : List.of(redact.split("\\R"));
        Map<String, String> errors = new LinkedHashMap<>();
        if ((text == null || text.isBlank()) && phrases.stream().allMatch(String::isBlank)) {
            errors.put("text-" + quote, "Write the wording to publish, or list the words to redact.");
        } else {
            try {
                quotes.approve(id, quote, new QuoteBank.Approval(text, phrases), me.getName());
                return "redirect:/workspace/studies/" + id + "/quotes?done=" + quote;
            } catch (ApiProblemException refused) {
                if (refused.status() == HttpStatus.NOT_FOUND) {
                    response.setStatus(HttpStatus.NOT_FOUND.value());
                    model.addAttribute("title", "Quote not found");
                    model.addAttribute(
                            "message",
                            "There is no quote " + quote + " in this study: it may have been withdrawn, or its"
                                    + " participant did not agree to be quoted. Start again from the quote bank.");
                    return "workspace/problem";
                }
                String field = refused.getMessage().contains("to redact") ? "redact-" : "text-";
                errors.put(field + quote, refused.getMessage());
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return show(id, null, null, false, me, study, errors, new Entered(quote, text, redact), model);
    }

    private String show(
            String id,
            String theme,
            String disclosure,
            boolean approvedOnly,
            Authentication me,
            StudyHeader study,
            Map<String, String> errors,
            Entered entered,
            Model model) {
        model.addAttribute("username", me.getName());
        model.addAttribute("study", study);
        model.addAttribute("studyId", id);
        model.addAttribute("entered", entered);
        Optional<ValidatedDefinition> definition = ExplorerForms.published(studies, id);
        model.addAttribute("published", definition.isPresent());
        model.addAttribute("errors", errors);
        if (definition.isEmpty()) {
            return "workspace/quotes";
        }
        Map<String, String> themeNames = new LinkedHashMap<>();
        themes.current(id).themes().forEach(each -> themeNames.put(each.code(), each.name()));
        List<ExplorerForms.Choice> profiles = ExplorerForms.profiles(navigation.mayReadInternal(me, id));
        String chosenTheme = theme == null || theme.isBlank() ? null : theme;
        String chosenProfile = disclosure == null ? DisclosureProfile.NHS_STANDARD.id() : disclosure;
        if (chosenTheme != null && !themeNames.containsKey(chosenTheme)) {
            errors.put("theme", "Choose a theme from the list, or all themes.");
        }
        if (!ExplorerForms.offers(profiles, chosenProfile)) {
            errors.put("disclosure", "Choose a disclosure profile from the list.");
        }
        model.addAttribute("themes", themeNames);
        model.addAttribute("profiles", profiles);
        model.addAttribute("theme", chosenTheme);
        model.addAttribute("disclosure", chosenProfile);
        model.addAttribute("approved", approvedOnly);
        Map<String, String> questions = new LinkedHashMap<>();
        ExplorerForms.textQuestions(definition.get())
                .forEach(question -> questions.put(question.value(), question.label()));
        model.addAttribute("questions", questions);
        if (errors.keySet().stream().anyMatch(field -> field.equals("theme") || field.equals("disclosure"))) {
            return "workspace/quotes";
        }
        List<QuoteBank.Quote> found = quotes.quotes(id, chosenTheme, chosenProfile, approvedOnly);
        Map<Long, List<Label>> labels = new LinkedHashMap<>();
        for (QuoteBank.Quote quote : found) {
            labels.put(quote.quoteId(), labels(definition.get(), quote));
        }
        model.addAttribute("quotes", found);
        model.addAttribute("labels", labels);
        return "workspace/quotes";
    }

    private static List<Label> labels(ValidatedDefinition definition, QuoteBank.Quote quote) {
        return definition.groupings().stream()
                .map(grouping -> new Label(grouping.label(), quote.groups().get(grouping.id())))
                .toList();
    }
}
