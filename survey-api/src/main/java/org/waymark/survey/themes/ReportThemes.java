package org.waymark.survey.themes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.waymark.analysis.disclosure.DisclosureProfile;

/**
 * Themes as the study report shows them: the current codebook's version, theme prevalence by group
 * and the approved quotes, all through the disclosure profile asked for. Built on {@link
 * ThemeMatrix} and {@link QuoteBank}, so the report shows what the themes API shows.
 */
@Service
public class ReportThemes {

    /** A count of participants with a theme, with its percentage; null figures are hidden. */
    public record Cell(Long count, Long base, Double percent, boolean suppressed) {}

    /** One theme: overall and by group id; {@code pValue} is null when no test could be made. */
    public record Theme(
            String code,
            String name,
            Cell overall,
            Map<String, Cell> groups,
            String method,
            Double pValue,
            String note) {}

    /** Theme prevalence by one grouping; {@code groups} maps group ids to labels, in order. */
    public record Prevalence(String grouping, Map<String, String> groups, List<Theme> themes) {}

    /**
     * An approved quote in the researcher's redacted wording; {@code groups} maps grouping ids to the
     * participant's group label, only for groups large enough to name.
     */
    public record Quote(String theme, String text, Map<String, String> groups) {}

    private final ThemeService themes;
    private final ThemeMatrix matrix;
    private final QuoteBank quotes;

    ReportThemes(ThemeService themes, ThemeMatrix matrix, QuoteBank quotes) {
        this.themes = themes;
        this.matrix = matrix;
        this.quotes = quotes;
    }

    /** The current codebook's version; 0 when the study has none. */
    public int codebookVersion(String studyId) {
        Integer version = themes.current(studyId).version();
        return version == null ? 0 : version;
    }

    /** The current codebook's themes as code and name, in the researchers' order. */
    public Map<String, String> themeNames(String studyId) {
        Map<String, String> names = new LinkedHashMap<>();
        themes.current(studyId).themes().forEach(theme -> names.put(theme.code(), theme.name()));
        return names;
    }

    public Prevalence prevalence(String studyId, String grouping, DisclosureProfile profile) {
        ThemeMatrix.Matrix of = matrix.of(studyId, grouping, profile.id());
        List<Theme> rows = new ArrayList<>();
        for (ThemeMatrix.Row row : of.themes()) {
            Map<String, Cell> groups = new LinkedHashMap<>();
            row.groups().forEach((group, cell) -> groups.put(group, cell(cell)));
            rows.add(new Theme(
                    row.theme(),
                    row.name(),
                    cell(row.overall()),
                    groups,
                    row.test() == null ? null : row.test().method(),
                    row.test() == null ? null : row.test().pValue(),
                    row.testNote()));
        }
        return new Prevalence(of.by(), of.groups(), rows);
    }

    /** Approved quotes from participants who agreed to be quoted, in coding order. */
    public List<Quote> approvedQuotes(String studyId, DisclosureProfile profile) {
        return quotes.quotes(studyId, null, profile.id(), true).stream()
                .map(quote -> {
                    Map<String, String> named = new LinkedHashMap<>();
                    quote.groups().forEach((grouping, label) -> {
                        if (label != null) {
                            named.put(grouping, label);
                        }
                    });
                    return new Quote(quote.theme(), quote.redactedText(), named);
                })
                .toList();
    }

    private static Cell cell(ThemeMatrix.Cell cell) {
        return new Cell(cell.count(), cell.base(), cell.percent(), cell.suppressed());
    }
}
