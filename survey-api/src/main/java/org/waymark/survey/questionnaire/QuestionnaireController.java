package org.waymark.survey.questionnaire;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.contacts.FollowUpOffers;
import org.waymark.survey.intake.ConsentGiven;
import org.waymark.survey.intake.DraftChange;
import org.waymark.survey.intake.IntakeService;
import org.waymark.survey.intake.InvalidResponseException;
import org.waymark.survey.intake.NotEligibleException;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The participant journey, as plain server-rendered pages that work without JavaScript: information,
 * eligibility, consent, one page per section, review, submit; save and resume; withdrawal. Conditions
 * are applied here on the server: a question that an answer on the same page reveals appears when
 * the page is sent.
 */
@Controller
class QuestionnaireController {

    private final StudyService studies;
    private final IntakeService intake;
    private final ScreenOuts screenOuts;
    private final FollowUpOffers followUps;

    QuestionnaireController(
            StudyService studies, IntakeService intake, ScreenOuts screenOuts, FollowUpOffers followUps) {
        this.studies = studies;
        this.intake = intake;
        this.screenOuts = screenOuts;
        this.followUps = followUps;
    }

    @GetMapping("/s/{studyId}")
    String information(@PathVariable String studyId, Model model) {
        model.addAttribute("study", openStudy(studyId));
        return "participant/information";
    }

    @PostMapping("/s/{studyId}/start")
    String start(@PathVariable String studyId, HttpServletRequest request) {
        ValidatedDefinition study = openStudy(studyId);
        request.changeSessionId();
        Journey.start(request.getSession(), studyId);
        return study.definition().eligibility().isEmpty()
                ? "redirect:/s/" + studyId + "/consent"
                : "redirect:/s/" + studyId + "/eligibility";
    }

    @GetMapping("/s/{studyId}/eligibility")
    String eligibility(@PathVariable String studyId, HttpSession session, Model model) {
        ValidatedDefinition study = openStudy(studyId);
        Journey journey = journey(session, studyId);
        Map<String, AnswerValue> answered = new HashMap<>();
        journey.eligibility().forEach((question, code) -> answered.put(question, new AnswerValue.Choice(code)));
        return eligibilityPage(study, answered, Map.of(), model);
    }

    @PostMapping("/s/{studyId}/eligibility")
    String checkEligibility(
            @PathVariable String studyId,
            @RequestParam MultiValueMap<String, String> form,
            HttpSession session,
            Model model) {
        ValidatedDefinition study = openStudy(studyId);
        Journey journey = journey(session, studyId);
        List<Question> questions = Pages.eligibilityQuestions(study);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        for (Question question : questions) {
            String code = form.getFirst("q_" + question.id());
            boolean known = code != null
                    && question.options().stream().anyMatch(o -> o.code().equals(code));
            if (known) {
                answers.put(question.id(), code);
            } else {
                errors.put(question.id(), "Choose an answer to \u201c" + question.text() + "\u201d");
            }
        }
        if (!errors.isEmpty()) {
            Map<String, AnswerValue> answered = new HashMap<>();
            answers.forEach((question, code) -> answered.put(question, new AnswerValue.Choice(code)));
            return eligibilityPage(study, answered, errors, model);
        }
        List<String> reasons = new ArrayList<>();
        for (StudyDefinition.EligibilityRule rule : study.definition().eligibility()) {
            if (!rule.accept().contains(answers.get(rule.question()))) {
                reasons.add(rule.message());
            }
        }
        if (!reasons.isEmpty()) {
            screenOuts.count(studyId);
            Journey.end(session);
            model.addAttribute("study", study);
            model.addAttribute("reasons", reasons);
            return "participant/not-eligible";
        }
        journey.setEligibility(answers);
        return "redirect:/s/" + studyId + "/consent";
    }

    @GetMapping("/s/{studyId}/consent")
    String consent(@PathVariable String studyId, HttpSession session, Model model) {
        ValidatedDefinition study = openStudy(studyId);
        if (!eligibilityDone(study, journey(session, studyId))) {
            return "redirect:/s/" + studyId + "/eligibility";
        }
        model.addAttribute("study", study);
        model.addAttribute("agreed", Set.of());
        model.addAttribute("errors", Map.of());
        return "participant/consent";
    }

