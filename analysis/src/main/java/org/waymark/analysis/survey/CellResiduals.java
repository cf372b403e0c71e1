package org.waymark.analysis.survey;

import java.util.List;
import org.waymark.analysis.association.Residuals;

/**
 * The adjusted standardised residuals of a test's table, labelled: one per tested group and answer
 * (for one option of a multi question, {@value #TICKED} and {@value #NOT_TICKED}). Under independence
 * each is roughly standard normal, so a cell beyond about +/-2 is one that drives the difference.
 *
 * @param groups the codes of the tested groups, the rows
 * @param answers the codes of the answers, the columns
 * @param values the residuals; NaN for an answer nobody in the tested groups gave
 */
public record CellResiduals(List<String> groups, List<String> answers, Residuals values) {

    /** The column of a multi option's test for the respondents who ticked it. */
    public static final String TICKED = "ticked";

    /** The column of a multi option's test for the respondents in the base who did not tick it. */
    public static final String NOT_TICKED = "not_ticked";

    public CellResiduals {
        groups = List.copyOf(groups);
        answers = List.copyOf(answers);
        if (values.rows() != groups.size() || values.columns() != answers.size()) {
            throw new IllegalArgumentException("One residual per group and answer is needed");
        }
    }

    /** The residual of a group (by position in {@link #groups()}) and an answer. */
    public double value(int group, int answer) {
        return values.get(group, answer);
    }
}
