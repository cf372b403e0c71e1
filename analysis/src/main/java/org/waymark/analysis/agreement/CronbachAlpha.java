package org.waymark.analysis.agreement;

import java.util.ArrayList;
import java.util.List;

/**
 * Cronbach's alpha for a scale made of several items, with alpha if each item were left out.
 *
 * <p>alpha = k / (k - 1) (1 - sum of the item variances / variance of the total score), with
 * sample variances (divisor n - 1), the formula every statistics package uses. Only respondents who
 * answered every item count (complete cases): filling gaps would invent answers, and a total over
 * fewer items is not the same score. How many were left out is reported beside alpha.
 *
 * @param alpha the estimate; 1 when the items rise and fall together, 0 or below when they share
 *     nothing
 * @param items k, the number of items
 * @param completeCases respondents who answered every item, the only ones used
 * @param incompleteCases respondents left out because an item was missing
 * @param alphaIfItemDeleted alpha of the other k - 1 items, per item in the order given, over the
 *     same complete cases so that the figures compare like with like; NaN when k = 2, because alpha
 *     needs at least two items
 */
public record CronbachAlpha(
        double alpha, int items, int completeCases, int incompleteCases, List<Double> alphaIfItemDeleted) {

    public CronbachAlpha {
        alphaIfItemDeleted = List.copyOf(alphaIfItemDeleted);
    }

    /**
     * Alpha of item scores.
     *
     * @param scores one row per respondent, one score per item, {@code NaN} where an item was not
     *     answered
     * @throws IllegalArgumentException if there are fewer than two items, rows differ in length,
     *     fewer than two respondents answered every item, or the total score does not vary
     */
    public static CronbachAlpha of(double[][] scores) {
        final int k = scores.length == 0 ? 0 : scores[0].length;
        if (k < 2) {
            throw new IllegalArgumentException("Alpha needs at least two items");
        }
        final List<double[]> complete = new ArrayList<>();
        for (double[] row : scores) {
            if (row.length != k) {
                throw new IllegalArgumentException("Every respondent needs one entry per item");
            }
            if (java.util.Arrays.stream(row).noneMatch(Double::isNaN)) {
                complete.add(row);
            }
        }
        final int n = complete.size();
        if (n < 2) {
            throw new IllegalArgumentException("Alpha needs at least two respondents who answered every item");
        }
        // Centred sums (two passes) rather than sums of squares, which lose digits for large n.
        final double[] means = new double[k];
        for (double[] row : complete) {
            for (int j = 0; j < k; j++) {
                means[j] += row[j] / n;
            }
        }
        final double[] itemSquares = new double[k];
        final double[] withTotal = new double[k];
        double totalSquares = 0;
        for (double[] row : complete) {
            double total = 0;
            for (int j = 0; j < k; j++) {
                total += row[j] - means[j];
            }
            for (int j = 0; j < k; j++) {
                final double centred = row[j] - means[j];
                itemSquares[j] += centred * centred;
                withTotal[j] += centred * total;
            }
            totalSquares += total * total;
        }
        if (!(totalSquares > 0)) {
            throw new IllegalArgumentException("The total score does not vary, so alpha is undefined");
        }
        double itemSum = 0;
        for (double squares : itemSquares) {
            itemSum += squares;
        }
        // The divisor n - 1 cancels in every ratio, so sums of squares stand in for variances.
        final double alpha = k / (k - 1.0) * (1 - itemSum / totalSquares);
        final List<Double> ifDeleted = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            // var(T - x_j) = var(T) - 2 cov(T, x_j) + var(x_j)
            final double rest = totalSquares - 2 * withTotal[j] + itemSquares[j];
            final double restItems = itemSum - itemSquares[j];
            ifDeleted.add(k == 2 ? Double.NaN : (k - 1) / (k - 2.0) * (1 - restItems / rest));
        }
        return new CronbachAlpha(alpha, k, n, scores.length - n, ifDeleted);
    }
}
