package org.waymark.survey.search;

import java.util.List;
import java.util.Map;
import org.waymark.search.SearchResult;

/**
 * A search's answer: how many answers match, one page of them with highlighted passages, and how many
 * participants with a matching answer are in each group of each grouping.
 */
public record SearchJson(long total, List<Hit> hits, Map<String, Map<String, Integer>> byGroup, boolean complete) {

    /** One matching answer, by the response's pseudonymous id. */
    public record Hit(String responseId, String question, String highlight) {
        static Hit of(SearchResult.Hit hit) {
            return new Hit(hit.responseId(), hit.questionId(), hit.highlight());
        }
    }

    static SearchJson of(SearchResult result) {
        return new SearchJson(
                result.total(), result.hits().stream().map(Hit::of).toList(), result.byGroup(), result.complete());
    }
}
