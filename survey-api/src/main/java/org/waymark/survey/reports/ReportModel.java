package org.waymark.survey.reports;

import java.util.List;

/**
 * Everything a report shows, already worded and formatted, so that the template only lays it out.
 * Every figure in it has passed the disclosure profile: a hidden one is a {@link Cell} with {@code
 * hidden} set and the text {@value #HIDDEN}, never its value. Its tables and charts are public so that
 * workspace pages show figures exactly as the report does ({@link ReportFigures}).
 */
public record ReportModel(
        String studyId,
        String title,
        boolean synthetic,
        String description,
        Provenance provenance,
        Participation participation,
        String summary,
        List<Finding> findings,
        List<SectionPart> sections,
        ThemesPart themes,
        Methods methods) {

    public static final String HIDDEN = "*";

    /** What the report was built from, printed so that a figure can be traced and the report rebuilt. */
    record Provenance(
            String responses,
            String latestSubmission,
            String dataSha256,
            int definitionVersion,
            String definitionSha256,
            String codebookVersion,
            String disclosure,
            String options) {}

    record Participation(String text, List<TablePart> tables) {}

    /** A plain-language finding; {@code key} names the text block an author can replace. */
    record Finding(String key, String text, boolean edited) {}

    record SectionPart(String id, String title, List<QuestionPart> questions) {}

    record QuestionPart(String id, String label, List<TablePart> tables) {}

    /**
     * A table of "n of N (x%)" cells, answers as rows and groups as columns, with its chart (null for
     * none) and its footnotes.
     */
    public record TablePart(
            String id,
            String caption,
            String rowHeading,
            List<String> columns,
            List<Row> rows,
            Chart chart,
            List<String> footnotes) {

        public boolean hasHidden() {
            return rows.stream().flatMap(row -> row.cells().stream()).anyMatch(Cell::hidden);
        }
    }

    public record Row(String label, List<Cell> cells) {}

    /** One figure as shown; {@code percent} (null when hidden or undefined) sizes its bar. */
    public record Cell(String text, Double percent, boolean hidden) {

        static Cell withheld() {
            return new Cell(HIDDEN, null, true);
        }
    }

    /** A bar chart laid out in SVG units: its labels and bars, drawn as the same SVG in the HTML and the PDF. */
    public record Chart(
            String id,
            String title,
            String description,
            int width,
            int height,
            List<ChartText> labels,
            List<ChartRect> rects) {}

    public record ChartText(int x, int y, String kind, String text) {}

    public record ChartRect(int x, int y, String width, int height, String fill) {}

    record ThemesPart(String text, List<TablePart> prevalence, List<ThemeQuotes> quotes) {}

    record ThemeQuotes(String anchor, String theme, List<Quote> quotes) {}

    record Quote(String text, String attribution) {}

    record Methods(List<String> method, List<String> suppression, List<String> limitations) {}
}
