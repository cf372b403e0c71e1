package org.waymark.analysis.association;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.waymark.analysis.table.Table;

/**
 * The sample odds ratio of a 2x2 table, (a d) / (b c), with a Wald interval on the log scale:
 * exp(log OR +/- z sqrt(1/a + 1/b + 1/c + 1/d)).
 *
 * <p>When a cell is zero the ratio or its standard error is infinite, so 0.5 is added to every
 * cell first (the Haldane-Anscombe correction) and {@code corrected} says so. This is not the
 * conditional maximum likelihood estimate that R's {@code fisher.test} prints; it is the ratio a
 * reader can work out from the table.
 *
 * @param estimate the odds ratio
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param confidenceLevel the interval's confidence level
 * @param correction whether 0.5 was added to every cell
 */
public record OddsRatio(double estimate, double lower, double upper, double confidenceLevel, Correction correction) {

    /** Whether the Haldane-Anscombe correction was applied. */
    public enum Correction {
        NONE,
        HALDANE_ANSCOMBE
    }

    /**
     * The odds ratio of the first row's odds of the first column over the second row's.
     *
     * @throws IllegalArgumentException if the table is not 2x2
     */
    public static OddsRatio of(Table table, double confidenceLevel) {
        if (table.rows() != 2 || table.columns() != 2) {
            throw new IllegalArgumentException("An odds ratio needs a 2x2 table, not " + table);
        }
        final boolean anyZero =
                table.count(0, 0) == 0 || table.count(0, 1) == 0 || table.count(1, 0) == 0 || table.count(1, 1) == 0;
        final double shift = anyZero ? 0.5 : 0;
        final double a = table.count(0, 0) + shift;
        final double b = table.count(0, 1) + shift;
        final double c = table.count(1, 0) + shift;
        final double d = table.count(1, 1) + shift;
        final double estimate = (a * d) / (b * c);
        final double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confidenceLevel) / 2);
        final double halfWidth = z * Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
        final double log = Math.log(estimate);
        return new OddsRatio(
                estimate,
                Math.exp(log - halfWidth),
                Math.exp(log + halfWidth),
                confidenceLevel,
                anyZero ? Correction.HALDANE_ANSCOMBE : Correction.NONE);
    }
}
