package org.waymark.survey.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.waymark.survey.reports.ReportModel.Cell;
import org.waymark.survey.reports.ReportModel.Chart;
import org.waymark.survey.reports.ReportModel.Row;

/**
 * A horizontal bar chart of a table's percentages, laid out on the server and drawn as inline SVG by the report template (which escapes every label), in the HTML and, through Batik, in the PDF: one block per
 * row, one bar per column, each bar labelled with its figure so that colour is never the only cue.
 * It has a title and a description for screen readers, and the table beside it holds the same
 * figures. A hidden value gets no bar and is labelled "hidden", so its size cannot be read off the
 * drawing.
 */
final class SvgBarChart {

    private static final int WIDTH = 640;
    private static final int LABELS = 200;
    private static final int BARS = 340;
    private static final int HEADING = 18;
    private static final int BAR = 14;
    private static final int GAP = 4;
    private static final int BLOCK_GAP = 8;
    private static final String[] COLOURS = {"#1f4e79", "#8a4f00", "#1e6b52", "#5b2c83", "#8b1e2d", "#4a5561"};

    private SvgBarChart() {}

    static Chart of(String id, String title, List<String> series, List<Row> rows) {
        List<ReportModel.ChartText> labels = new ArrayList<>();
        List<ReportModel.ChartRect> rects = new ArrayList<>();
        int y = 0;
        for (Row row : rows) {
            y += HEADING;
            labels.add(new ReportModel.ChartText(4, y - 5, "category", row.label()));
            for (int s = 0; s < series.size(); s++) {
                Cell cell = row.cells().get(s);
                double width = cell.hidden() || cell.percent() == null ? 0 : Math.max(0, Math.min(100, cell.percent()));
                String figure = label(cell);
                labels.add(new ReportModel.ChartText(16, y + BAR - 3, "series", series.get(s)));
                if (width > 0) {
                    rects.add(new ReportModel.ChartRect(
                            LABELS,
                            y,
                            String.format(Locale.ROOT, "%.1f", width * BARS / 100),
                            BAR,
                            COLOURS[s % COLOURS.length]));
                }
                labels.add(new ReportModel.ChartText(
                        (int) Math.round(LABELS + width * BARS / 100 + 4), y + BAR - 3, "figure", figure));
                y += BAR + GAP;
            }
            y += BLOCK_GAP;
        }
        String description = "Bar chart of the percentages in the table that follows, one bar for "
                + String.join(", ", series)
                + " under each answer. A value hidden to protect participants has no bar.";
        return new Chart(id, "Chart: " + title, description, WIDTH, y, labels, rects);
    }

    /**
     * A chart of counts, one bar a line with its label beside it, each bar as long as its share of the
     * largest count and labelled with the count itself: for figures that are not percentages, such as
     * submissions per day. Counts of people's progress only; nothing here is hidden.
     */
    static Chart ofCounts(String id, String title, String description, List<String> labels, List<Long> counts) {
        long largest = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        List<ReportModel.ChartText> texts = new ArrayList<>();
        List<ReportModel.ChartRect> rects = new ArrayList<>();
        int y = GAP;
        for (int i = 0; i < labels.size(); i++) {
            long count = counts.get(i);
            double length = largest == 0 ? 0 : (double) count * BARS / largest;
            texts.add(new ReportModel.ChartText(4, y + BAR - 3, "category", labels.get(i)));
            if (count > 0) {
                rects.add(new ReportModel.ChartRect(
                        LABELS, y, String.format(Locale.ROOT, "%.1f", length), BAR, COLOURS[0]));
            }
            texts.add(new ReportModel.ChartText(
                    (int) Math.round(LABELS + length + 4), y + BAR - 3, "figure", Long.toString(count)));
            y += BAR + GAP + GAP;
        }
        return new Chart(id, "Chart: " + title, description, WIDTH, y, texts, rects);
    }

    /** What a bar is labelled with: its percentage, or why there is none. */
    private static String label(Cell cell) {
        if (cell.hidden()) {
            return "hidden (" + ReportModel.HIDDEN + ")";
        }
        return cell.percent() == null ? "no answers" : Figures.percent(cell.percent());
    }
}
