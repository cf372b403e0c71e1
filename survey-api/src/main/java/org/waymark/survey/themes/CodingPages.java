package org.waymark.survey.themes;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
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
import org.springframework.web.util.UriComponentsBuilder;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.security.StudyPermissions;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.web.ApiProblemException;

/**
 * The coding page: code answers with the codebook's themes, on the whole answer or on words in it;
 * decide proposals; run a blind round; see agreement and record consensus. Each form calls the same
 * service as its API endpoint, and a refusal is shown on the page in the service's own words.
 */
@Controller
class CodingPages {

    private final ThemeService themes;
    private final BlindRounds blind;
    private final AnswersToCode answers;
    private final CodingView view;
    private final StudyService studies;
    private final StudyNavigation navigation;
    private final StudyPermissions permissions;

    CodingPages(
            ThemeService themes,
            BlindRounds blind,
            AnswersToCode answers,
            CodingView view,
            StudyService studies,
            StudyNavigation navigation,
            StudyPermissions permissions) {
        this.themes = themes;
        this.blind = blind;
        this.answers = answers;
        this.view = view;
        this.studies = studies;
        this.navigation = navigation;
        this.permissions = permissions;
    }

    @GetMapping("/workspace/studies/{id}/coding")
    String coding(
            @PathVariable String id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String response,
            @RequestParam(required = false) String question,
            @RequestParam(required = false) String first,
            @RequestParam(required = false) String second,
            @RequestParam(required = false) String done,
            Authentication me,
            Model model,
            HttpServletResponse reply) {
        model.addAttribute("done", done);
        return show(
                id,
                new CodingView.Request(q, blankToNull(response), blankToNull(question), first, second),
                new LinkedHashMap<>(),
                me,
                model,
                reply);
    }

