package org.waymark.analysis.survey;

import java.util.List;

/**
 * A question broken down by one grouping.
 *
 * @param breakdown the breakdown's identifier
 * @param label the breakdown's label
 * @param groups every group of the breakdown, in order
 * @param tests the test of the breakdown (single and scale questions: at most one; multi questions:
 *     at most one per option); empty when fewer than two groups are large enough to test
 */
public record BreakdownSummary(String breakdown, String label, List<GroupSummary> groups, List<TestSummary> tests) {

    public BreakdownSummary {
        groups = List.copyOf(groups);
        tests = List.copyOf(tests);
    }
}
