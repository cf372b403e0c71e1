package org.waymark.survey.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.table.Table;
import org.waymark.search.SearchResult;

/**
 * A search's answer: how many answers match, one page of them with highlighted passages, and how many
 * participants with a matching answer are in each group of each grouping, through a disclosure profile.
 *
 * @param byGroup per grouping and group, the participants with a matching answer as the profile lets them
 *     be shown: {@code null} when hidden
 * @param disclosure the profile {@code byGroup} went through
 * @param suppressed whether the profile hid any count in {@code byGroup}
 */
public record SearchJson(
        long total,
        List<Hit> hits,
        Map<String, Map<String, Long>> byGroup,
        String disclosure,
        boolean suppressed,
        boolean complete) {

    /** One matching answer, by the response's pseudonymous id. */
    public record Hit(String responseId, String question, String highlight) {
        static Hit of(SearchResult.Hit hit) {
            return new Hit(hit.responseId(), hit.questionId(), hit.highlight());
        }
    }

    static SearchJson of(SearchResult result, DisclosureProfile profile) {
        Map<String, Map<String, Long>> byGroup = new LinkedHashMap<>();
        boolean suppressed = false;
        for (var grouping : result.byGroup().entrySet()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (var group : grouping.getValue().entrySet()) {
                DisclosedCount count = disclosed(group.getValue(), profile);
                suppressed |= count.suppressed();
                counts.put(
                        group.getKey(),
                        count.suppressed() ? null : count.value().getAsLong());
            }
            byGroup.put(grouping.getKey(), counts);
        }
        return new SearchJson(
                result.total(),
                result.hits().stream().map(Hit::of).toList(),
                byGroup,
                profile.id(),
                suppressed,
                result.complete());
    }

    /**
     * One group's count through the profile, as a table of one cell: no total is shown beside these
     * counts (a participant can be in no group), so there is nothing a hidden count could be worked back
     * from within the grouping, and no secondary suppression to do.
     */
    private static DisclosedCount disclosed(long count, DisclosureProfile profile) {
        return profile.apply(Table.of(new long[][] {{count}})).cell(0, 0);
    }
}
