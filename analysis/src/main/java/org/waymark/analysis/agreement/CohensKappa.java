package org.waymark.analysis.agreement;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.waymark.analysis.table.Table;

/**
 * Cohen's kappa for two coders who each put the same items into the same categories, from their
 * agreement table: rows are the first coder's category, columns the second's, in the same order.
 *
 * <p>Kappa is (observed agreement - chance agreement) / (1 - chance agreement), where chance
 * agreement is what two coders would reach by assigning categories at their own overall rates
 * without looking at the items. Both standard errors are the large-sample ones of Fleiss, Cohen and
 * Everitt (1969): the one under the hypothesis of chance agreement only, which the z test divides
 * by, and the general one, which the confidence interval uses. They differ because the spread of
 * kappa depends on its true value. The same formulas are what SAS {@code PROC FREQ} prints as "ASE
 * under H0" and "ASE".
 *
 * @param kappa the estimate, 1 for perfect agreement, 0 for agreement at chance level, negative
 *     below it
 * @param observedAgreement the share of items both coders put in the same category
 * @param chanceAgreement the share expected from the coders' category rates alone
 * @param items how many items both coders coded
 * @param standardError the large-sample standard error, for the confidence interval
 * @param nullStandardError the standard error if agreement were at chance level, for the z test
 * @param z kappa divided by the null standard error; 0 when that is 0 (a coder used one category)
 * @param pValue the two-sided p-value of the z test of kappa = 0
 * @param lower lower end of the Wald interval kappa -/+ z standard errors
 * @param upper upper end of that interval
 * @param confidenceLevel the interval's confidence level
 */
public record CohensKappa(
        double kappa,
        double observedAgreement,
        double chanceAgreement,
        long items,
        double standardError,
        double nullStandardError,
        double z,
        double pValue,
        double lower,
        double upper,
        double confidenceLevel) {

    /** Kappa with a 95% interval. */
    public static CohensKappa of(Table agreement) {
        return of(agreement, 0.95);
    }

    /**
     * Kappa with an interval at the given confidence level.
     *
     * @throws IllegalArgumentException if the table is not square, is empty, or every item is in one
     *     category for both coders (chance agreement is then 1 and kappa is undefined)
     */
    public static CohensKappa of(Table agreement, double confidenceLevel) {
        if (agreement.rows() != agreement.columns()) {
            throw new IllegalArgumentException("Kappa needs the same categories for both coders, not " + agreement);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("Confidence level must be between 0 and 1: " + confidenceLevel);
        }
        final int k = agreement.rows();
        final double n = agreement.total();
        if (n == 0) {
            throw new IllegalArgumentException("Kappa needs at least one coded item");
        }
        final double[] rows = new double[k];
        final double[] columns = new double[k];
        double observed = 0;
        double chance = 0;
        for (int i = 0; i < k; i++) {
            rows[i] = agreement.rowTotal(i) / n;
            columns[i] = agreement.columnTotal(i) / n;
            observed += agreement.count(i, i) / n;
            chance += rows[i] * columns[i];
        }
        if (!(chance < 1)) {
            throw new IllegalArgumentException("Both coders used a single category for everything: kappa is undefined");
        }
        final double kappa = (observed - chance) / (1 - chance);
        final double scale = n * (1 - chance) * (1 - chance);

        // Fleiss, Cohen and Everitt (1969): the general variance, then the one when kappa = 0.
        double diagonal = 0;
        double offDiagonal = 0;
        double nullSum = 0;
        for (int i = 0; i < k; i++) {
            final double term = 1 - (rows[i] + columns[i]) * (1 - kappa);
            diagonal += agreement.count(i, i) / n * term * term;
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    final double margins = columns[i] + rows[j];
                    offDiagonal += agreement.count(i, j) / n * margins * margins;
                }
            }
            nullSum += rows[i] * columns[i] * (rows[i] + columns[i]);
        }
        final double shift = kappa - chance * (1 - kappa);
        final double variance = (diagonal + (1 - kappa) * (1 - kappa) * offDiagonal - shift * shift) / scale;
        final double nullVariance = (chance + chance * chance - nullSum) / scale;

        final double standardError = Math.sqrt(Math.max(0, variance));
        final double nullStandardError = Math.sqrt(nullVariance);
        final NormalDistribution normal = NormalDistribution.of(0, 1);
        // When a coder used one category for everything, kappa is 0 whatever the items and has no
        // spread under chance: there is no evidence of agreement, so z is 0 rather than 0 / 0.
        final double z = nullStandardError > 0 ? kappa / nullStandardError : 0;
        final double p = Math.min(1, 2 * normal.survivalProbability(Math.abs(z)));
        final double halfWidth = normal.inverseSurvivalProbability((1 - confidenceLevel) / 2) * standardError;
        return new CohensKappa(
                kappa,
                observed,
                chance,
                agreement.total(),
                standardError,
                nullStandardError,
                z,
                p,
                kappa - halfWidth,
                kappa + halfWidth,
                confidenceLevel);
    }
}
