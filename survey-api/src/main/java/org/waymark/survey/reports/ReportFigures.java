package org.waymark.survey.reports;

import java.util.List;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.reports.ReportModel.Chart;
import org.waymark.survey.reports.ReportModel.TablePart;
import org.waymark.survey.research.ProtectedAnalysis.GroupSize;

/**
 * The report's tables and charts for other pages (the study dashboard), so that a figure reads and
 * looks the same wherever it is shown, and is drawn by the same code. Render a {@link TablePart} with
 * the {@code reports/fragments :: table} fragment.
 */
public final class ReportFigures {

    private ReportFigures() {}

    /** Who took part, by one grouping, as the report's participation table with its chart and footnotes. */
    public static TablePart participantsBy(
            String groupingId, String label, List<GroupSize> sizes, DisclosureProfile profile) {
        return Tables.groupSizes(groupingId, label, sizes, profile);
    }

    /** A bar chart of counts, one labelled bar a line; the page shows the same figures in a table too. */
    public static Chart counts(String id, String title, String description, List<String> labels, List<Long> counts) {
        return SvgBarChart.ofCounts(id, title, description, labels, counts);
    }
}
