package org.waymark.analysis.association;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Fisher's exact test for an r x c table, summing over every table with the same margins.
 *
 * <p>The p-value is R's: the sum of the probabilities of all tables with the observed margins whose
 * probability is no greater than the observed table's, allowing a relative tolerance of 1e-7 so
 * that tables tied with the observed one in exact arithmetic are not lost to rounding.
 *
 * <p>R reaches the same sum with the network algorithm of Mehta and Patel (1983); this is a plain
 * version of it. Tables are filled one column at a time. After each column, what is left to fill
 * depends only on the rows' remaining totals (as a multiset: rows are interchangeable from then
 * on), so partial tables that reach the same remaining totals with the same sum of log(x!) are
 * merged into one node with a count. At each node two bounds on how probable the rest can be decide
 * whether every completion counts (their total probability has a closed form and is added at once),
 * none does (dropped), or the node must be expanded. The bounds rest on the convexity of log(x!):
 * a total spread evenly over its cells is the most probable way to fill them, and a total in a
 * single cell the least.
 *
 * <p>The work still grows quickly with the counts, so the caller sets a limit on the nodes and
 * partial columns visited and falls back to Monte Carlo past it.
 */
final class FisherEnumeration {
    private static final double RELATIVE_TOLERANCE = 1e-7;
    // Partial sums within this distance are merged. Far below the 1e-7 tolerance of the rule.
    private static final double MERGE_GRID = 1e-10;

    private final int[] start;
    private final int[] columnTotals;
    private final double[] logFactorial;
    private final double logConstant;
    private final double smallestIncludedSum;
    private final long limit;
    private long work;
    private double pValue;

    private FisherEnumeration(int[][] table, long limit) {
        final int[][] cells = oriented(table);
        this.columnTotals = new int[cells[0].length];
        final int[] rowTotals = new int[cells.length];
        int n = 0;
        for (int i = 0; i < cells.length; i++) {
            for (int j = 0; j < cells[i].length; j++) {
                rowTotals[i] += cells[i][j];
                columnTotals[j] += cells[i][j];
                n += cells[i][j];
            }
        }
        this.logFactorial = LogFactorials.upTo(n);
        double constant = -logFactorial[n];
        double observed = 0;
        for (int total : rowTotals) {
            constant += logFactorial[total];
        }
        for (int total : columnTotals) {
            constant += logFactorial[total];
        }
        for (int[] row : cells) {
            for (int cell : row) {
                observed += logFactorial[cell];
            }
        }
        this.logConstant = constant;
        // log P = logConstant - sum(log x!), so P <= P_obs (1 + tol) when the sum is at least this.
        this.smallestIncludedSum = observed - Math.log1p(RELATIVE_TOLERANCE);
        this.limit = limit;
        this.start = sorted(rowTotals);
    }

    /**
     * The exact p-value, or empty when the work would pass {@code limit} steps.
     */
    static OptionalDouble pValue(int[][] table, long limit) {
        final FisherEnumeration enumeration = new FisherEnumeration(table, limit);
        return enumeration.run() ? OptionalDouble.of(Math.min(1, enumeration.pValue)) : OptionalDouble.empty();
    }

    private boolean run() {
        Map<Node, Map<Long, Paths>> stage = new HashMap<>();
        stage.computeIfAbsent(new Node(start), k -> new HashMap<>()).put(0L, new Paths(0, 1));
        for (int column = 0; column < columnTotals.length - 1; column++) {
            final Map<Node, Map<Long, Paths>> next = new HashMap<>();
            for (Map.Entry<Node, Map<Long, Paths>> entry : stage.entrySet()) {
                final int[] remaining = entry.getKey().rows();
                final List<Paths> open = new ArrayList<>();
                for (Paths paths : entry.getValue().values()) {
                    if (++work > limit) {
                        return false;
                    }
                    if (column == 0 || !settled(paths, remaining, column)) {
                        open.add(paths);
                    }
                }
                if (!open.isEmpty()) {
                    final List<Child> children = new ArrayList<>();
                    fillCell(remaining.clone(), 0, columnTotals[column], 0, new int[remaining.length], children);
                    // Every child meets every open path: that is work too, and the memory of the next stage.
                    work += (long) children.size() * open.size();
                    if (work > limit) {
                        return false;
                    }
                    for (Child child : children) {
                        final Map<Long, Paths> target = next.computeIfAbsent(child.node(), k -> new HashMap<>());
                        for (Paths paths : open) {
                            final double sum = paths.sum() + child.increment();
                            target.merge(
                                    Math.round(sum / MERGE_GRID),
                                    new Paths(sum, paths.count()),
                                    (a, b) -> new Paths(a.sum(), a.count() + b.count()));
                        }
                    }
                }
            }
            stage = next;
        }
        for (Map.Entry<Node, Map<Long, Paths>> entry : stage.entrySet()) {
            double last = 0;
            for (int total : entry.getKey().rows()) {
                last += logFactorial[total];
            }
            for (Paths paths : entry.getValue().values()) {
                if (paths.sum() + last >= smallestIncludedSum) {
                    pValue += paths.count() * Math.exp(logConstant - paths.sum() - last);
                }
            }
        }
        return true;
    }

