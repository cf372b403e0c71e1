package org.waymark.analysis.agreement;

import java.util.Arrays;
import java.util.Optional;

/**
 * Krippendorff's alpha: how far coders agree beyond chance, for any number of coders, with missing
 * codes allowed, at the nominal, ordinal, interval or ratio level.
 *
 * <p>The data are a coders x units matrix of values, {@code NaN} where a coder did not code a unit.
 * Following Krippendorff (2011), "Computing Krippendorff's alpha-reliability", every unit coded by
 * m >= 2 coders contributes each ordered pair of its values with weight 1 / (m - 1) to a matrix of
 * coincidences; units coded once cannot be compared and are left out. Then alpha = 1 - D_o / D_e,
 * the observed disagreement within units over the disagreement expected between all pairable values,
 * with the level's squared difference between two values as the measure of disagreement. The work
 * after building the matrix depends on the number of distinct values, not of units.
 */
public final class KrippendorffAlpha {

    /** How values differ, which decides how much a disagreement between two of them counts. */
    public enum Level {
        /** Any two different values disagree equally: categories without order. */
        NOMINAL,
        /**
         * Values are ranks: the disagreement between two values grows with how many pairable values
         * lie between them, not with their numeric distance.
         */
        ORDINAL,
        /** The squared difference: equal steps between values mean equal differences. */
        INTERVAL,
        /** The squared difference relative to the sum, ((a - b) / (a + b))^2, for values with a true zero. */
        RATIO
    }

    private final Level level;

    private KrippendorffAlpha(Level level) {
        this.level = level;
    }

    public static KrippendorffAlpha of(Level level) {
        return new KrippendorffAlpha(level);
    }

    /**
     * The outcome.
     *
     * @param alpha 1 for perfect agreement, 0 for agreement at chance level
     * @param level the level the values were taken at
     * @param pairableValues n, the number of values in units coded by at least two coders
     * @param pairableUnits how many units were coded by at least two coders
     * @param observedDisagreement D_o
     * @param expectedDisagreement D_e
     */
    public record Result(
            double alpha,
            Level level,
            long pairableValues,
            int pairableUnits,
            double observedDisagreement,
            double expectedDisagreement) {}

    /**
     * Alpha for a coders x units matrix.
     *
     * @param codersByUnits one row per coder, one column per unit, {@code NaN} for a missing code
     * @return the result, or empty when fewer than two values can be paired or all pairable values
     *     are the same (there is then no variation to agree about, and alpha is undefined)
     * @throws IllegalArgumentException if the rows differ in length, or a ratio value is negative
     */
    public Optional<Result> alpha(double[][] codersByUnits) {
        final double[] values = distinctValues(codersByUnits);
        final int v = values.length;
        final double[][] coincidences = new double[v][v];
        int pairableUnits = 0;
        final int units = codersByUnits.length == 0 ? 0 : codersByUnits[0].length;
        final int[] inUnit = new int[v];
        for (int u = 0; u < units; u++) {
            Arrays.fill(inUnit, 0);
            int m = 0;
            for (double[] coder : codersByUnits) {
                if (!Double.isNaN(coder[u])) {
                    inUnit[Arrays.binarySearch(values, coder[u])]++;
                    m++;
                }
            }
            if (m < 2) {
                continue;
            }
            pairableUnits++;
            for (int c = 0; c < v; c++) {
                if (inUnit[c] == 0) {
                    continue;
                }
                for (int k = 0; k < v; k++) {
                    // Ordered pairs of different coders: a value is not paired with itself.
                    final double pairs = c == k ? inUnit[c] * (inUnit[c] - 1.0) : (double) inUnit[c] * inUnit[k];
                    coincidences[c][k] += pairs / (m - 1);
                }
            }
        }
        final double[] marginals = new double[v];
        double n = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                marginals[c] += coincidences[c][k];
            }
            n += marginals[c];
        }
        if (n < 2) {
            return Optional.empty();
        }
        final double[][] distance = squaredDistances(values, marginals);
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                observed += coincidences[c][k] * distance[c][k];
                expected += marginals[c] * marginals[k] * distance[c][k];
            }
        }
        if (!(expected > 0)) {
            return Optional.empty();
        }
        final double observedDisagreement = observed / n;
        final double expectedDisagreement = expected / (n * (n - 1));
        return Optional.of(new Result(
                1 - observedDisagreement / expectedDisagreement,
                level,
                Math.round(n),
                pairableUnits,
                observedDisagreement,
                expectedDisagreement));
    }

    private double[][] squaredDistances(double[] values, double[] marginals) {
        final int v = values.length;
        final double[][] distance = new double[v][v];
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                distance[c][k] = switch (level) {
                    case NOMINAL -> c == k ? 0 : 1;
                    case ORDINAL -> ordinal(marginals, Math.min(c, k), Math.max(c, k));
                    case INTERVAL -> (values[c] - values[k]) * (values[c] - values[k]);
                    case RATIO -> c == k ? 0 : square((values[c] - values[k]) / (values[c] + values[k]));
                };
            }
        }
        return distance;
    }

    /** (sum of n_g for g from c to k, less half of n_c and n_k) squared, Krippendorff (2011). */
    private static double ordinal(double[] marginals, int low, int high) {
        if (low == high) {
            return 0;
        }
        double between = 0;
        for (int g = low; g <= high; g++) {
            between += marginals[g];
        }
        return square(between - (marginals[low] + marginals[high]) / 2);
    }

    private static double square(double value) {
        return value * value;
    }

    private double[] distinctValues(double[][] codersByUnits) {
        for (double[] coder : codersByUnits) {
            if (coder.length != codersByUnits[0].length) {
                throw new IllegalArgumentException("Every coder needs one entry per unit");
            }
            for (double value : coder) {
                if (level == Level.RATIO && value < 0) {
                    throw new IllegalArgumentException("Ratio values cannot be negative: " + value);
                }
            }
        }
        return Arrays.stream(codersByUnits)
                .flatMapToDouble(Arrays::stream)
                .filter(value -> !Double.isNaN(value))
                .sorted()
                .distinct()
                .toArray();
    }
}
