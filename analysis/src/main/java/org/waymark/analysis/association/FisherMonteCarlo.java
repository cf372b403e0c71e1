package org.waymark.analysis.association;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test by simulation, for tables too large to enumerate.
 *
 * <p>Random tables with the observed margins are drawn under independence and the p-value is R's
 * {@code fisher.test(simulate.p.value = TRUE)} estimate: (1 + the number of random tables at most
 * as probable as the observed one) / (1 + the number drawn). R compares with a relative tolerance of
 * 64 machine epsilons, and so does this. Each column is filled by drawing, row by row, how many of
 * the column's members come from that row: a hypergeometric draw from the people not yet placed.
 * That is the same distribution as Patefield's algorithm in R's {@code r2dtable}, though not the
 * same random stream, so a result can only be compared with R's statistically.
 */
final class FisherMonteCarlo {
    private static final double ALMOST_ONE = 1 + 64 * Math.ulp(1.0);

    /** Up to this many people, a draw is made person by person (see {@link #draw}). */
    private static final int PERSON_BY_PERSON = 1_000;

    private FisherMonteCarlo() {}

    record Estimate(double pValue, MonteCarlo details) {}

    static Estimate pValue(int[][] table, int tables, long seed) {
        final int rows = table.length;
        final int columns = table[0].length;
        final int[] rowTotals = new int[rows];
        final int[] columnTotals = new int[columns];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                rowTotals[i] += table[i][j];
                columnTotals[j] += table[i][j];
                n += table[i][j];
            }
        }
        final double[] logFactorial = LogFactorials.upTo(n);
        double observed = 0;
        for (int[] row : table) {
            for (int cell : row) {
                observed += logFactorial[cell];
            }
        }
        // R compares -sum(log x!) for the random table with the observed value divided by 1 + 64 eps.
        final double cutoff = -observed / ALMOST_ONE;
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] rowRemaining = new int[rows];
        long atMostAsProbable = 0;
        for (int t = 0; t < tables; t++) {
            System.arraycopy(rowTotals, 0, rowRemaining, 0, rows);
            int unplaced = n;
            double sum = 0;
            for (int j = 0; j < columns - 1; j++) {
                int needed = columnTotals[j];
                int poolForColumn = unplaced;
                for (int i = 0; i < rows - 1 && needed > 0; i++) {
                    final int x = draw(random, poolForColumn, rowRemaining[i], needed);
                    poolForColumn -= rowRemaining[i];
                    rowRemaining[i] -= x;
                    needed -= x;
                    sum += logFactorial[x];
                }
                rowRemaining[rows - 1] -= needed;
                sum += logFactorial[needed];
                unplaced -= columnTotals[j];
            }
            for (int remaining : rowRemaining) {
                sum += logFactorial[remaining];
            }
            if (-sum <= cutoff) {
                atMostAsProbable++;
            }
        }
        final double p = (1.0 + atMostAsProbable) / (tables + 1.0);
        return new Estimate(p, new MonteCarlo(seed, tables, Math.sqrt(p * (1 - p) / tables)));
    }

    /**
     * How many of {@code draws} people drawn without replacement from {@code population} are among
     * its {@code successes}. Small draws are made person by person, which costs one random number per
     * person of the smaller of the two groups (the count is symmetric in them); large ones invert the
     * distribution function, which costs more per draw but not per person.
     */
    private static int draw(SplittableRandom random, int population, int successes, int draws) {
        if (successes == 0) {
            return 0;
        }
        if (successes == population) {
            return draws;
        }
        final int picked = Math.min(successes, draws);
        if (picked > PERSON_BY_PERSON) {
            return HypergeometricDistribution.of(population, successes, draws)
                    .inverseCumulativeProbability(random.nextDouble());
        }
        int marked = Math.max(successes, draws);
        int left = population;
        int found = 0;
        for (int k = 0; k < picked; k++) {
            if (random.nextInt(left) < marked) {
                found++;
                marked--;
            }
            left--;
        }
        return found;
    }
}
