package org.waymark.analysis.multiplicity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusts the p-values of a family of tests, such as every breakdown test in a report, so that
 * running many tests does not manufacture "significant" differences by chance. Both match R's
 * {@code p.adjust}; Waymark reports both beside the unadjusted p-value.
 */
public enum PValueAdjustment {
    /**
     * Holm's step-down method ({@code p.adjust(p, "holm")}): controls the chance of even one false
     * finding among the family, like Bonferroni but never less powerful.
     */
    HOLM {
        @Override
        double[] adjustSorted(double[] ascending) {
            final int m = ascending.length;
            final double[] adjusted = new double[m];
            double running = 0;
            for (int i = 0; i < m; i++) {
                running = Math.max(running, Math.min(1, (m - i) * ascending[i]));
                adjusted[i] = running;
            }
            return adjusted;
        }
    },
    /**
     * Benjamini and Hochberg's method ({@code p.adjust(p, "BH")}): controls the expected share of
     * false findings among those called significant, so it finds more at the cost of a few.
     */
    BENJAMINI_HOCHBERG {
        @Override
        double[] adjustSorted(double[] ascending) {
            final int m = ascending.length;
            final double[] adjusted = new double[m];
            double running = 1;
            for (int i = m - 1; i >= 0; i--) {
                running = Math.min(running, Math.min(1, (double) m / (i + 1) * ascending[i]));
                adjusted[i] = running;
            }
            return adjusted;
        }
    };

    /**
     * Adjusts p-values, returning them in the order given.
     *
     * @throws IllegalArgumentException if a value is outside [0, 1] or NaN
     */
    public double[] adjust(double... pValues) {
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("Not a p-value: " + p);
            }
        }
        final Integer[] order = IntStream.range(0, pValues.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        final double[] ascending = new double[pValues.length];
        for (int i = 0; i < order.length; i++) {
            ascending[i] = pValues[order[i]];
        }
        final double[] adjustedAscending = adjustSorted(ascending);
        final double[] adjusted = new double[pValues.length];
        for (int i = 0; i < order.length; i++) {
            adjusted[order[i]] = adjustedAscending[i];
        }
        return adjusted;
    }

    abstract double[] adjustSorted(double[] ascending);
}
