package org.waymark.analysis.ordinal;

/**
 * The outcome of a Mann-Whitney test.
 *
 * @param u the U statistic of the first group (R's W): how many of the pairs of one person from
 *     each group have the first group's person higher, counting a tie as half
 * @param z the standardised statistic after tie and continuity correction
 * @param pValue the two-sided p-value
 * @param rankBiserial the rank-biserial correlation {@code 2U / (n1 n2) - 1}: the chance that a
 *     random person from the first group answers higher than one from the second minus the chance
 *     they answer lower, from -1 to 1; positive when the first group tends higher on the scale
 */
public record MannWhitneyResult(double u, double z, double pValue, double rankBiserial) {}
