package org.waymark.survey.themes;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.analysis.association.AssociationResult;
import org.waymark.analysis.association.AssociationTest;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.DisclosedTable;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.multiplicity.PValueAdjustment;
import org.waymark.analysis.table.Table;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * How many participants in each group have each theme. A participant's base is having written at
 * least one free-text answer; a participant has a theme when a coder gave it or confirmed a proposal
 * for any of their answers, unless a consensus decided it is absent, and a consensus that it is present
 * counts too. Rejected and open proposals do not count.
 */
@Service
class ThemeMatrix {

    /** One cell: a count as it may be shown, with its percentage of the group's base. */
    record Cell(Long count, Long base, Double percent, boolean suppressed) {}

    /**
     * A theme's test of association with the group. {@code pHolm} and {@code pBH} are adjusted across
     * the published tests of the matrix (one per theme). Under a profile that withholds tests over
     * hidden cells ({@code strict-10}), a test whose table hides a count has every figure {@code null}
     * and {@code "suppressed": true}: with the exact totals shown, they could give the count back.
     */
    @JsonPropertyOrder({"method", "pValue", "pHolm", "pBH", "cramersV", "suppressed"})
    record Test(String method, Double pValue, Double pHolm, Double pBH, Double cramersV, boolean suppressed) {

        static Test withheld(String method) {
            return new Test(method, null, null, null, null, true);
        }

        Test adjusted(double holm, double bh) {
            return new Test(method, pValue, holm, bh, cramersV, suppressed);
        }
    }

    record Row(String theme, String name, Cell overall, Map<String, Cell> groups, Test test, String testNote) {}

    record Matrix(
            String studyId,
            String by,
            String disclosure,
            boolean exportable,
            Map<String, String> groups,
            List<Row> themes) {}

    private final JdbcClient jdbc;
    private final Participants participants;
    private final StudyService studies;
    private final ThemeService themes;

    ThemeMatrix(JdbcClient jdbc, Participants participants, StudyService studies, ThemeService themes) {
        this.jdbc = jdbc;
        this.participants = participants;
        this.studies = studies;
        this.themes = themes;
    }

    @Transactional(readOnly = true)
    Matrix of(String studyId, String by, String disclosure) {
        ValidatedDefinition definition = studies.published(studyId).definition();
        GroupingRule grouping = definition
                .grouping(by == null ? "" : by)
                .orElseThrow(() -> bad("Choose a grouping with ?by=, one of: "
                        + String.join(
                                ", ",
                                definition.groupings().stream()
                                        .map(GroupingRule::id)
                                        .toList()) + "."));
        DisclosureProfile profile = profile(disclosure);
        List<GroupingRule.Group> groups = grouping.groups();
        Participants.Submitted submitted = participants.of(studyId);
        Map<Long, Integer> groupOf = new LinkedHashMap<>();
        for (long id : submitted.wroteText()) {
            groupOf.put(id, submitted.groupOf(id, grouping).map(groups::indexOf).orElse(-1));
        }
        Map<String, Set<Long>> withTheme = participantsByTheme(studyId);

        Map<String, String> groupLabels = new LinkedHashMap<>();
        groups.forEach(group -> groupLabels.put(group.id(), group.label()));
        List<Row> rows = new ArrayList<>();
        for (Codebook.Theme theme : themes.current(studyId).themes()) {
            Set<Long> having = withTheme.getOrDefault(theme.code(), Set.of());
            long[][] counts = new long[groups.size()][2];
            long overallWith = 0;
            for (var participant : groupOf.entrySet()) {
                boolean has = having.contains(participant.getKey());
                overallWith += has ? 1 : 0;
                if (participant.getValue() >= 0) {
                    counts[participant.getValue()][has ? 0 : 1]++;
                }
            }
            rows.add(row(theme, counts, overallWith, groupOf.size(), groups, profile));
        }
        return new Matrix(studyId, grouping.id(), profile.id(), profile.isExportable(), groupLabels, adjusted(rows));
    }

