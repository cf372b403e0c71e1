package org.waymark.analysis.survey;

import java.util.List;

/**
 * Everything published about one question: overall, and by each breakdown.
 *
 * @param question the question's identifier
 * @param label the question's label
 * @param kind how it is answered
 * @param overall the answers of everyone
 * @param breakdowns one per breakdown of the dataset, in order
 */
public record QuestionSummary(
        String question, String label, QuestionKind kind, GroupSummary overall, List<BreakdownSummary> breakdowns) {

    public QuestionSummary {
        breakdowns = List.copyOf(breakdowns);
    }
}
