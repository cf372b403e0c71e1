package org.waymark.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A search within one study. Immutable; the {@code with...} methods return changed copies.
 *
 * @param studyId the study searched
 * @param query the researcher's query, in the syntax {@link QuerySyntax} reads
 * @param questionId only answers to this question, or null for every free-text question
 * @param groupFilters only participants in these groups, by grouping id
 * @param countedGroupings the groupings whose groups are counted among the hits
 * @param page the page of hits, from 0
 * @param pageSize hits per page
 */
public record SearchRequest(
        String studyId,
        String query,
        String questionId,
        Map<String, String> groupFilters,
        List<String> countedGroupings,
        int page,
        int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    /** How deep into the ranking a page may reach, so that no request ranks the whole index. */
    public static final int MAX_DEPTH = 1_000;

    public SearchRequest {
        Objects.requireNonNull(studyId);
        Objects.requireNonNull(query);
        groupFilters = Map.copyOf(groupFilters);
        countedGroupings = List.copyOf(countedGroupings);
        if (page < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page from 0, page size from 1 to " + MAX_PAGE_SIZE);
        }
        if ((long) (page + 1) * pageSize > MAX_DEPTH) {
            throw new QuerySyntaxException("Only the first " + MAX_DEPTH + " results can be paged through."
                    + " Narrow the search with more words or a filter.");
        }
    }

    public static SearchRequest of(String studyId, String query) {
        return new SearchRequest(studyId, query, null, Map.of(), List.of(), 0, DEFAULT_PAGE_SIZE);
    }

    public SearchRequest withQuestion(String questionId) {
        return new SearchRequest(studyId, query, questionId, groupFilters, countedGroupings, page, pageSize);
    }

    public SearchRequest withGroup(String groupingId, String groupId) {
        Map<String, String> filters = new LinkedHashMap<>(groupFilters);
        filters.put(groupingId, groupId);
        return new SearchRequest(studyId, query, questionId, filters, countedGroupings, page, pageSize);
    }

    public SearchRequest countingGroups(List<String> groupingIds) {
        return new SearchRequest(studyId, query, questionId, groupFilters, groupingIds, page, pageSize);
    }

    public SearchRequest withPage(int newPage, int newPageSize) {
        return new SearchRequest(studyId, query, questionId, groupFilters, countedGroupings, newPage, newPageSize);
    }
}