    /**
     * Holm and Benjamini-Hochberg across the themes' published tests, as the analysis adjusts across
     * its run. A withheld test is not in the family: its p-value would move the others'.
     */
    static List<Row> adjusted(List<Row> rows) {
        List<Integer> published = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Test test = rows.get(r).test();
            if (test != null && test.pValue() != null) {
                published.add(r);
            }
        }
        double[] p =
                published.stream().mapToDouble(r -> rows.get(r).test().pValue()).toArray();
        double[] holm = PValueAdjustment.HOLM.adjust(p);
        double[] bh = PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p);
        List<Row> adjusted = new ArrayList<>(rows);
        for (int k = 0; k < published.size(); k++) {
            Row row = rows.get(published.get(k));
            adjusted.set(
                    published.get(k),
                    new Row(
                            row.theme(),
                            row.name(),
                            row.overall(),
                            row.groups(),
                            row.test().adjusted(holm[k], bh[k]),
                            row.testNote()));
        }
        return adjusted;
    }

    private static Row row(
            Codebook.Theme theme,
            long[][] counts,
            long overallWith,
            long overallBase,
            List<GroupingRule.Group> groups,
            DisclosureProfile profile) {
        DisclosedTable overallTable = profile.apply(Table.of(new long[][] {{overallWith, overallBase - overallWith}}));
        Cell overall = cell(overallTable, 0);
        DisclosedTable table = profile.apply(Table.of(counts));
        Map<String, Cell> byGroup = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            byGroup.put(groups.get(g).id(), cell(table, g));
        }
        Test test = null;
        String note = null;
        boolean everyGroupLargeEnough = true;
        for (int g = 0; g < groups.size(); g++) {
            everyGroupLargeEnough &= profile.permitsDerivedStatistics(counts[g][0] + counts[g][1]);
        }
        if (!everyGroupLargeEnough) {
            note = "No test: at least one group is too small to show under the " + profile.id() + " profile.";
        } else {
            Optional<AssociationResult> result = AssociationTest.withDefaults().test(Table.of(counts));
            if (result.isPresent() && profile.withholdsDerivedStatisticsOverHiddenCells() && anyHidden(table)) {
                test = Test.withheld(result.get().method().id());
                note = "Test withheld to protect small groups: a count in this theme's table is hidden, and with"
                        + " the exact totals the " + profile.id() + " profile shows, the test's result could give it"
                        + " away.";
            } else if (result.isPresent()) {
                test = new Test(
                        result.get().method().id(),
                        finite(result.get().pValue()),
                        null,
                        null,
                        finite(result.get().cramersV()),
                        false);
            } else {
                note = "No test: fewer than two groups, or everyone gave the same answer.";
            }
        }
        return new Row(theme.code(), theme.name(), overall, byGroup, test, note);
    }

    /** Whether the groups-by-with-and-without table hides any count (each group has both columns). */
    private static boolean anyHidden(DisclosedTable table) {
        for (int i = 0; i < table.rows(); i++) {
            for (int j = 0; j < table.columns(); j++) {
                if (table.cell(i, j).suppressed()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Cell cell(DisclosedTable table, int row) {
        DisclosedCount count = table.cell(row, 0);
        DisclosedCount base = table.rowTotal(row);
        Double percent =
                table.rowPercent(row, 0).isPresent() ? table.rowPercent(row, 0).getAsDouble() : null;
        return new Cell(
                count.suppressed() ? null : count.value().getAsLong(),
                base.suppressed() ? null : base.value().getAsLong(),
                percent,
                count.suppressed() || base.suppressed());
    }

    /** For each theme, the participants with it on at least one answer not overruled by a consensus. */
    private Map<String, Set<Long>> participantsByTheme(String studyId) {
        Map<String, Set<Long>> present = new HashMap<>();
        jdbc.sql("SELECT DISTINCT c.response_id, c.theme_code FROM coding c WHERE c.study_id = ? AND "
                        + Codings.COUNTS_AS_PRESENT)
                .param(studyId)
                .query((RowCallbackHandler) row -> present.computeIfAbsent(row.getString(2), theme -> new HashSet<>())
                        .add(row.getLong(1)));
        return present;
    }

    static DisclosureProfile profile(String id) {
        String chosen = id == null ? DisclosureProfile.NHS_STANDARD.id() : id;
        return Arrays.stream(DisclosureProfile.values())
                .filter(profile -> profile.id().equals(chosen))
                .findFirst()
                .orElseThrow(() -> bad("There is no disclosure profile '" + chosen + "'. Use one of: "
                        + String.join(
                                ", ",
                                Arrays.stream(DisclosureProfile.values())
                                        .map(DisclosureProfile::id)
                                        .toList())
                        + "."));
    }

    private static ApiProblemException bad(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "Request not valid", detail);
    }
}