    /** Adds the node's completions if they all count and returns true if the bounds settle it. */
    private boolean settled(Paths paths, int[] remaining, int from) {
        if (paths.sum() + leastSumOfLogFactorials(remaining, from) >= smallestIncludedSum) {
            pValue += paths.count() * Math.exp(logConstant - paths.sum() + logSumOverCompletions(remaining, from));
            return true;
        }
        return paths.sum() + greatestSumOfLogFactorials(remaining, from) < smallestIncludedSum;
    }

    private void fillCell(int[] remaining, int row, int needed, double increment, int[] column, List<Child> out) {
        if (++work > limit) {
            return;
        }
        if (row == remaining.length - 1) {
            column[row] = needed;
            final int[] after = new int[remaining.length];
            for (int i = 0; i < remaining.length; i++) {
                after[i] = remaining[i] - column[i];
            }
            out.add(new Child(new Node(sorted(after)), increment + logFactorial[needed]));
            return;
        }
        int below = 0;
        for (int i = row + 1; i < remaining.length; i++) {
            below += remaining[i];
        }
        final int lowest = Math.max(0, needed - below);
        final int highest = Math.min(needed, remaining[row]);
        for (int x = lowest; x <= highest && work <= limit; x++) {
            column[row] = x;
            fillCell(remaining, row + 1, needed - x, increment + logFactorial[x], column, out);
        }
    }

    /**
     * log of the sum, over every way to fill columns {@code from..} given the rows' remaining
     * totals, of 1 / prod(x!): that sum is N! / (prod rowTotal! prod columnTotal!) because the
     * hypergeometric probabilities of those completions add up to one.
     */
    private double logSumOverCompletions(int[] remaining, int from) {
        int left = 0;
        double log = 0;
        for (int total : remaining) {
            log -= logFactorial[total];
            left += total;
        }
        for (int j = from; j < columnTotals.length; j++) {
            log -= logFactorial[columnTotals[j]];
        }
        return log + logFactorial[left];
    }

    /** A lower bound on sum(log x!) over the unfilled cells: each total spread evenly. */
    private double leastSumOfLogFactorials(int[] remaining, int from) {
        int nonEmptyRows = 0;
        for (int total : remaining) {
            nonEmptyRows += total > 0 ? 1 : 0;
        }
        double byColumns = 0;
        final int nonEmptyColumns = columnTotals.length - from;
        for (int j = from; j < columnTotals.length; j++) {
            byColumns += evenSpread(columnTotals[j], nonEmptyRows);
        }
        double byRows = 0;
        for (int total : remaining) {
            byRows += evenSpread(total, nonEmptyColumns);
        }
        return Math.max(byColumns, byRows);
    }

    /** An upper bound on sum(log x!) over the unfilled cells: each total in a single cell. */
    private double greatestSumOfLogFactorials(int[] remaining, int from) {
        double byRows = 0;
        for (int total : remaining) {
            byRows += logFactorial[total];
        }
        double byColumns = 0;
        for (int j = from; j < columnTotals.length; j++) {
            byColumns += logFactorial[columnTotals[j]];
        }
        return Math.min(byRows, byColumns);
    }

    private double evenSpread(int total, int parts) {
        if (parts == 0) {
            return 0;
        }
        final int share = total / parts;
        final int larger = total % parts;
        return larger * logFactorial[share + 1] + (parts - larger) * logFactorial[share];
    }

    /**
     * Rows become the shorter side, since a node is a vector of row totals, and columns are filled
     * from the largest total down, so that the last column, which the margins decide, is small.
     * A square table is turned so that its sorted row totals come first in lexicographic order:
     * with a canonical layout the work, and so whether the limit is reached, does not depend on
     * how the caller happened to lay the table out.
     */
    private static int[][] oriented(int[][] table) {
        final int[][] transposed = new int[table[0].length][table.length];
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < table[0].length; j++) {
                transposed[j][i] = table[i][j];
            }
        }
        final boolean turn = table.length != table[0].length
                ? table.length > table[0].length
                : Arrays.compare(sorted(rowTotals(transposed)), sorted(rowTotals(table))) < 0;
        final int[][] rows = turn ? transposed : table;
        final int[] totals = rowTotals(transposed == rows ? table : transposed);
        final Integer[] order = new Integer[totals.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(totals[b], totals[a]));
        final int[][] sorted = new int[rows.length][order.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < order.length; j++) {
                sorted[i][j] = rows[i][order[j]];
            }
        }
        return sorted;
    }

    private static int[] rowTotals(int[][] table) {
        final int[] totals = new int[table.length];
        for (int i = 0; i < table.length; i++) {
            totals[i] = Arrays.stream(table[i]).sum();
        }
        return totals;
    }

    private static int[] sorted(int[] values) {
        final int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** The rows' remaining totals, sorted, identifying what is left to fill. */
    private record Node(int[] rows) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Node node && Arrays.equals(rows, node.rows);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(rows);
        }

        @Override
        public String toString() {
            return Arrays.toString(rows);
        }
    }

    /** {@code count} partial tables with the same sum of log(x!) so far. */
    private record Paths(double sum, double count) {}

    private record Child(Node node, double increment) {}
}