    @PostMapping("/s/{studyId}/consent")
    String giveConsent(
            @PathVariable String studyId,
            @RequestParam(name = "agreed", required = false) List<String> agreed,
            HttpSession session,
            Model model) {
        ValidatedDefinition study = openStudy(studyId);
        Journey journey = journey(session, studyId);
        if (!eligibilityDone(study, journey)) {
            return "redirect:/s/" + studyId + "/eligibility";
        }
        List<String> chosen = agreed == null ? List.of() : agreed;
        Map<String, String> errors = new LinkedHashMap<>();
        for (StudyDefinition.Statement statement : study.definition().consent().statements()) {
            if (statement.required() && !chosen.contains(statement.id())) {
                errors.put("agree_" + statement.id(), "To take part, tick this statement.");
            }
        }
        if (!errors.isEmpty()) {
            model.addAttribute("study", study);
            model.addAttribute("agreed", Set.copyOf(chosen));
            model.addAttribute("errors", errors);
            return "participant/consent";
        }
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        journey.eligibility()
                .forEach((question, code) -> answers.put(question, JsonNodeFactory.instance.stringNode(code)));
        var receipt = intake.startDraft(
                studyId, new ConsentGiven(study.definition().consent().version(), chosen), answers);
        journey.setResumeCode(receipt.resumeCode());
        return "redirect:/s/" + studyId + "/sections/1";
    }

    @GetMapping("/s/{studyId}/sections/{number}")
    String section(@PathVariable String studyId, @PathVariable int number, HttpSession session, Model model) {
        Journey journey = journey(session, studyId);
        var draft = intake.draftState(requireDraft(journey));
        return sectionPage(draft.definition(), number, draft.answers(), Map.of(), false, model);
    }

    @PostMapping("/s/{studyId}/sections/{number}")
    String saveSection(
            @PathVariable String studyId,
            @PathVariable int number,
            @RequestParam(defaultValue = "continue") String action,
            @RequestParam MultiValueMap<String, String> form,
            HttpSession session,
            Model model) {
        Journey journey = journey(session, studyId);
        String resumeCode = requireDraft(journey);
        var draft = intake.draftState(resumeCode);
        ValidatedDefinition study = draft.definition();
        List<StudyDefinition.Section> sections = Pages.questionnaireSections(study);
        if (number < 1 || number > sections.size()) {
            throw ApiProblemException.notFound("This study has no such page.");
        }
        if (action.equals("skip")) {
            return next(studyId, number, sections.size());
        }
        List<Question> onPage = sections.get(number - 1).questions();
        List<String> shownBefore = Pages.shown(study, onPage, draft.answers());
        PageForms.Posted posted = PageForms.read(onPage, form);
        Map<String, JsonNode> change = new LinkedHashMap<>();
        onPage.forEach(question -> change.put(question.id(), posted.answers().get(question.id())));
        if (!posted.errors().isEmpty()) {
            return sectionPage(study, number, draft.answers(), posted.errors(), false, model);
        }
        try {
            // Answers to questions that the new answers hide are cleared rather than refused.
            intake.change(resumeCode, new DraftChange(Pages.dropHidden(study, draft.answers(), change), null));
            var saved = intake.draftState(resumeCode);
            if (action.equals("save")) {
                model.addAttribute("study", study);
                model.addAttribute("resumeCode", resumeCode);
                Journey.end(session);
                return "participant/saved";
            }
            if (action.equals("back")) {
                return number == 1
                        ? "redirect:/s/" + studyId + "/consent"
                        : "redirect:/s/" + studyId + "/sections/" + (number - 1);
            }
            List<String> shownNow = Pages.shown(study, onPage, saved.answers());
            boolean revealed = !shownBefore.containsAll(shownNow);
            Map<String, String> missing = new LinkedHashMap<>();
            for (Question question : onPage) {
                if (question.required()
                        && shownNow.contains(question.id())
                        && !saved.answers().containsKey(question.id())) {
                    missing.put(question.id(), "Answer \u201c" + question.text() + "\u201d");
                }
            }
            if (revealed || !missing.isEmpty()) {
                return sectionPage(study, number, saved.answers(), missing, revealed, model);
            }
            return next(studyId, number, sections.size());
        } catch (InvalidResponseException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(error -> errors.putIfAbsent(error.question(), error.message()));
            return sectionPage(study, number, draft.answers(), errors, false, model);
        }
    }

    @GetMapping("/s/{studyId}/review")
    String review(@PathVariable String studyId, HttpSession session, Model model) {
        Journey journey = journey(session, studyId);
        var draft = intake.draftState(requireDraft(journey));
        return reviewPage(draft.definition(), draft.answers(), Map.of(), model);
    }

    @PostMapping("/s/{studyId}/submit")
    String submit(@PathVariable String studyId, HttpSession session, Model model) {
        Journey journey = journey(session, studyId);
        String resumeCode = requireDraft(journey);
        var draft = intake.draftState(resumeCode);
        try {
            var receipt = intake.submitDraft(resumeCode);
            Journey.end(session);
            model.addAttribute("study", draft.definition());
            model.addAttribute("receiptCode", receipt.receiptCode());
            model.addAttribute("followUp", followUps.offer(session, draft.definition(), receipt.responseId()));
            return "participant/thanks";
        } catch (InvalidResponseException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(error -> errors.putIfAbsent(error.question(), error.message()));
            return reviewPage(draft.definition(), draft.answers(), errors, model);
        } catch (NotEligibleException e) {
            throw ApiProblemException.conflict(e.getMessage());
        }
    }

