package org.waymark.analysis.ordinal;

import java.util.Optional;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.waymark.analysis.table.Table;

/**
 * The Kruskal-Wallis test for three or more groups answering an ordered scale, from a table with
 * groups as rows and the scale's answers as columns in scale order.
 *
 * <p>H is corrected for ties and compared with a chi-square distribution on (groups - 1) degrees
 * of freedom, as R's {@code kruskal.test} does. Groups with no answers are left out, as R drops
 * unused factor levels.
 */
public final class KruskalWallis {
    private static final KruskalWallis DEFAULT = new KruskalWallis();

    private KruskalWallis() {}

    public static KruskalWallis withDefaults() {
        return DEFAULT;
    }

    /**
     * Tests the table.
     *
     * @return the result, or empty when fewer than two groups answered or everyone gave the same
     *     answer
     */
    public Optional<KruskalWallisResult> test(Table table) {
        final Table groups = nonEmptyRows(table);
        if (groups == null || groups.rows() < 2) {
            return Optional.empty();
        }
        final double n = groups.total();
        final double tieCorrection = 1 - MidRanks.tieTerm(groups) / (n * n * n - n);
        if (!(tieCorrection > 0)) {
            return Optional.empty();
        }
        final double[] ranks = MidRanks.of(groups);
        double sum = 0;
        for (int i = 0; i < groups.rows(); i++) {
            final double rankSum = MidRanks.rankSum(groups, i, ranks);
            sum += rankSum * rankSum / groups.rowTotal(i);
        }
        final double h = (12 * sum / (n * (n + 1)) - 3 * (n + 1)) / tieCorrection;
        final int df = groups.rows() - 1;
        final double p = ChiSquaredDistribution.of(df).survivalProbability(h);
        return Optional.of(new KruskalWallisResult(h, df, p, h / (n - 1)));
    }

    private static Table nonEmptyRows(Table table) {
        final long[][] counts = table.toArray();
        final long[][] kept = java.util.Arrays.stream(counts)
                .filter(row -> java.util.Arrays.stream(row).sum() > 0)
                .toArray(long[][]::new);
        return kept.length == 0 ? null : Table.of(kept);
    }
}
