package org.waymark.survey.themes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The theme matrix as the workspace page shows it: a heat map whose cells are shaded by the share of the
 * group with the theme. The number is always written in the cell, so the shade only repeats it; a hidden
 * cell says so in words and has a shade of its own.
 */
record HeatMap(
        String by, String disclosure, boolean exportable, List<Column> columns, List<Row> rows, boolean anyHidden) {

    /** A column of groups: the overall figures first, then each group of the grouping. */
    record Column(String id, String label) {}

    /**
     * One cell. {@code share} is the percentage as written ("42%"), {@code counts} the count of the base
     * ("10 of 25"), and {@code shade} the CSS class: {@code heat-0} (under 20%) to {@code heat-4} (80% or
     * more), {@code heat-hidden} or {@code heat-none} (nobody in the group).
     */
    record Cell(String share, String counts, String shade, boolean hidden) {}

    /** One test's figures as written; {@code note} instead when there is no test or it is withheld. */
    record Test(String method, String p, String pHolm, String pBh, String cramersV, boolean withheld, String note) {}

    record Row(String theme, String name, List<Cell> cells, Test test) {}

    static final String OVERALL = "overall";

    static HeatMap of(ThemeMatrix.Matrix matrix) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(OVERALL, "Everyone"));
        matrix.groups().forEach((id, label) -> columns.add(new Column(id, label)));
        List<Row> rows = new ArrayList<>();
        boolean anyHidden = false;
        for (ThemeMatrix.Row row : matrix.themes()) {
            List<Cell> cells = new ArrayList<>();
            cells.add(cell(row.overall()));
            for (Map.Entry<String, String> group : matrix.groups().entrySet()) {
                cells.add(cell(row.groups().get(group.getKey())));
            }
            anyHidden |= cells.stream().anyMatch(Cell::hidden);
            rows.add(new Row(row.theme(), row.name(), cells, test(row)));
        }
        return new HeatMap(matrix.by(), matrix.disclosure(), matrix.exportable(), columns, rows, anyHidden);
    }

    static Cell cell(ThemeMatrix.Cell cell) {
        if (cell.suppressed()) {
            return new Cell("hidden", null, "heat-hidden", true);
        }
        if (cell.base() == null || cell.base() == 0) {
            return new Cell("no one", "in this group", "heat-none", false);
        }
        String counts = cell.count() + " of " + cell.base();
        if (cell.percent() == null) {
            return new Cell("-", counts, "heat-none", false);
        }
        double percent = cell.percent();
        int band = (int) Math.min(4, Math.floor(percent / 20));
        return new Cell(String.format(Locale.UK, "%.0f%%", percent), counts, "heat-" + band, false);
    }

    private static Test test(ThemeMatrix.Row row) {
        ThemeMatrix.Test test = row.test();
        if (test == null) {
            return new Test(null, null, null, null, null, false, row.testNote());
        }
        if (test.suppressed()) {
            return new Test(method(test.method()), null, null, null, null, true, row.testNote());
        }
        return new Test(
                method(test.method()),
                p(test.pValue()),
                p(test.pHolm()),
                p(test.pBH()),
                test.cramersV() == null ? "-" : String.format(Locale.UK, "%.2f", test.cramersV()),
                false,
                null);
    }

    /** The analysis's method ids in words. */
    static String method(String id) {
        return switch (id) {
            case "pearson-chi-square" -> "Chi-square";
            case "fisher-exact" -> "Fisher's exact";
            case "fisher-exact-monte-carlo" -> "Fisher's exact (simulated)";
            default -> id;
        };
    }

    /** A p-value to three decimals, or "< 0.001". */
    static String p(Double p) {
        if (p == null) {
            return "-";
        }
        return p < 0.001 ? "< 0.001" : String.format(Locale.UK, "%.3f", p);
    }
}
