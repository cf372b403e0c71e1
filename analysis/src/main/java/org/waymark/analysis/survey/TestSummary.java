package org.waymark.analysis.survey;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.waymark.analysis.TestMethod;
import org.waymark.analysis.association.MonteCarlo;
import org.waymark.analysis.association.OddsRatio;

/**
 * Whether a question's answers differ between the groups of a breakdown by more than chance.
 *
 * @param option for a multi question, the option tested as yes/no; empty otherwise
 * @param method the test the documented rule chose
 * @param statistic chi-square, W or H; empty for Fisher's test and when {@code testWithheld}
 * @param degreesOfFreedom for chi-square and Kruskal-Wallis; empty when {@code testWithheld}
 * @param pValue the unadjusted p-value; empty when {@code testWithheld}
 * @param pHolm adjusted by Holm's method across every published test of the analysis run (withheld
 *     ones are not in the family); empty when {@code testWithheld}
 * @param pBenjaminiHochberg adjusted by Benjamini and Hochberg's method across the same tests
 * @param effect the effect size; empty when {@code testWithheld}
 * @param oddsRatio for an association test of two groups by two answers (for a multi option, ticked
 *     or not), the odds of the first answer in the first tested group over those in the second;
 *     empty for other tests and when {@code cellsWithheld}
 * @param residuals for an association test, the adjusted standardised residual of each tested group
 *     and answer; empty for rank tests and when {@code cellsWithheld}
 * @param cellsWithheld whether the odds ratio and residuals were withheld because a cell of the
 *     tested groups is hidden by the disclosure profile: worked back with the margins, they would
 *     give the hidden count
 * @param testWithheld whether the test's statistic, degrees of freedom, p-values, effect size and
 *     simulation figures were withheld too, because the profile withholds any test over a hidden
 *     cell ({@code strict-10}): with exact totals, they would narrow the hidden count down
 * @param monteCarlo seed, tables and standard error when the p-value was simulated; empty when
 *     {@code testWithheld}
 * @param groupsLeftOut groups with answers but too few for derived statistics under the profile,
 *     left out of the test
 * @param sentence the result in words a report could use, with no number the profile hides
 */
public record TestSummary(
        Optional<String> option,
        TestMethod method,
        OptionalDouble statistic,
        OptionalInt degreesOfFreedom,
        OptionalDouble pValue,
        OptionalDouble pHolm,
        OptionalDouble pBenjaminiHochberg,
        Optional<Effect> effect,
        Optional<OddsRatio> oddsRatio,
        Optional<CellResiduals> residuals,
        boolean cellsWithheld,
        boolean testWithheld,
        Optional<MonteCarlo> monteCarlo,
        List<String> groupsLeftOut,
        String sentence) {

    public TestSummary {
        groupsLeftOut = List.copyOf(groupsLeftOut);
    }
}
