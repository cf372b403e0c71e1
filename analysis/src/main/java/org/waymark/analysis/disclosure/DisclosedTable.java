package org.waymark.analysis.disclosure;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.waymark.analysis.table.Table;

/**
 * A table as a disclosure profile lets it be published: each cell and total as a
 * {@link DisclosedCount}, row percentages, and flags per group. The unprotected table is not
 * reachable from here, so code that only holds a {@code DisclosedTable} cannot leak it.
 */
public final class DisclosedTable {
    private final DisclosureProfile profile;
    // The table with its totals: row totals in the last column, column totals in the last row.
    private final DisclosedCount[][] grid;
    private final double[][] rowPercents;
    private final List<Set<Flag>> flags;
    private final boolean[] derivedStatistics;

    private DisclosedTable(
            DisclosureProfile profile,
            DisclosedCount[][] grid,
            double[][] rowPercents,
            List<Set<Flag>> flags,
            boolean[] derivedStatistics) {
        this.profile = profile;
        this.grid = grid;
        this.rowPercents = rowPercents;
        this.flags = flags;
        this.derivedStatistics = derivedStatistics;
    }

    static DisclosedTable of(Table table, DisclosureProfile profile) {
        final int rows = table.rows();
        final int columns = table.columns();
        final long[][] values = new long[rows + 1][columns + 1];
        for (int i = 0; i <= rows; i++) {
            for (int j = 0; j <= columns; j++) {
                values[i][j] = valueAt(table, i, j);
            }
        }
        final boolean[][] hidden = new boolean[rows + 1][columns + 1];
        for (int i = 0; i <= rows; i++) {
            for (int j = 0; j <= columns; j++) {
                hidden[i][j] = values[i][j] >= 1 && values[i][j] <= profile.threshold();
            }
        }
        final boolean[][] secondary = profile.secondary() == DisclosureProfile.Secondary.PROTECT_FROM_TOTALS
                ? SecondarySuppression.protect(values, hidden)
                : new boolean[rows + 1][columns + 1];

        final DisclosedCount[][] grid = new DisclosedCount[rows + 1][columns + 1];
        for (int i = 0; i <= rows; i++) {
            for (int j = 0; j <= columns; j++) {
                grid[i][j] = publish(values[i][j], hidden[i][j], secondary[i][j], profile);
            }
        }
        final double[][] percents = new double[rows][columns];
        final List<Set<Flag>> flags = new ArrayList<>();
        final boolean[] derivedStatistics = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            final long base = table.rowTotal(i);
            for (int j = 0; j < columns; j++) {
                // From the unrounded figures, and only when neither part is hidden.
                percents[i][j] =
                        hidden[i][j] || hidden[i][columns] || base == 0 ? Double.NaN : 100.0 * table.count(i, j) / base;
            }
            final EnumSet<Flag> rowFlags = EnumSet.noneOf(Flag.class);
            if (base < 30) {
                rowFlags.add(Flag.LOW_BASE);
            }
            for (int j = 0; j < columns; j++) {
                if (base > 0 && table.count(i, j) == base) {
                    rowFlags.add(Flag.SINGLE_ANSWER);
                }
            }
            flags.add(Set.copyOf(rowFlags));
            derivedStatistics[i] = profile.permitsDerivedStatistics(base);
        }
        return new DisclosedTable(profile, grid, percents, List.copyOf(flags), derivedStatistics);
    }

    private static long valueAt(Table table, int i, int j) {
        final boolean totalRow = i == table.rows();
        final boolean totalColumn = j == table.columns();
        if (totalRow && totalColumn) {
            return table.total();
        }
        if (totalRow) {
            return table.columnTotal(j);
        }
        if (totalColumn) {
            return table.rowTotal(i);
        }
        return table.count(i, j);
    }

    private static DisclosedCount publish(long value, boolean hidden, boolean secondary, DisclosureProfile profile) {
        if (hidden) {
            return new DisclosedCount(
                    OptionalLong.empty(),
                    secondary ? DisclosedCount.Treatment.SECONDARY_SUPPRESSED : DisclosedCount.Treatment.SUPPRESSED);
        }
        if (profile.rounding() == DisclosureProfile.Rounding.NEAREST_FIVE && value != 0) {
            return new DisclosedCount(OptionalLong.of(Math.round(value / 5.0) * 5), DisclosedCount.Treatment.ROUNDED);
        }
        return new DisclosedCount(OptionalLong.of(value), DisclosedCount.Treatment.EXACT);
    }

    public DisclosureProfile profile() {
        return profile;
    }

    /** Whether this table may leave the platform; false under the internal profile. */
    public boolean isExportable() {
        return profile.isExportable();
    }

    public int rows() {
        return grid.length - 1;
    }

    public int columns() {
        return grid[0].length - 1;
    }

    public DisclosedCount cell(int row, int column) {
        return grid[row][column];
    }

    /** The group's base. */
    public DisclosedCount rowTotal(int row) {
        return grid[row][columns()];
    }

    public DisclosedCount columnTotal(int column) {
        return grid[rows()][column];
    }

    public DisclosedCount total() {
        return grid[rows()][columns()];
    }

    /** The cell as a percentage of its row's base, from unrounded figures; empty when hidden. */
    public OptionalDouble rowPercent(int row, int column) {
        final double percent = rowPercents[row][column];
        return Double.isNaN(percent) ? OptionalDouble.empty() : OptionalDouble.of(percent);
    }

    /** Whether a group's base allows percentages, intervals and tests under this profile. */
    public boolean permitsDerivedStatistics(int row) {
        return derivedStatistics[row];
    }

    public Set<Flag> flags(int row) {
        return flags.get(row);
    }
}
