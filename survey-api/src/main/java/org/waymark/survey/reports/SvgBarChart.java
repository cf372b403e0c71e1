package org.waymark.survey.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.waymark.survey.reports.ReportModel.Bar;
import org.waymark.survey.reports.ReportModel.Cell;
import org.waymark.survey.reports.ReportModel.Chart;
import org.waymark.survey.reports.ReportModel.Row;

/**
 * A horizontal bar chart of a table's percentages, drawn on the server as inline SVG: one block per
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
        List<Bar> bars = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int y = 0;
        for (Row row : rows) {
            y += HEADING;
            body.append(text(4, y - 5, "category", row.label()));
            for (int s = 0; s < series.size(); s++) {
                Cell cell = row.cells().get(s);
                double width = cell.hidden() || cell.percent() == null ? 0 : Math.max(0, Math.min(100, cell.percent()));
                String figure = label(cell);
                bars.add(new Bar(row.label(), series.get(s), width, figure));
                body.append(text(16, y + BAR - 3, "series", series.get(s)));
                if (width > 0) {
                    body.append("<rect x=\"")
                            .append(LABELS)
                            .append("\" y=\"")
                            .append(y)
                            .append("\" width=\"")
                            .append(String.format(Locale.ROOT, "%.1f", width * BARS / 100))
                            .append("\" height=\"")
                            .append(BAR)
                            .append("\" fill=\"")
                            .append(COLOURS[s % COLOURS.length])
                            .append("\"/>");
                }
                body.append(text((int) Math.round(LABELS + width * BARS / 100 + 4), y + BAR - 3, "figure", figure));
                y += BAR + GAP;
            }
            y += BLOCK_GAP;
        }
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" width=\"" + WIDTH
                + "\" height=\"" + y + "\" viewBox=\"0 0 " + WIDTH + " " + y + "\" aria-labelledby=\"" + id
                + "-title " + id + "-desc\"><title id=\"" + id + "-title\">" + escape("Chart: " + title)
                + "</title><desc id=\"" + id + "-desc\">"
                + escape("Bar chart of the percentages in the table that follows, one bar for "
                        + String.join(", ", series)
                        + " under each answer. A value hidden to protect participants has no bar.")
                + "</desc>" + body + "</svg>";
        return new Chart(id, svg, bars);
    }

    /** What a bar is labelled with: its percentage, or why there is none. */
    private static String label(Cell cell) {
        if (cell.hidden()) {
            return "hidden (" + ReportModel.HIDDEN + ")";
        }
        return cell.percent() == null ? "no answers" : Figures.percent(cell.percent());
    }

    private static String text(int x, int y, String kind, String content) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" class=\"" + kind + "\">" + escape(content) + "</text>";
    }

    /** Escapes text for XML: SVG is inserted as markup, so nothing a study author wrote may pass unescaped. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
