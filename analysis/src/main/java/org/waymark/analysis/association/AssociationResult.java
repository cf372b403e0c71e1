package org.waymark.analysis.association;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.waymark.analysis.TestMethod;

/**
 * The outcome of testing a table for association between its rows and columns.
 *
 * @param method the test the rule chose
 * @param statistic Pearson's chi-square statistic when that test was used; Fisher's test has none
 * @param degreesOfFreedom the chi-square degrees of freedom when that test was used
 * @param pValue the two-sided p-value
 * @param monteCarlo seed, number of tables and standard error when the p-value was simulated
 * @param smallestExpected the smallest expected count, which decided the test
 * @param cramersV Cramer's V, sqrt(chi-square / (n (min(r, c) - 1))), from 0 (no association) to 1,
 *     computed from the chi-square statistic whichever test gave the p-value
 * @param oddsRatio for a 2x2 table, the odds ratio with its interval
 * @param adjustedResiduals per cell of the table as given, including empty rows and columns
 */
public record AssociationResult(
        TestMethod method,
        OptionalDouble statistic,
        OptionalInt degreesOfFreedom,
        double pValue,
        Optional<MonteCarlo> monteCarlo,
        double smallestExpected,
        double cramersV,
        Optional<OddsRatio> oddsRatio,
        Residuals adjustedResiduals) {}
