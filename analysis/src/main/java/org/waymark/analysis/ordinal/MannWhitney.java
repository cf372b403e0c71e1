package org.waymark.analysis.ordinal;

import java.util.Optional;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.waymark.analysis.table.Table;

/**
 * The Mann-Whitney (Wilcoxon rank-sum) test for two groups answering an ordered scale, from a
 * table with the two groups as rows and the scale's answers as columns in scale order.
 *
 * <p>Survey scales have few answers and so many ties, which rules out the exact distribution; the
 * p-value is the normal approximation with the tie correction and the continuity correction, as R's
 * {@code wilcox.test(x, y, correct = TRUE, exact = FALSE)} computes it. Working from the table
 * rather than from individual answers gives the same ranks and costs nothing per response.
 */
public final class MannWhitney {
    private static final MannWhitney DEFAULT = new MannWhitney(ContinuityCorrection.ENABLED);

    /** Whether to move the statistic half a unit towards its mean, as R does by default. */
    public enum ContinuityCorrection {
        ENABLED,
        DISABLED
    }

    private final ContinuityCorrection continuityCorrection;

    private MannWhitney(ContinuityCorrection continuityCorrection) {
        this.continuityCorrection = continuityCorrection;
    }

    /** With continuity correction, matching R's default. */
    public static MannWhitney withDefaults() {
        return DEFAULT;
    }

    public MannWhitney with(ContinuityCorrection correction) {
        return new MannWhitney(correction);
    }

    /**
     * Tests a 2-row table.
     *
     * @return the result, or empty when a group has no answers or everyone gave the same answer
     * @throws IllegalArgumentException if the table does not have two rows
     */
    public Optional<MannWhitneyResult> test(Table table) {
        if (table.rows() != 2) {
            throw new IllegalArgumentException("Mann-Whitney compares two groups, not " + table.rows());
        }
        final double n1 = table.rowTotal(0);
        final double n2 = table.rowTotal(1);
        final double n = n1 + n2;
        final double tieTerm = MidRanks.tieTerm(table);
        final double variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
        if (n1 == 0 || n2 == 0 || !(variance > 0)) {
            return Optional.empty();
        }
        final double u = MidRanks.rankSum(table, 0, MidRanks.of(table)) - n1 * (n1 + 1) / 2;
        double distance = u - n1 * n2 / 2;
        if (continuityCorrection == ContinuityCorrection.ENABLED) {
            distance -= Math.signum(distance) * 0.5;
        }
        final double z = distance / Math.sqrt(variance);
        final double p = Math.min(1, 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z)));
        return Optional.of(new MannWhitneyResult(u, z, p, 2 * u / (n1 * n2) - 1));
    }
}
