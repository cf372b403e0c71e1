package org.waymark.analysis.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * Which hidden entries of a table with totals the adding-up equations determine, found by
 * Gaussian elimination. Entry (i, j) with i = rows or j = columns is a total.
 */
final class Recovery {
    private static final double EPSILON = 1e-9;

    private Recovery() {}

    static List<int[]> determinedEntries(boolean[][] hidden) {
        final int rows = hidden.length - 1;
        final int columns = hidden[0].length - 1;
        final List<int[]> unknowns = new ArrayList<>();
        final int[][] index = new int[rows + 1][columns + 1];
        for (int i = 0; i <= rows; i++) {
            for (int j = 0; j <= columns; j++) {
                index[i][j] = hidden[i][j] ? unknowns.size() : -1;
                if (hidden[i][j]) {
                    unknowns.add(new int[] {i, j});
                }
            }
        }
        final List<double[]> equations = new ArrayList<>();
        // Each row of cells adds up to its total, and the row totals to the grand total.
        for (int i = 0; i <= rows; i++) {
            final double[] equation = new double[unknowns.size()];
            for (int j = 0; j < columns; j++) {
                add(equation, index[i][j], 1);
            }
            add(equation, index[i][columns], -1);
            equations.add(equation);
        }
        for (int j = 0; j <= columns; j++) {
            final double[] equation = new double[unknowns.size()];
            for (int i = 0; i < rows; i++) {
                add(equation, index[i][j], 1);
            }
            add(equation, index[rows][j], -1);
            equations.add(equation);
        }
        final double[][] matrix = equations.toArray(double[][]::new);
        final int[] pivotColumnOfRow = reduce(matrix, unknowns.size());
        final List<int[]> determined = new ArrayList<>();
        for (int r = 0; r < pivotColumnOfRow.length; r++) {
            final int pivot = pivotColumnOfRow[r];
            if (pivot < 0) {
                continue;
            }
            boolean alone = true;
            for (int c = 0; c < unknowns.size(); c++) {
                if (c != pivot && Math.abs(matrix[r][c]) > EPSILON) {
                    alone = false;
                }
            }
            if (alone) {
                determined.add(unknowns.get(pivot));
            }
        }
        return determined;
    }

    private static void add(double[] equation, int unknown, double coefficient) {
        if (unknown >= 0) {
            equation[unknown] += coefficient;
        }
    }

    /** Reduced row echelon form in place; returns each row's pivot column or -1. */
    private static int[] reduce(double[][] matrix, int unknowns) {
        final int[] pivots = new int[matrix.length];
        java.util.Arrays.fill(pivots, -1);
        int row = 0;
        for (int column = 0; column < unknowns && row < matrix.length; column++) {
            int best = row;
            for (int r = row + 1; r < matrix.length; r++) {
                if (Math.abs(matrix[r][column]) > Math.abs(matrix[best][column])) {
                    best = r;
                }
            }
            if (Math.abs(matrix[best][column]) < EPSILON) {
                continue;
            }
            final double[] swap = matrix[row];
            matrix[row] = matrix[best];
            matrix[best] = swap;
            final double scale = matrix[row][column];
            for (int c = 0; c < unknowns; c++) {
                matrix[row][c] /= scale;
            }
            for (int r = 0; r < matrix.length; r++) {
                if (r != row && Math.abs(matrix[r][column]) > EPSILON) {
                    final double factor = matrix[r][column];
                    for (int c = 0; c < unknowns; c++) {
                        matrix[r][c] -= factor * matrix[row][c];
                    }
                }
            }
            pivots[row] = column;
            row++;
        }
        return pivots;
    }
}
