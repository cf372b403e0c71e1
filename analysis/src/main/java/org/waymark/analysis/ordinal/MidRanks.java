package org.waymark.analysis.ordinal;

import org.waymark.analysis.table.Table;

/**
 * Ranks of an ordered scale from its counts. Everyone in a column shares the average of the ranks
 * the column spans, which is how R ranks tied values, and each column of t people contributes
 * t^3 - t to the tie correction.
 */
final class MidRanks {
    private MidRanks() {}

    static double[] of(Table table) {
        final double[] ranks = new double[table.columns()];
        double before = 0;
        for (int j = 0; j < ranks.length; j++) {
            final double size = table.columnTotal(j);
            ranks[j] = before + (size + 1) / 2;
            before += size;
        }
        return ranks;
    }

    static double rankSum(Table table, int row, double[] ranks) {
        double sum = 0;
        for (int j = 0; j < ranks.length; j++) {
            sum += table.count(row, j) * ranks[j];
        }
        return sum;
    }

    static double tieTerm(Table table) {
        double sum = 0;
        for (int j = 0; j < table.columns(); j++) {
            final double t = table.columnTotal(j);
            sum += t * t * t - t;
        }
        return sum;
    }
}
