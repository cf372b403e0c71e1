package org.waymark.survey.reports;

import java.util.ArrayList;
import java.util.List;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.reports.ReportModel.Cell;
import org.waymark.survey.reports.ReportModel.Row;
import org.waymark.survey.reports.ReportModel.TablePart;
import org.waymark.survey.research.AnalysisJson.BreakdownJson;
import org.waymark.survey.research.AnalysisJson.CategoryJson;
import org.waymark.survey.research.AnalysisJson.GroupJson;
import org.waymark.survey.research.AnalysisJson.QuestionJson;
import org.waymark.survey.research.ProtectedAnalysis.GroupSize;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.themes.ReportThemes;

/**
 * The report's tables, from the analysis API's JSON and the themes' prevalence: answers (or themes,
 * or groups) as rows, "All participants" and then each group as columns, every cell "n of N (x%)".
 */
public final class Tables {

    static final String ALL = "All participants";
    static final String LOW_BASE_MARK = " \u2020";

    private Tables() {}

    /** One table per breakdown (just "All participants" when there is none), each with its chart. */
    public static List<TablePart> question(
            StudyDefinition.Question definition, QuestionJson question, DisclosureProfile profile) {
        List<TablePart> tables = new ArrayList<>();
        if (question.breakdowns().isEmpty()) {
            tables.add(table(definition, question, "overall", null, List.of(), profile));
        }
        question.breakdowns()
                .forEach((id, breakdown) ->
                        tables.add(table(definition, question, id, breakdown, breakdown.groups(), profile)));
        return tables;
    }

    private static TablePart table(
            StudyDefinition.Question definition,
            QuestionJson question,
            String breakdownId,
            BreakdownJson breakdown,
            List<GroupJson> groups,
            DisclosureProfile profile) {
        List<GroupJson> columns = new ArrayList<>();
        columns.add(question.overall());
        columns.addAll(groups);
        List<String> headings = new ArrayList<>();
        boolean lowBase = false;
        for (int c = 0; c < columns.size(); c++) {
            GroupJson group = columns.get(c);
            boolean low = group.flags().contains("low-base") && group.base() != null && group.base() != 0;
            lowBase |= low;
            headings.add((c == 0 ? ALL : group.label()) + (low ? LOW_BASE_MARK : ""));
        }
        List<Row> rows = new ArrayList<>();
        boolean number = question.type().equals("number");
        if (number) {
            rows.add(row("Answered", columns, group -> Figures.count(group.base())));
            rows.add(row("Median (lower to upper quartile)", columns, Tables::quartiles));
        } else {
            for (int k = 0; k < question.overall().categories().size(); k++) {
                int option = k;
                rows.add(row(question.overall().categories().get(k).label(), columns, group -> {
                    CategoryJson category = group.categories().get(option);
                    return Figures.share(category.count(), group.base(), category.percent());
                }));
            }
        }
        if (definition.notApplicable() != null) {
            rows.add(row(
                    definition.notApplicable().label() + " (not in N)",
                    columns,
                    group -> Figures.count(group.notApplicable())));
        }
        if (definition.preferNotToSay()) {
            rows.add(row("Prefer not to say (not in N)", columns, group -> Figures.count(group.preferNotToSay())));
        }
        String caption = question.label()
                + (breakdown == null ? "" : ", by " + breakdown.label())
                + (number ? "" : ": n of N (x%), where N is everyone who answered");
        if (question.type().equals("multi")) {
            caption += ". People could tick more than one answer, so the percentages can add up to more than 100%";
        }
        String id = "t-" + question.question() + "-" + breakdownId;
        TablePart table = new TablePart(id, caption, "Answer", headings, rows, null, List.of());
        List<String> notes = footnotes(table, lowBase, profile);
        return new TablePart(
                id,
                caption,
                number ? "Figure" : "Answer",
                headings,
                rows,
                number
                        ? null
                        : SvgBarChart.of(
                                id + "-chart",
                                question.label(),
                                headings,
                                rows.subList(0, question.overall().categories().size())),
                notes);
    }

