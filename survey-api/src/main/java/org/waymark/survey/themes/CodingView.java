package org.waymark.survey.themes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.waymark.survey.search.SearchJson;
import org.waymark.survey.search.SearchService;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * What the coding page shows one viewer: the codebook, answers to code with the codes this viewer may
 * see on them, open proposals, the blind round, and the agreement between two coders. Everything comes
 * from the services the API uses, so the page hides exactly what the API hides.
 */
@Component
class CodingView {

    static final int ANSWERS_SHOWN = 10;
    static final int PROPOSALS_SHOWN = 10;

    /** What the viewer asked to see: an answer, answers matching a search, or their next uncoded ones. */
    record Request(String q, String response, String question, String first, String second) {

        // Public, as the template calls them.
        public boolean oneAnswer() {
            return response != null && question != null;
        }

        public boolean searching() {
            return !oneAnswer() && q != null && !q.isBlank();
        }
    }

    /** A code on an answer: its theme's name, the words it covers (null for the whole answer), its coder. */
    record Code(long id, String theme, String words, String coder, String status, boolean present) {}

    /** An answer to code, with the codes on it the viewer may see. */
    record AnswerToCode(int index, AnswersToCode.Answer answer, List<Code> codes) {}

    /** An open proposal of a theme for an answer. */
    record Proposal(long id, String theme, AnswersToCode.Answer answer) {}

    private final ThemeService themes;
    private final BlindRounds blind;
    private final AnswersToCode answers;
    private final SearchService search;
    private final StudyService studies;

    CodingView(
            ThemeService themes, BlindRounds blind, AnswersToCode answers, SearchService search, StudyService studies) {
        this.themes = themes;
        this.blind = blind;
        this.answers = answers;
        this.search = search;
        this.studies = studies;
    }

    /** Fills the model; problems with the request go into {@code errors}, by the field they concern. */
    void fill(String studyId, Request request, Viewer viewer, Map<String, String> errors, Model model) {
        ValidatedDefinition definition = studies.published(studyId).definition();
        BlindRounds.BlindRound round = blind.of(studyId);
        boolean hidden = round.blind() && !viewer.seesEveryCoder();
        Codebook codebook = themes.current(studyId);
        Map<String, String> themeNames = new LinkedHashMap<>();
        codebook.themes().forEach(theme -> themeNames.put(theme.code(), theme.name()));

        List<AnswersToCode.Ref> refs = new ArrayList<>();
        if (request.oneAnswer()) {
            refs.add(new AnswersToCode.Ref(request.response(), request.question()));
        } else if (request.searching()) {
            try {
                SearchJson found = search.search(studyId, request.q(), null, Map.of(), null, 0, ANSWERS_SHOWN);
                found.hits().forEach(hit -> refs.add(new AnswersToCode.Ref(hit.responseId(), hit.question())));
            } catch (ApiProblemException refused) {
                errors.putIfAbsent("q", refused.getMessage());
            }
        } else {
            refs.addAll(answers.notYetCodedBy(studyId, viewer.name(), null, ANSWERS_SHOWN));
        }
        List<AnswersToCode.Answer> shown = answers.find(studyId, definition, refs);
        List<Codings.Coding> codes = themes.onResponses(
                studyId, shown.stream().map(AnswersToCode.Answer::responseId).toList(), viewer);
        List<AnswerToCode> toCode = new ArrayList<>();
        for (AnswersToCode.Answer answer : shown) {
            List<Code> on = codes.stream()
                    .filter(coding -> coding.responseId().equals(answer.responseId())
                            && coding.question().equals(answer.question())
                            && !coding.status().equals("proposed")
                            && !coding.status().equals("rejected"))
                    .map(coding -> new Code(
                            coding.id(),
                            themeNames.getOrDefault(coding.theme(), coding.theme()),
                            words(answer.text(), coding.start(), coding.end()),
                            coding.status().equals("confirmed") && "rule".equals(coding.coder())
                                    ? coding.decidedBy()
                                    : coding.coder(),
                            coding.status(),
                            coding.present()))
                    .toList();
            toCode.add(new AnswerToCode(toCode.size(), answer, on));
        }

        List<Proposal> proposals = new ArrayList<>();
        if (!hidden) {
            List<Codings.Coding> open = themes.list(studyId, "proposed", null, 0, PROPOSALS_SHOWN, viewer);
            List<AnswersToCode.Answer> proposed = answers.find(
                    studyId,
                    definition,
                    open.stream()
                            .map(coding -> new AnswersToCode.Ref(coding.responseId(), coding.question()))
                            .toList());
            for (Codings.Coding coding : open) {
                proposed.stream()
                        .filter(answer -> answer.responseId().equals(coding.responseId())
                                && answer.question().equals(coding.question()))
                        .findFirst()
                        .ifPresent(answer -> proposals.add(new Proposal(
                                coding.id(), themeNames.getOrDefault(coding.theme(), coding.theme()), answer)));
            }
        }

        model.addAttribute("round", round);
        model.addAttribute("hidden", hidden);
        model.addAttribute("managesRound", viewer.seesEveryCoder());
        model.addAttribute("themes", codebook.themes());
        model.addAttribute("asked", request);
        model.addAttribute("answers", toCode);
        model.addAttribute("proposals", proposals);
        model.addAttribute("errors", errors);
        if (!hidden) {
            agreement(studyId, request, viewer, themeNames, model);
        }
    }

    private void agreement(
            String studyId, Request request, Viewer viewer, Map<String, String> themeNames, Model model) {
        List<String> coders = themes.coders(studyId, viewer);
        model.addAttribute("coders", coders);
        String first = request.first() != null ? request.first() : coders.size() >= 2 ? coders.get(0) : null;
        String second = request.second() != null ? request.second() : coders.size() >= 2 ? coders.get(1) : null;
        model.addAttribute("firstCoder", first);
        model.addAttribute("secondCoder", second);
        if (first != null && second != null && !first.equals(second)) {
            model.addAttribute("agreement", themes.agreement(studyId, List.of(first, second), viewer));
            model.addAttribute("themeNames", themeNames);
        }
    }

    /** The words a stretch covers, counted in Unicode code points as codings are; null for a whole answer. */
    static String words(String text, Integer start, Integer end) {
        if (start == null || end == null) {
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (start < 0 || end > length || start >= end) {
            return null;
        }
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
    }
}
