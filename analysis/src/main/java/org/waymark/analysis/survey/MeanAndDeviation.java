package org.waymark.analysis.survey;

/**
 * The mean of a group's numbers and their standard deviation, as R's {@code mean} and {@code sd}
 * compute them (the divisor is n - 1).
 *
 * @param mean the mean
 * @param standardDeviation the sample standard deviation; NaN for a single value
 */
public record MeanAndDeviation(double mean, double standardDeviation) {

    /** From values in any order; two passes, so that large values do not lose digits. */
    static MeanAndDeviation of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("A mean needs at least one value");
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        final double mean = sum / values.length;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return new MeanAndDeviation(mean, Math.sqrt(squares / (values.length - 1)));
    }
}