    /** Who took part, by one grouping: each group's size of everyone placed in a group. */
    static TablePart groupSizes(String id, String label, List<GroupSize> sizes, DisclosureProfile profile) {
        List<Row> rows = new ArrayList<>();
        for (GroupSize size : sizes) {
            rows.add(new Row(
                    size.label(),
                    List.of(
                            size.suppressed()
                                    ? Cell.withheld()
                                    : Figures.share(size.size(), size.total(), size.percent()))));
        }
        List<String> headings = List.of("Participants");
        String tableId = "t-participants-" + id;
        TablePart table = new TablePart(
                tableId,
                label + ": n of N (x%), where N is everyone placed in one of these groups",
                "Group",
                headings,
                rows,
                null,
                List.of());
        return new TablePart(
                tableId,
                table.caption(),
                "Group",
                headings,
                rows,
                SvgBarChart.of(tableId + "-chart", "Participants by " + label, headings, rows),
                footnotes(table, false, profile));
    }

    /** Themes as rows: how many of those who wrote anything have each theme, overall and by group. */
    static TablePart themes(
            String label, ReportThemes.Prevalence prevalence, boolean byGroup, DisclosureProfile profile) {
        List<String> headings = new ArrayList<>(List.of(ALL));
        if (byGroup) {
            headings.addAll(prevalence.groups().values());
        }
        List<Row> rows = new ArrayList<>();
        for (ReportThemes.Theme theme : prevalence.themes()) {
            List<Cell> cells = new ArrayList<>(List.of(cell(theme.overall())));
            if (byGroup) {
                prevalence
                        .groups()
                        .keySet()
                        .forEach(group -> cells.add(cell(theme.groups().get(group))));
            }
            rows.add(new Row(theme.name(), cells));
        }
        String id = "t-themes-" + (byGroup ? prevalence.grouping() : "overall");
        String caption = "Themes" + (byGroup ? ", by " + label : "")
                + ": n of N (x%), where N is everyone who wrote at least one answer in their own words";
        TablePart table = new TablePart(id, caption, "Theme", headings, rows, null, List.of());
        return new TablePart(
                id,
                caption,
                "Theme",
                headings,
                rows,
                SvgBarChart.of(id + "-chart", "Themes" + (byGroup ? " by " + label : ""), headings, rows),
                footnotes(table, false, profile));
    }

    private static Cell cell(ReportThemes.Cell cell) {
        if (cell == null || cell.suppressed()) {
            return Cell.withheld();
        }
        return Figures.share(cell.count(), cell.base(), Figures.oneDecimal(cell.percent()));
    }

    private static Cell quartiles(GroupJson group) {
        if (group.base() == null) {
            return Cell.withheld();
        }
        if (group.quartiles() == null) {
            return group.base() == 0 ? new Cell("no answers", null, false) : Cell.withheld();
        }
        var q = group.quartiles();
        return new Cell(
                Figures.number(q.median()) + " (" + Figures.number(q.lower()) + " to " + Figures.number(q.upper())
                        + ")",
                null,
                false);
    }

    private static Row row(String label, List<GroupJson> columns, java.util.function.Function<GroupJson, Cell> cell) {
        return new Row(label, columns.stream().map(cell).toList());
    }

    private static List<String> footnotes(TablePart table, boolean lowBase, DisclosureProfile profile) {
        List<String> notes = new ArrayList<>();
        if (table.hasHidden()) {
            notes.add(ReportModel.HIDDEN + " Hidden under the " + profile.id() + " disclosure profile: the number is"
                    + " from 1 to " + profile.threshold() + ", or showing it (or its percentage) would let one be"
                    + " worked out. See \u201cWhat hidden values mean\u201d under Methods.");
        }
        if (lowBase) {
            notes.add(
                    LOW_BASE_MARK.strip() + " Fewer than 30 answered in this column: read its percentages with care.");
        }
        return notes;
    }
}
