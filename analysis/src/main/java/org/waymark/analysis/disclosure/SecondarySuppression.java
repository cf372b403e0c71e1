package org.waymark.analysis.disclosure;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Chooses further cells to hide so that no hidden count can be worked out from what is shown.
 *
 * <p>The table is taken with its totals as one (r + 1) x (c + 1) grid in which every row and
 * column adds up: a row's cells to its total, the row totals to the grand total, and so on. Think
 * of rows and columns of the grid as points and each hidden entry as a line joining its row to its
 * column. A hidden entry can be worked out from the equations exactly when its line is a bridge:
 * when no cycle of hidden entries passes through it. On a cycle, adding 1 and subtracting 1 in
 * turn around it keeps every total, so the entry is not determined; off every cycle, the entries
 * can be peeled off one by one from the ends. So the task is to hide entries until no hidden entry
 * is a bridge.
 *
 * <p>The method is greedy: take a bridge, and hide the smallest shown entry that closes a cycle
 * through it (an entry joining the two sides the bridge separates); if no single entry can, hide
 * the smallest shown entry in the bridge's row or column and look again. Non-zero entries are
 * preferred, because a hidden zero can only move up and so protects less. It does not promise the
 * least information lost, which is a hard optimisation problem, but each step hides one more entry,
 * so it ends, and with every entry hidden no entry is a bridge. Tables here are a few rows by a
 * few columns, so the simple search is quick.
 */
final class SecondarySuppression {
    private SecondarySuppression() {}

    /** Adds secondary suppressions to {@code hidden} in place; returns the entries it added. */
    static boolean[][] protect(long[][] grid, boolean[][] hidden) {
        final int rows = grid.length;
        final int columns = grid[0].length;
        final boolean[][] added = new boolean[rows][columns];
        for (int[] bridge = findBridge(hidden); bridge != null; bridge = findBridge(hidden)) {
            final boolean[] rowSide = reachable(hidden, bridge[0], bridge);
            int[] choice = null;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    // Joining a row on one side to a column on the other closes a cycle.
                    if (!hidden[i][j] && rowSide[i] != rowSide[rows + j] && cheaper(grid, i, j, choice)) {
                        choice = new int[] {i, j};
                    }
                }
            }
            if (choice == null) {
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < columns; j++) {
                        if (!hidden[i][j] && (i == bridge[0] || j == bridge[1]) && cheaper(grid, i, j, choice)) {
                            choice = new int[] {i, j};
                        }
                    }
                }
            }
            if (choice == null) {
                hideEverything(hidden, added);
                return added;
            }
            hidden[choice[0]][choice[1]] = true;
            added[choice[0]][choice[1]] = true;
        }
        return added;
    }

    private static boolean cheaper(long[][] grid, int i, int j, int[] current) {
        return current == null || cost(grid[i][j]) < cost(grid[current[0]][current[1]]);
    }

    private static long cost(long value) {
        return value == 0 ? Long.MAX_VALUE : value;
    }

    /** A hidden entry whose line is a bridge, as {row, column}, or null. */
    private static int[] findBridge(boolean[][] hidden) {
        final int rows = hidden.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < hidden[0].length; j++) {
                if (hidden[i][j]) {
                    final int[] edge = {i, j};
                    if (!reachable(hidden, i, edge)[rows + j]) {
                        return edge;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Points reachable from row {@code startRow} along hidden entries, not using {@code skipped}.
     * Rows are points 0..r, columns r + 1 onwards.
     */
    private static boolean[] reachable(boolean[][] hidden, int startRow, int[] skipped) {
        final int rows = hidden.length;
        final int columns = hidden[0].length;
        final boolean[] seen = new boolean[rows + columns];
        final Deque<Integer> queue = new ArrayDeque<>();
        seen[startRow] = true;
        queue.add(startRow);
        while (!queue.isEmpty()) {
            final int point = queue.poll();
            if (point < rows) {
                for (int j = 0; j < columns; j++) {
                    visit(hidden, point, j, skipped, rows + j, seen, queue);
                }
            } else {
                final int j = point - rows;
                for (int i = 0; i < rows; i++) {
                    visit(hidden, i, j, skipped, i, seen, queue);
                }
            }
        }
        return seen;
    }

    private static void visit(
            boolean[][] hidden, int i, int j, int[] skipped, int point, boolean[] seen, Deque<Integer> queue) {
        if (hidden[i][j] && !(i == skipped[0] && j == skipped[1]) && !seen[point]) {
            seen[point] = true;
            queue.add(point);
        }
    }

    private static void hideEverything(boolean[][] hidden, boolean[][] added) {
        for (int i = 0; i < hidden.length; i++) {
            for (int j = 0; j < hidden[0].length; j++) {
                added[i][j] |= !hidden[i][j];
                hidden[i][j] = true;
            }
        }
    }
}
