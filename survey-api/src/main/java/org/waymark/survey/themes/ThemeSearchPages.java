package org.waymark.survey.themes;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.waymark.search.SearchRequest;
import org.waymark.survey.search.SearchJson;
import org.waymark.survey.search.SearchService;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * Theme search as a page: the same search as {@code GET /api/studies/{id}/search}, its highlights shown
 * as text with the matched words marked, each answer with its participant's group labels only.
 */
@Controller
class ThemeSearchPages {

    static final int PAGE_SIZE = 20;

    /** One matching answer as the page shows it. */
    record Hit(
            String responseId,
            String question,
            String questionText,
            HighlightedText highlight,
            List<AnswersToCode.GroupLabel> groups) {}

    private final SearchService search;
    private final StudyService studies;
    private final AnswersToCode answers;
    private final StudyNavigation navigation;

    ThemeSearchPages(SearchService search, StudyService studies, AnswersToCode answers, StudyNavigation navigation) {
        this.search = search;
        this.studies = studies;
        this.answers = answers;
        this.navigation = navigation;
    }

    @GetMapping("/workspace/studies/{id}/themes")
    String search(
            @PathVariable String id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String question,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam Map<String, String> parameters,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/themes").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        model.addAttribute("username", me.getName());
        model.addAttribute("study", study);
        ValidatedDefinition definition;
        try {
            definition = studies.published(id).definition();
        } catch (ApiProblemException notPublished) {
            model.addAttribute("unpublished", true);
            return "workspace/themes";
        }
        String chosenQuestion = question == null || question.isBlank() ? null : question;
        Map<String, String> groups = new LinkedHashMap<>();
        SearchService.groupFilters(parameters).forEach((grouping, group) -> {
            if (!group.isBlank()) {
                groups.put(grouping, group);
            }
        });
        model.addAttribute("unpublished", false);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("question", chosenQuestion);
        model.addAttribute("questions", AnswersToCode.freeTextQuestions(definition));
        model.addAttribute("groupings", definition.groupings());
        model.addAttribute("chosenGroups", groups);
        model.addAttribute("errors", Map.of());
        if (q == null) {
            return "workspace/themes";
        }
        try {
            SearchJson found = search.search(id, q, chosenQuestion, groups, null, page, PAGE_SIZE);
            var shown = answers.find(
                    id,
                    definition,
                    found.hits().stream()
                            .map(hit -> new AnswersToCode.Ref(hit.responseId(), hit.question()))
                            .toList());
            Map<AnswersToCode.Ref, AnswersToCode.Answer> byRef = new LinkedHashMap<>();
            shown.forEach(answer -> byRef.put(new AnswersToCode.Ref(answer.responseId(), answer.question()), answer));
            List<Hit> hits = found.hits().stream()
                    .map(hit -> {
                        var answer = byRef.get(new AnswersToCode.Ref(hit.responseId(), hit.question()));
                        return new Hit(
                                hit.responseId(),
                                hit.question(),
                                answer == null ? hit.question() : answer.questionText(),
                                HighlightedText.of(hit.highlight()),
                                answer == null ? List.of() : answer.groups());
                    })
                    .toList();
            model.addAttribute("found", found);
            model.addAttribute("hits", hits);
            model.addAttribute("first", (long) page * PAGE_SIZE + 1);
            model.addAttribute("previousHref", page > 0 ? pageHref(id, q, chosenQuestion, groups, page - 1) : null);
            boolean more =
                    (long) (page + 1) * PAGE_SIZE < found.total() && (page + 2) * PAGE_SIZE <= SearchRequest.MAX_DEPTH;
            model.addAttribute("nextHref", more ? pageHref(id, q, chosenQuestion, groups, page + 1) : null);
        } catch (ApiProblemException refused) {
            response.setStatus(refused.status().value());
            model.addAttribute("errors", Map.of("q", refused.getMessage()));
        }
        return "workspace/themes";
    }

    private static String pageHref(String id, String q, String question, Map<String, String> groups, int page) {
        var uri = UriComponentsBuilder.fromPath("/workspace/studies/" + id + "/themes")
                .queryParam("q", q);
        if (question != null) {
            uri.queryParam("question", question);
        }
        groups.forEach((grouping, group) -> uri.queryParam("group." + grouping, group));
        return uri.queryParam("page", page).build().encode().toUriString();
    }
}
