package org.waymark.analysis.association;

/**
 * How a Monte Carlo p-value was reached, so that anyone can repeat it and judge its precision.
 *
 * @param seed the seed of the random number generator
 * @param tables how many random tables were drawn
 * @param standardError the standard error of the p-value, {@code sqrt(p (1 - p) / tables)}
 */
public record MonteCarlo(long seed, int tables, double standardError) {}