    @GetMapping("/resume")
    String resumeForm(Model model) {
        model.addAttribute("error", null);
        return "participant/resume";
    }

    @PostMapping("/resume")
    String resume(@RequestParam(defaultValue = "") String code, HttpServletRequest request, Model model) {
        try {
            var draft = intake.draftState(code);
            request.changeSessionId();
            Journey.resume(request.getSession(), draft.studyId(), code);
            return "redirect:/s/" + draft.studyId() + "/sections/1";
        } catch (ApiProblemException e) {
            model.addAttribute(
                    "error", "We could not find saved answers with that code. Check each word and try again.");
            return "participant/resume";
        }
    }

    @GetMapping("/withdraw")
    String withdrawForm(Model model) {
        model.addAttribute("error", null);
        return "participant/withdraw";
    }

    @PostMapping("/withdraw")
    String confirmWithdrawal(
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "false") boolean confirmed,
            Model model) {
        if (code.isBlank()) {
            model.addAttribute("error", "Enter the receipt code from the end of the questionnaire.");
            return "participant/withdraw";
        }
        if (!confirmed) {
            model.addAttribute("code", code);
            return "participant/withdraw-confirm";
        }
        try {
            intake.withdraw(code);
            return "participant/withdrawn";
        } catch (ApiProblemException e) {
            model.addAttribute(
                    "error",
                    "We could not find answers with that receipt code. Check each word and try"
                            + " again. If you have withdrawn already, there is nothing more to do.");
            return "participant/withdraw";
        }
    }

    private String eligibilityPage(
            ValidatedDefinition study, Map<String, AnswerValue> answers, Map<String, String> errors, Model model) {
        model.addAttribute("study", study);
        model.addAttribute(
                "questions",
                Pages.eligibilityQuestions(study).stream()
                        .map(question ->
                                PageForms.view(question, answers.get(question.id()), errors.get(question.id())))
                        .toList());
        model.addAttribute("errors", errors);
        return "participant/eligibility";
    }

    private String sectionPage(
            ValidatedDefinition study,
            int number,
            Map<String, AnswerValue> answers,
            Map<String, String> errors,
            boolean revealed,
            Model model) {
        List<StudyDefinition.Section> sections = Pages.questionnaireSections(study);
        if (number < 1 || number > sections.size()) {
            throw ApiProblemException.notFound("This study has no such page.");
        }
        StudyDefinition.Section section = sections.get(number - 1);
        List<Question> onPage = section.questions();
        List<String> shown = Pages.shown(study, onPage, answers);
        model.addAttribute("study", study);
        model.addAttribute("section", section);
        model.addAttribute("number", number);
        model.addAttribute("total", sections.size());
        model.addAttribute("revealed", revealed);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "questions",
                onPage.stream()
                        .filter(question -> shown.contains(question.id()))
                        .map(question ->
                                PageForms.view(question, answers.get(question.id()), errors.get(question.id())))
                        .toList());
        return "participant/section";
    }

    private String reviewPage(
            ValidatedDefinition study, Map<String, AnswerValue> answers, Map<String, String> errors, Model model) {
        List<Map<String, Object>> parts = new ArrayList<>();
        List<StudyDefinition.Section> sections = Pages.questionnaireSections(study);
        for (int i = 0; i < sections.size(); i++) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (Question question : sections.get(i).questions()) {
                if (!study.isShown(question.id(), answers)) {
                    continue;
                }
                AnswerValue answer = answers.get(question.id());
                rows.add(Map.of(
                        "id", question.id(),
                        "question", question.text(),
                        "answer", answer == null ? "Not answered" : PageForms.describe(question, answer),
                        "error", errors.getOrDefault(question.id(), "")));
            }
            parts.add(Map.of("title", sections.get(i).title(), "number", i + 1, "rows", rows));
        }
        model.addAttribute("study", study);
        model.addAttribute("parts", parts);
        model.addAttribute("errors", errors);
        return "participant/review";
    }

    private String next(String studyId, int number, int total) {
        return number >= total
                ? "redirect:/s/" + studyId + "/review"
                : "redirect:/s/" + studyId + "/sections/" + (number + 1);
    }

    private ValidatedDefinition openStudy(String studyId) {
        return studies.openForResponses(studyId).definition();
    }

    private static boolean eligibilityDone(ValidatedDefinition study, Journey journey) {
        return study.definition().eligibility().isEmpty()
                || !journey.eligibility().isEmpty();
    }

    private static Journey journey(HttpSession session, String studyId) {
        return Journey.of(session, studyId).orElseThrow(() -> new JourneyExpiredException(studyId));
    }

    private static String requireDraft(Journey journey) {
        if (!journey.hasDraft()) {
            throw new JourneyExpiredException(null);
        }
        return journey.resumeCode();
    }
}
