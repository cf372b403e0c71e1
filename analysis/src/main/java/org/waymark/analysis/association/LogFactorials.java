package org.waymark.analysis.association;

/**
 * log(k!) for k = 0..n, summed with compensation so that the table probabilities built from them
 * stay accurate to about 1e-12 even for a few thousand responses.
 */
final class LogFactorials {
    private LogFactorials() {}

    static double[] upTo(int n) {
        final double[] values = new double[n + 1];
        double sum = 0;
        double compensation = 0;
        for (int k = 2; k <= n; k++) {
            final double term = Math.log(k) - compensation;
            final double next = sum + term;
            compensation = (next - sum) - term;
            sum = next;
            values[k] = sum;
        }
        return values;
    }
}
