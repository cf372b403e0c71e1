package org.waymark.analysis.table;

import java.util.Arrays;

/**
 * An immutable r x c table of counts: rows are usually the groups of a breakdown and columns the
 * answers to a question (for an ordered scale, in scale order).
 *
 * <p>Every statistic in this library is computed from a table rather than from individual
 * responses, so that a report over a million responses costs no more than one over a hundred once
 * the counts are made.
 */
public final class Table {
    private final long[][] counts;
    private final long[] rowTotals;
    private final long[] columnTotals;
    private final long total;

    private Table(long[][] counts) {
        this.counts = counts;
        this.rowTotals = new long[counts.length];
        this.columnTotals = new long[counts[0].length];
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i].length; j++) {
                rowTotals[i] = Math.addExact(rowTotals[i], counts[i][j]);
                columnTotals[j] = Math.addExact(columnTotals[j], counts[i][j]);
            }
            sum = Math.addExact(sum, rowTotals[i]);
        }
        this.total = sum;
    }

    /**
     * Creates a table from rows of counts.
     *
     * @param counts rows of equal length, at least one row and one column, no negative count
     * @return the table, holding its own copy of the counts
     * @throws IllegalArgumentException if the rows are missing, ragged or hold a negative count
     */
    public static Table of(long[][] counts) {
        if (counts.length == 0 || counts[0].length == 0) {
            throw new IllegalArgumentException("A table needs at least one row and one column");
        }
        final long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != counts[0].length) {
                throw new IllegalArgumentException(
                        "Row " + i + " has " + counts[i].length + " columns, not " + counts[0].length);
            }
            for (long count : counts[i]) {
                if (count < 0) {
                    throw new IllegalArgumentException("Counts cannot be negative: " + count);
                }
            }
            copy[i] = counts[i].clone();
        }
        return new Table(copy);
    }

    /**
     * Creates a one-row table, such as the answers to a question from everyone.
     *
     * @param counts the count in each column
     * @return the table
     */
    public static Table ofRow(long... counts) {
        return of(new long[][] {counts});
    }

    public int rows() {
        return counts.length;
    }

    public int columns() {
        return counts[0].length;
    }

    public long count(int row, int column) {
        return counts[row][column];
    }

    public long rowTotal(int row) {
        return rowTotals[row];
    }

    public long columnTotal(int column) {
        return columnTotals[column];
    }

    public long total() {
        return total;
    }

    /** The counts of one row, as a copy. */
    public long[] row(int row) {
        return counts[row].clone();
    }

    /** Rows become columns: association tests give the same answer either way round. */
    public Table transpose() {
        final long[][] transposed = new long[columns()][rows()];
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < columns(); j++) {
                transposed[j][i] = counts[i][j];
            }
        }
        return new Table(transposed);
    }

    /**
     * Drops rows and columns whose total is zero. A group nobody belongs to, or an answer nobody
     * gave, carries no information about association, and R's tests would return NaN for it.
     */
    public Table withoutEmptyRowsAndColumns() {
        final int[] keptRows = indicesOfNonZero(rowTotals);
        final int[] keptColumns = indicesOfNonZero(columnTotals);
        if (keptRows.length == rows() && keptColumns.length == columns()) {
            return this;
        }
        if (keptRows.length == 0) {
            return new Table(new long[][] {{0}});
        }
        final long[][] kept = new long[keptRows.length][keptColumns.length];
        for (int i = 0; i < keptRows.length; i++) {
            for (int j = 0; j < keptColumns.length; j++) {
                kept[i][j] = counts[keptRows[i]][keptColumns[j]];
            }
        }
        return new Table(kept);
    }

    /** A copy of the counts, row by row. */
    public long[][] toArray() {
        final long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    private static int[] indicesOfNonZero(long[] totals) {
        return java.util.stream.IntStream.range(0, totals.length)
                .filter(i -> totals[i] != 0)
                .toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Table table && Arrays.deepEquals(counts, table.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "Table" + Arrays.deepToString(counts);
    }
}
