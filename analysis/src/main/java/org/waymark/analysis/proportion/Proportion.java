package org.waymark.analysis.proportion;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * How many of a base gave an answer, as a proportion with a Wilson score interval.
 *
 * <p>The Wilson interval (the one R's {@code prop.test(x, n, correct = FALSE)} reports) stays
 * inside 0 to 1 and keeps close to its stated coverage for the small groups and extreme
 * proportions a survey of 81 people produces, where the textbook "p plus or minus 1.96 standard
 * errors" interval does not.
 *
 * @param count how many gave the answer
 * @param base how many answered the question (see the base rules in {@code docs/analysis.md})
 * @param estimate {@code count / base}
 * @param lower lower end of the interval, as a proportion
 * @param upper upper end of the interval, as a proportion
 * @param confidenceLevel the interval's confidence level, such as 0.95
 */
public record Proportion(long count, long base, double estimate, double lower, double upper, double confidenceLevel) {

    private static final double DEFAULT_CONFIDENCE = 0.95;

    /**
     * The proportion with a 95% Wilson score interval.
     *
     * @throws IllegalArgumentException if the base is not positive or the count is outside 0..base
     */
    public static Proportion wilson(long count, long base) {
        return wilson(count, base, DEFAULT_CONFIDENCE);
    }

    /**
     * The proportion with a Wilson score interval at the given confidence level.
     *
     * @throws IllegalArgumentException if the base is not positive, the count is outside 0..base or
     *     the level is not strictly between 0 and 1
     */
    public static Proportion wilson(long count, long base, double confidenceLevel) {
        if (base <= 0 || count < 0 || count > base) {
            throw new IllegalArgumentException("Need 0 <= count <= base and base > 0, got " + count + " of " + base);
        }
        final Interval interval = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(
                Math.toIntExact(base), Math.toIntExact(count), 1 - confidenceLevel);
        return new Proportion(
                count,
                base,
                (double) count / base,
                Math.max(0, interval.getLowerBound()),
                Math.min(1, interval.getUpperBound()),
                confidenceLevel);
    }

    /** The estimate as a percentage, for display. */
    public double percent() {
        return 100 * estimate;
    }
}
