package org.waymark.analysis.ordinal;

/**
 * Median and quartiles of an ordered scale from its counts.
 *
 * <p>The quantile definition is R's default ({@code quantile(x, type = 7)}): sort the n answers,
 * and the p-quantile lies at position 1 + (n - 1) p, interpolating linearly between neighbours. On
 * a scale scored 1, 2, 3, ... a median of 2.5 therefore means half way between the second and
 * third answers, as in R; a report may prefer to name the answer either side.
 *
 * @param lower the first quartile
 * @param median the median
 * @param upper the third quartile
 */
public record Quartiles(double lower, double median, double upper) {

    /**
     * Quartiles with the answers scored 1, 2, 3, ... in column order.
     *
     * @throws IllegalArgumentException if there are no answers or a count is negative
     */
    public static Quartiles of(long[] counts) {
        final double[] scores = new double[counts.length];
        for (int j = 0; j < scores.length; j++) {
            scores[j] = j + 1;
        }
        return of(counts, scores);
    }

    /**
     * Quartiles with the given score for each answer; scores must be in increasing order.
     *
     * @throws IllegalArgumentException if there are no answers, a count is negative, the lengths
     *     differ or the scores are not increasing
     */
    public static Quartiles of(long[] counts, double[] scores) {
        if (counts.length != scores.length) {
            throw new IllegalArgumentException("One score per answer is needed");
        }
        long n = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] < 0) {
                throw new IllegalArgumentException("Counts cannot be negative");
            }
            if (j > 0 && !(scores[j] > scores[j - 1])) {
                throw new IllegalArgumentException("Scores must increase");
            }
            n += counts[j];
        }
        if (n == 0) {
            throw new IllegalArgumentException("Quartiles need at least one answer");
        }
        return new Quartiles(
                quantile(counts, scores, n, 0.25), quantile(counts, scores, n, 0.5), quantile(counts, scores, n, 0.75));
    }

    private static double quantile(long[] counts, double[] scores, long n, double p) {
        final double h = (n - 1) * p;
        final long below = (long) Math.floor(h);
        final double low = valueAt(counts, scores, below);
        final double high = valueAt(counts, scores, Math.min(below + 1, n - 1));
        return low + (h - below) * (high - low);
    }

    /** The value of the answer at a 0-based position among the sorted answers. */
    private static double valueAt(long[] counts, double[] scores, long position) {
        long seen = 0;
        for (int j = 0; j < counts.length; j++) {
            seen += counts[j];
            if (position < seen) {
                return scores[j];
            }
        }
        throw new IllegalStateException("Position " + position + " is beyond the answers");
    }
}
