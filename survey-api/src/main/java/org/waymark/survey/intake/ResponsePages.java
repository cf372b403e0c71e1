package org.waymark.survey.intake;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.responses.ResponseStore.ListedResponse;
import org.waymark.survey.responses.ResponseStore.ResponseDetail;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * A study's responses for its owners and researchers: the pseudonymous list the responses API gives,
 * one response's answers with the wording of the definition version it answered, and withdrawal on a
 * participant's request through the same service as the API. Codes and contact details never show here.
 * They sit beside the API they mirror ({@link IntakeController}).
 */
@Controller
class ResponsePages {

    static final int PAGE_SIZE = 50;
    private static final List<String> STATUSES = List.of("submitted", "draft", "withdrawn");

    private final ResponseStore responses;
    private final StudyService studies;
    private final IntakeService intake;
    private final StudyNavigation navigation;

    ResponsePages(ResponseStore responses, StudyService studies, IntakeService intake, StudyNavigation navigation) {
        this.responses = responses;
        this.studies = studies;
        this.intake = intake;
        this.navigation = navigation;
    }

    /** One page of the list, with how many there are in the status shown. */
    record Listing(String status, long total, int page, int size, List<ListedResponse> items) {

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    /** One question of a response: its wording and the answer as the participant saw the options. */
    record AnswerLine(String question, String wording, String answer, boolean answered) {}

    record SectionAnswers(String title, List<AnswerLine> answers) {}

    @GetMapping("/workspace/studies/{id}/responses")
    String list(
            @PathVariable String id,
            @RequestParam(defaultValue = "submitted") String status,
            @RequestParam(defaultValue = "0") int page,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/responses").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        model.addAttribute("username", me.getName());
        model.addAttribute("study", study);
        String shown = STATUSES.contains(status) ? status : "submitted";
        int from = Math.max(page, 0);
        model.addAttribute(
                "listing",
                new Listing(
                        shown,
                        responses.count(id, shown),
                        from,
                        PAGE_SIZE,
                        responses.list(id, shown, from, PAGE_SIZE)));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("routes", ROUTES);
        return "workspace/responses";
    }

    @GetMapping("/workspace/studies/{id}/responses/{responseId}")
    String detail(
            @PathVariable String id,
            @PathVariable String responseId,
            @RequestParam(required = false) String done,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/responses").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        ResponseDetail found = responses.detail(id, responseId).orElse(null);
        if (found == null) {
            return noSuchResponse(id, model, response);
        }
        model.addAttribute("username", me.getName());
        model.addAttribute("study", study);
        model.addAttribute("response", found.listed());
        model.addAttribute("withdrawnNow", "withdrawn".equals(done));
        model.addAttribute("routes", ROUTES);
        ValidatedDefinition definition = studies.definitionOfVersion(found.studyVersionId());
        model.addAttribute("sections", answers(definition, responses.answers(found.id())));
        return "workspace/response";
    }

    /**
     * Withdraws a response on its participant's request, once confirmed: the first post shows what will
     * happen and asks again; only a post with {@code confirm=yes} withdraws, then the detail page says so.
     */
    @PostMapping("/workspace/studies/{id}/responses/{responseId}/withdraw")
    String withdraw(
            @PathVariable String id,
            @PathVariable String responseId,
            @RequestParam(required = false) String confirm,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/responses").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        ResponseDetail found = responses.detail(id, responseId).orElse(null);
        if (found == null) {
            return noSuchResponse(id, model, response);
        }
        if (!"yes".equals(confirm)) {
            model.addAttribute("username", me.getName());
            model.addAttribute("study", study);
            model.addAttribute("response", found.listed());
            return "workspace/withdraw-response";
        }
        intake.withdrawOnRequest(id, found.listed().responseId(), me.getName());
        return "redirect:/workspace/studies/" + id + "/responses/"
                + found.listed().responseId() + "?done=withdrawn";
    }

    /**
     * How a response came in, in words, by the source column's values ({@link ListedResponse#source()}).
     * A HashMap, whose methods the templates can call (the JDK's immutable maps are not public classes).
     */
    static final Map<String, String> ROUTES = new HashMap<>(Map.of(
            "api", "Online",
            "online", "Online",
            "paper", "Paper",
            "interview", "Interview",
            "import", "Paper or interview (imported)",
            "synthetic", "Synthetic demo data"));

    private static List<SectionAnswers> answers(ValidatedDefinition definition, Map<String, AnswerValue> answers) {
        List<SectionAnswers> sections = new ArrayList<>();
        for (StudyDefinition.Section section : definition.definition().sections()) {
            List<AnswerLine> lines = new ArrayList<>();
            for (StudyDefinition.Question question : section.questions()) {
                AnswerValue answer = answers.get(question.id());
                lines.add(new AnswerLine(
                        question.id(),
                        question.text(),
                        answer == null ? "No answer" : words(question, answer),
                        answer != null));
            }
            sections.add(new SectionAnswers(section.title(), lines));
        }
        return sections;
    }

    /** An answer as the participant chose it: option labels, not codes. */
    private static String words(StudyDefinition.Question question, AnswerValue answer) {
        return switch (answer) {
            case AnswerValue.Choice choice -> label(question, choice.code());
            case AnswerValue.Choices choices ->
                String.join(
                        "; ",
                        choices.chosen().stream()
                                .map(code -> label(question, code))
                                .toList());
            case AnswerValue.Text text -> text.text();
            case AnswerValue.Number number -> number.value().toPlainString();
            case AnswerValue.Date date -> date.value().toString();
            case AnswerValue.PreferNotToSay ignored -> "Prefer not to say";
        };
    }

    private static String label(StudyDefinition.Question question, String code) {
        if (question.notApplicable() != null && question.notApplicable().code().equals(code)) {
            return question.notApplicable().label();
        }
        return question.options().stream()
                .filter(option -> option.code().equals(code))
                .map(StudyDefinition.Option::label)
                .findFirst()
                .orElse(code);
    }

    private static String noSuchResponse(String studyId, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("title", "Response not found");
        model.addAttribute(
                "message",
                "Study '" + studyId + "' has no response with this id. Open the response from the study's list of"
                        + " responses.");
        return "workspace/problem";
    }
}
