package org.waymark.survey.search;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.search.QuerySyntaxException;
import org.waymark.search.SearchRequest;
import org.waymark.search.SearchResult;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * Searches a study's free-text answers, checking the question and group filters against its definition.
 * Public for the theme search page, which must answer exactly as the API does.
 */
@Service
public class SearchService {

    private final SearchIndex index;
    private final StudyService studies;
    private final IndexedAnswers answers;

    SearchService(SearchIndex index, StudyService studies, IndexedAnswers answers) {
        this.index = index;
        this.studies = studies;
        this.answers = answers;
    }

    /** A search whose counts per group go through the profile {@code disclosure} ({@code nhs-standard} if null). */
    public SearchJson search(
            String studyId,
            String query,
            String questionId,
            Map<String, String> groups,
            String disclosure,
            int page,
            int size) {
        DisclosureProfile profile = profile(disclosure);
        ValidatedDefinition definition = studies.published(studyId).definition();
        List<String> groupings =
                definition.groupings().stream().map(GroupingRule::id).toList();
        try {
            SearchRequest request = SearchRequest.of(studyId, query == null ? "" : query)
                    .countingGroups(groupings)
                    .withPage(page, size);
            if (questionId != null) {
                requireTextQuestion(definition, questionId);
                request = request.withQuestion(questionId);
            }
            for (var filter : groups.entrySet()) {
                requireGroup(definition, filter.getKey(), filter.getValue());
                request = request.withGroup(filter.getKey(), filter.getValue());
            }
            return SearchJson.of(index.index().search(request), profile);
        } catch (QuerySyntaxException e) {
            throw badSearch(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw badSearch("Use a page from 0 and a size from 1 to " + SearchRequest.MAX_PAGE_SIZE + ".");
        }
    }

    SearchIndex.Consistency consistency(String studyId) {
        studies.published(studyId);
        return index.check(studyId);
    }

    List<SearchJson.Hit> similar(String studyId, String responseId, String questionId, int count) {
        ValidatedDefinition definition = studies.published(studyId).definition();
        requireTextQuestion(definition, questionId);
        long key = answers.responseKey(studyId, responseId)
                .orElseThrow(() -> ApiProblemException.notFound(
                        "Study '" + studyId + "' has no submitted response '" + responseId + "'."));
        List<SearchResult.Hit> hits = index.index().moreLikeThis(studyId, key, questionId, Math.clamp(count, 1, 50));
        return hits.stream().map(SearchJson.Hit::of).toList();
    }

    private static void requireTextQuestion(ValidatedDefinition definition, String questionId) {
        StudyDefinition.Question question = definition
                .question(questionId)
                .orElseThrow(() -> badSearch("The study has no question '" + questionId + "'."));
        if (question.type() != QuestionType.TEXT) {
            throw badSearch("Question '" + questionId + "' is not a free-text question; only free text is searched.");
        }
    }

    private static void requireGroup(ValidatedDefinition definition, String groupingId, String groupId) {
        GroupingRule grouping = definition
                .grouping(groupingId)
                .orElseThrow(() -> badSearch("The study has no grouping '" + groupingId + "'. Its groupings are: "
                        + String.join(
                                ", ",
                                definition.groupings().stream()
                                        .map(GroupingRule::id)
                                        .toList()) + "."));
        if (grouping.groups().stream().noneMatch(group -> group.id().equals(groupId))) {
            throw badSearch("Grouping '" + groupingId + "' has no group '" + groupId + "'. Its groups are: "
                    + String.join(
                            ", ",
                            grouping.groups().stream()
                                    .map(GroupingRule.Group::id)
                                    .toList()) + ".");
        }
    }

    private static DisclosureProfile profile(String id) {
        String chosen = id == null ? DisclosureProfile.NHS_STANDARD.id() : id;
        return Arrays.stream(DisclosureProfile.values())
                .filter(profile -> profile.id().equals(chosen))
                .findFirst()
                .orElseThrow(() -> badSearch("There is no disclosure profile '" + chosen + "'. Use one of: "
                        + String.join(
                                ", ",
                                Arrays.stream(DisclosureProfile.values())
                                        .map(DisclosureProfile::id)
                                        .toList())
                        + "."));
    }

    private static ApiProblemException badSearch(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "Search not understood", detail);
    }

    /** Group filters from request parameters named {@code group.<grouping>}. */
    public static Map<String, String> groupFilters(Map<String, String> parameters) {
        Map<String, String> filters = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (name.startsWith("group.")) {
                filters.put(name.substring("group.".length()), value);
            }
        });
        return filters;
    }
}
