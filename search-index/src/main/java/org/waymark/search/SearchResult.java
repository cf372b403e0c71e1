package org.waymark.search;

import java.util.List;
import java.util.Map;

/**
 * What a search found.
 *
 * @param total answers that match
 * @param hits the requested page of answers, best first
 * @param byGroup for each counted grouping, how many participants with a matching answer are in each group
 * @param complete false when the search hit its time limit and the figures cover only part of the index
 */
public record SearchResult(long total, List<Hit> hits, Map<String, Map<String, Integer>> byGroup, boolean complete) {

    public SearchResult {
        hits = List.copyOf(hits);
        byGroup = Map.copyOf(byGroup);
    }

    /**
     * One matching answer.
     *
     * @param responseKey the response's key in the study (its database id)
     * @param responseId the response's pseudonymous public id
     * @param questionId the question answered
     * @param highlight the best passages, HTML-escaped, with matches in {@code <mark>} elements
     * @param score the relevance score, for ordering only
     */
    public record Hit(long responseKey, String responseId, String questionId, String highlight, float score) {}
}
