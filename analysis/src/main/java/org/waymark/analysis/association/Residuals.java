package org.waymark.analysis.association;

import java.util.Arrays;
import org.waymark.analysis.table.Table;

/**
 * Adjusted standardised residuals, one per cell: (observed - expected) / sqrt(expected (1 - row
 * share) (1 - column share)), as R's {@code chisq.test(m)$stdres}. Under independence each is
 * roughly standard normal, so a cell beyond about +/-2 is one that drives the difference.
 *
 * <p>A cell in an empty row or column has no expected count and its residual is NaN.
 */
public final class Residuals {
    private final double[][] values;

    private Residuals(double[][] values) {
        this.values = values;
    }

    static Residuals of(Table table) {
        final double n = table.total();
        final double[][] values = new double[table.rows()][table.columns()];
        for (int i = 0; i < table.rows(); i++) {
            final double rowShare = table.rowTotal(i) / n;
            for (int j = 0; j < table.columns(); j++) {
                final double columnShare = table.columnTotal(j) / n;
                final double expected = n * rowShare * columnShare;
                values[i][j] =
                        (table.count(i, j) - expected) / Math.sqrt(expected * (1 - rowShare) * (1 - columnShare));
            }
        }
        return new Residuals(values);
    }

    public double get(int row, int column) {
        return values[row][column];
    }

    public int rows() {
        return values.length;
    }

    public int columns() {
        return values[0].length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Residuals residuals && Arrays.deepEquals(values, residuals.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "Residuals" + Arrays.deepToString(values);
    }
}
