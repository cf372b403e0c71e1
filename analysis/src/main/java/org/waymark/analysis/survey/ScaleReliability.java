package org.waymark.analysis.survey;

import java.util.List;
import java.util.OptionalDouble;
import org.waymark.analysis.disclosure.DisclosedCount;

/**
 * Cronbach's alpha of a scale's items, with alpha if each item were left out, as the disclosure
 * profile lets it be published. Alpha is worked out from the respondents who answered every item
 * (see {@link org.waymark.analysis.agreement.CronbachAlpha}).
 *
 * @param completeCases respondents who answered every item, the only ones alpha uses
 * @param incompleteCases respondents with at least one item unanswered
 * @param alpha the estimate; empty when it is withheld or cannot be worked out (fewer than two
 *     complete cases, or a total score that does not vary)
 * @param alphaIfItemDeleted per item in the scale's order; NaN for a scale of two items, whose items
 *     alone have no alpha; empty when {@code alpha} is
 * @param withheld whether alpha was withheld because the complete cases are too few for derived
 *     statistics under the profile
 */
public record ScaleReliability(
        DisclosedCount completeCases,
        DisclosedCount incompleteCases,
        OptionalDouble alpha,
        List<Double> alphaIfItemDeleted,
        boolean withheld) {

    public ScaleReliability {
        alphaIfItemDeleted = List.copyOf(alphaIfItemDeleted);
    }
}
