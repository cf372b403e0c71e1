package org.waymark.analysis.survey;

import java.util.Optional;
import java.util.OptionalDouble;
import org.waymark.analysis.disclosure.DisclosedCount;

/**
 * One answer within a group, as the disclosure profile lets it be published. For a multi question
 * the count is how many ticked the option, and the percentage is of the group's base.
 *
 * @param code the option's code
 * @param label the option's label
 * @param count how many gave it
 * @param percent its share of the base, from unrounded figures; empty when hidden
 * @param ci95 the 95% Wilson interval; empty when the percentage is hidden or the group is too small
 *     for derived statistics
 */
public record CategorySummary(
        String code, String label, DisclosedCount count, OptionalDouble percent, Optional<PercentInterval> ci95) {}
