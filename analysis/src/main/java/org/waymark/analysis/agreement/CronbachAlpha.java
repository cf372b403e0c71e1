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
     * Alpha of item scores, one row per respondent.
     *
     * @param scores one row per respondent, one score per item, {@code NaN} where an item was not
     *     answered
     * @throws IllegalArgumentException if there are fewer than two items, rows differ in length,
     *     fewer than two respondents answered every item, or the total score does not vary
     */
    public static CronbachAlpha of(double[][] scores) {
        final int k = scores.length == 0 ? 0 : scores[0].length;
        final double[][] items = new double[k][scores.length];
        for (int r = 0; r < scores.length; r++) {
            if (scores[r].length != k) {
                throw new IllegalArgumentException("Every respondent needs one entry per item");
            }
            for (int j = 0; j < k; j++) {
                items[j][r] = scores[r][j];
            }
        }
        return ofItems(items);
    }

    /**
     * Alpha of item scores, one column per item: the form a columnar dataset holds, with no array
     * per respondent.
     *
     * @param items one array per item, each with one score per respondent, {@code NaN} where the
     *     item was not answered
     * @throws IllegalArgumentException if there are fewer than two items, the items differ in
     *     length, fewer than two respondents answered every item, or the total score does not vary
     */
    public static CronbachAlpha ofItems(double[]... items) {
        final int k = items.length;
        if (k < 2) {
            throw new IllegalArgumentException("Alpha needs at least two items");
        }
        final int respondents = items[0].length;
        final boolean[] complete = new boolean[respondents];
        int n = 0;
        for (int r = 0; r < respondents; r++) {
            boolean answered = true;
            for (double[] item : items) {
                if (item.length != respondents) {
                    throw new IllegalArgumentException("Every item needs one entry per respondent");
                }
                answered &= !Double.isNaN(item[r]);
            }
            complete[r] = answered;
            n += answered ? 1 : 0;
        }
        if (n < 2) {
            throw new IllegalArgumentException("Alpha needs at least two respondents who answered every item");
        }
        final CronbachAlpha exact = exactSums(items, complete, n);
        if (exact != null) {
            return exact;
        }
        // Centred sums (two passes) rather than sums of squares, which lose digits for large n.
        final double[] means = new double[k];
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < respondents; r++) {
                if (complete[r]) {
                    means[j] += items[j][r] / n;
                }
            }
        }
        final double[] itemSquares = new double[k];
        final double[] withTotal = new double[k];
        double totalSquares = 0;
        for (int r = 0; r < respondents; r++) {
            if (!complete[r]) {
                continue;
            }
            double total = 0;
            for (int j = 0; j < k; j++) {
                total += items[j][r] - means[j];
            }
            for (int j = 0; j < k; j++) {
                final double centred = items[j][r] - means[j];
                itemSquares[j] += centred * centred;
                withTotal[j] += centred * total;
            }
            totalSquares += total * total;
        }
        return of(itemSquares, withTotal, totalSquares, n, respondents - n);
    }

    /**
     * Alpha from exact integer sums when every score is a whole number, as item scores usually are:
     * n times each centred sum of squares or products, n sum(x y) - sum(x) sum(y), is then worked out
     * without rounding, so alpha does not depend on the order of the respondents and loses no digits.
     * Null when a score is not whole or a sum would overflow.
     */
    private static CronbachAlpha exactSums(double[][] items, boolean[] complete, int n) {
        final int k = items.length;
        final long[] sums = new long[k];
        final long[] squares = new long[k];
        final long[] withTotal = new long[k];
        long totalSum = 0;
        long totalSquares = 0;
        try {
            final long[] row = new long[k];
            for (int r = 0; r < complete.length; r++) {
                if (!complete[r]) {
                    continue;
                }
                long total = 0;
                for (int j = 0; j < k; j++) {
                    final double value = items[j][r];
                    if (value != Math.rint(value) || Math.abs(value) > 1 << 20) {
                        return null;
                    }
                    row[j] = (long) value;
                    total += row[j];
                }
                for (int j = 0; j < k; j++) {
                    sums[j] += row[j];
                    squares[j] = Math.addExact(squares[j], row[j] * row[j]);
                    withTotal[j] = Math.addExact(withTotal[j], row[j] * total);
                }
                totalSum += total;
                totalSquares = Math.addExact(totalSquares, Math.multiplyExact(total, total));
            }
            final double[] centredSquares = new double[k];
            final double[] centredWithTotal = new double[k];
            for (int j = 0; j < k; j++) {
                centredSquares[j] = Math.subtractExact(
                        Math.multiplyExact((long) n, squares[j]), Math.multiplyExact(sums[j], sums[j]));
                centredWithTotal[j] = Math.subtractExact(
                        Math.multiplyExact((long) n, withTotal[j]), Math.multiplyExact(sums[j], totalSum));
            }
            final double centredTotal = Math.subtractExact(
                    Math.multiplyExact((long) n, totalSquares), Math.multiplyExact(totalSum, totalSum));
            // Each is n times the centred sum; the factor cancels in every ratio alpha is made of.
            return of(centredSquares, centredWithTotal, centredTotal, n, complete.length - n);
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /** Alpha from the centred sums of squares of the items and of the total, and their products. */
    private static CronbachAlpha of(
            double[] itemSquares, double[] withTotal, double totalSquares, int complete, int incomplete) {
        final int k = itemSquares.length;
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
        return new CronbachAlpha(alpha, k, complete, incomplete, ifDeleted);
    }
}
