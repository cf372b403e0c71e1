package org.waymark.analysis.survey;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.Flag;
import org.waymark.analysis.ordinal.Quartiles;

/**
 * A question's answers within one group (or from everyone), as they may be published.
 *
 * @param group the group's code, {@code overall} for everyone
 * @param label the group's label
 * @param base how many were shown the question and answered other than not applicable or prefer not
 *     to say
 * @param notApplicable how many answered not applicable, reported beside the base
 * @param preferNotToSay how many preferred not to say, reported beside the base
 * @param categories the options in order; empty for a number question
 * @param quartiles for a scale (options scored 1, 2, ...) or a number question, when the group is
 *     large enough for derived statistics
 * @param mean for a number question or a scale score, the mean and standard deviation, when the
 *     group is large enough for derived statistics
 * @param flags warnings for the report author
 */
public record GroupSummary(
        String group,
        String label,
        DisclosedCount base,
        DisclosedCount notApplicable,
        DisclosedCount preferNotToSay,
        List<CategorySummary> categories,
        Optional<Quartiles> quartiles,
        Optional<MeanAndDeviation> mean,
        Set<Flag> flags) {

    public GroupSummary {
        categories = List.copyOf(categories);
        flags = Set.copyOf(flags);
    }
}