    @PostMapping("/workspace/studies/{id}/coding")
    String code(
            @PathVariable String id,
            @RequestParam(required = false) String responseId,
            @RequestParam(required = false) String question,
            @RequestParam(required = false) String theme,
            @RequestParam(required = false) String words,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String view,
            Authentication me,
            Model model,
            HttpServletResponse reply) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blankToNull(responseId) == null || blankToNull(question) == null) {
            errors.put("theme-0", "Choose an answer to code: open one from the search or the list.");
            return refused(id, null, null, q, errors, HttpStatus.BAD_REQUEST, me, model, reply);
        }
        if (blankToNull(theme) == null) {
            errors.put("theme-0", "Choose the theme to code this answer with.");
            return refused(id, responseId, question, q, errors, HttpStatus.BAD_REQUEST, me, model, reply);
        }
        Integer[] stretch;
        try {
            stretch = stretch(id, responseId, question, words, start, end);
        } catch (IllegalArgumentException notInAnswer) {
            errors.put("words-0", notInAnswer.getMessage());
            return refused(id, responseId, question, q, errors, HttpStatus.UNPROCESSABLE_CONTENT, me, model, reply);
        }
        try {
            themes.add(
                    id,
                    new ThemeService.NewCoding(responseId, question, theme, stretch[0], stretch[1], null),
                    me.getName(),
                    false);
        } catch (ApiProblemException problem) {
            errors.put("theme-0", problem.getMessage());
            return refused(id, responseId, question, q, errors, problem.status(), me, model, reply);
        }
        // Back to what the coder was looking at: the one answer, the search, or the next uncoded answers
        // (the one just coded drops off that list).
        boolean oneAnswer = "answer".equals(view);
        return "redirect:" + codingHref(id, oneAnswer ? null : q, oneAnswer ? responseId : null, question, "coded");
    }

    @PostMapping("/workspace/studies/{id}/coding/consensus")
    String consensus(
            @PathVariable String id,
            @RequestParam(required = false) String responseId,
            @RequestParam(required = false) String question,
            @RequestParam(required = false) String theme,
            @RequestParam(required = false) String present,
            Authentication me,
            Model model,
            HttpServletResponse reply) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blankToNull(responseId) == null || blankToNull(question) == null || blankToNull(theme) == null) {
            errors.put("consensus-theme-0", "Choose an answer and the theme the team decided on.");
            return refused(id, responseId, question, null, errors, HttpStatus.BAD_REQUEST, me, model, reply);
        }
        try {
            themes.add(
                    id,
                    new ThemeService.NewCoding(responseId, question, theme, null, null, !"false".equals(present)),
                    me.getName(),
                    true);
        } catch (ApiProblemException problem) {
            errors.put("consensus-theme-0", problem.getMessage());
            return refused(id, responseId, question, null, errors, problem.status(), me, model, reply);
        }
        return "redirect:" + codingHref(id, null, responseId, question, "consensus");
    }

    @PostMapping("/workspace/studies/{id}/coding/{coding}/confirm")
    String confirm(
            @PathVariable String id,
            @PathVariable long coding,
            Authentication me,
            Model model,
            HttpServletResponse reply) {
        return decide(id, coding, true, me, model, reply);
    }

    @PostMapping("/workspace/studies/{id}/coding/{coding}/reject")
    String reject(
            @PathVariable String id,
            @PathVariable long coding,
            Authentication me,
            Model model,
            HttpServletResponse reply) {
        return decide(id, coding, false, me, model, reply);
    }

    @PostMapping("/workspace/studies/{id}/coding/blind")
    String switchBlindRound(
            @PathVariable String id,
            @RequestParam(required = false) String blind,
            Authentication me,
            Model model,
            HttpServletResponse reply) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!"true".equals(blind) && !"false".equals(blind)) {
            errors.put("blind-round", "Choose to start or to end the blind round.");
            return refused(id, null, null, null, errors, HttpStatus.BAD_REQUEST, me, model, reply);
        }
        try {
            this.blind.set(id, new BlindRounds.Switch(Boolean.valueOf(blind)), me.getName());
        } catch (ApiProblemException problem) {
            errors.put("blind-round", problem.getMessage());
            return refused(id, null, null, null, errors, problem.status(), me, model, reply);
        }
        return "redirect:" + codingHref(id, null, null, null, "true".equals(blind) ? "blind-started" : "blind-ended");
    }

    private String decide(
            String id, long coding, boolean confirm, Authentication me, Model model, HttpServletResponse reply) {
        try {
            themes.decide(id, coding, confirm, Viewer.of(me, id, permissions));
        } catch (ApiProblemException problem) {
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("proposals", problem.getMessage());
            return refused(id, null, null, null, errors, problem.status(), me, model, reply);
        }
        return "redirect:" + codingHref(id, null, null, null, confirm ? "confirmed" : "rejected");
    }

    /**
     * The stretch to code, in code points: the offsets the page's script worked out from a selection,
     * when they still mark the words sent; otherwise the first place the words appear in the answer;
     * neither for the whole answer.
     */
    private Integer[] stretch(
            String studyId, String responseId, String question, String words, String start, String end) {
        String wanted = words == null ? "" : words.strip();
        if (wanted.isEmpty()) {
            return new Integer[] {null, null};
        }
        var definition = studies.published(studyId).definition();
        String text = answers.find(studyId, definition, List.of(new AnswersToCode.Ref(responseId, question))).stream()
                .findFirst()
                .map(AnswersToCode.Answer::text)
                .orElseThrow(() -> new IllegalArgumentException(
                        "That answer cannot be found to code. Open it again from the search."));
        Integer from = parse(start);
        Integer to = parse(end);
        if (from != null && to != null && wanted.equals(CodingView.words(text, from, to))) {
            return new Integer[] {from, to};
        }
        int at = text.indexOf(wanted);
        if (at < 0) {
            throw new IllegalArgumentException("These words are not in the answer. Copy them exactly as the answer "
                    + "has them, or leave the box empty to code the whole answer.");
        }
        int first = text.codePointCount(0, at);
        return new Integer[] {first, first + wanted.codePointCount(0, wanted.length())};
    }

    private String refused(
            String id,
            String responseId,
            String question,
            String q,
            Map<String, String> errors,
            HttpStatus status,
            Authentication me,
            Model model,
            HttpServletResponse reply) {
        reply.setStatus(status.value());
        return show(
                id,
                new CodingView.Request(q, blankToNull(responseId), blankToNull(question), null, null),
                errors,
                me,
                model,
                reply);
    }

    private String show(
            String id,
            CodingView.Request request,
            Map<String, String> errors,
            Authentication me,
            Model model,
            HttpServletResponse reply) {
        StudyHeader study = navigation.header(me, id, "/coding").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, reply);
        }
        model.addAttribute("username", me.getName());
        model.addAttribute("study", study);
        try {
            view.fill(id, request, Viewer.of(me, id, permissions), errors, model);
            model.addAttribute("unpublished", false);
        } catch (ApiProblemException notPublished) {
            model.addAttribute("unpublished", true);
        }
        return "workspace/coding";
    }

    private static String codingHref(String id, String q, String response, String question, String done) {
        var uri = UriComponentsBuilder.fromPath("/workspace/studies/" + id + "/coding");
        if (blankToNull(q) != null) {
            uri.queryParam("q", q);
        }
        if (response != null && question != null) {
            uri.queryParam("response", response).queryParam("question", question);
        }
        return uri.queryParam("done", done).build().encode().toUriString();
    }

    private static Integer parse(String number) {
        try {
            return number == null || number.isBlank() ? null : Integer.valueOf(number.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
