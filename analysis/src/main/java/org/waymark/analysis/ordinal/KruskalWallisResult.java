package org.waymark.analysis.ordinal;

/**
 * The outcome of a Kruskal-Wallis test.
 *
 * @param statistic the tie-corrected H statistic
 * @param degreesOfFreedom the number of groups with answers, less one
 * @param pValue the p-value from the chi-square distribution
 * @param epsilonSquared the effect size H / (n - 1), which is the same as H / ((n^2 - 1) / (n + 1))
 *     (Tomczak and Tomczak 2014): from 0 to 1, the share of the variation in ranks that lies
 *     between groups
 */
public record KruskalWallisResult(double statistic, int degreesOfFreedom, double pValue, double epsilonSquared) {}
