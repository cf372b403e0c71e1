package org.waymark.analysis.testing;

import java.util.SplittableRandom;
import org.waymark.analysis.table.Table;

/** Seeded random tables for property tests, so that a failure can be replayed. */
public final class RandomTables {
    private final SplittableRandom random;

    private RandomTables(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static RandomTables seeded(long seed) {
        return new RandomTables(seed);
    }

    /** A table of the given size range whose counts run from 0 to maxCount, small ones more often. */
    public Table next(int minRows, int maxRows, int minColumns, int maxColumns, int maxCount) {
        final int rows = random.nextInt(minRows, maxRows + 1);
        final int columns = random.nextInt(minColumns, maxColumns + 1);
        final long[][] counts = new long[rows][columns];
        for (long[] row : counts) {
            for (int j = 0; j < columns; j++) {
                // Squaring a uniform skews towards small counts, where the interesting cases are.
                final double u = random.nextDouble();
                row[j] = (long) Math.floor(u * u * (maxCount + 1));
            }
        }
        return Table.of(counts);
    }

    /** The same counts with rows and columns shuffled. */
    public Table shuffle(Table table) {
        final int[] rowOrder = permutation(table.rows());
        final int[] columnOrder = permutation(table.columns());
        final long[][] counts = new long[table.rows()][table.columns()];
        for (int i = 0; i < table.rows(); i++) {
            for (int j = 0; j < table.columns(); j++) {
                counts[i][j] = table.count(rowOrder[i], columnOrder[j]);
            }
        }
        return Table.of(counts);
    }

    public SplittableRandom random() {
        return random;
    }

    private int[] permutation(int size) {
        final int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            final int k = random.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[k];
            order[k] = swap;
        }
        return order;
    }
}
