package org.waymark.analysis.survey;

import java.util.List;

/**
 * Everything published about one scale score: its definition, the scores overall and by each
 * breakdown (as for a number question: base, quartiles, mean and standard deviation, and a rank test
 * per breakdown), and the reliability of its items.
 *
 * @param scale the scale as the study defines it
 * @param overall the scores of everyone who has one
 * @param breakdowns one per breakdown of the dataset, in order
 * @param reliability Cronbach's alpha of the items
 */
public record ScaleSummary(
        Scale scale, GroupSummary overall, List<BreakdownSummary> breakdowns, ScaleReliability reliability) {

    public ScaleSummary {
        breakdowns = List.copyOf(breakdowns);
    }
}
