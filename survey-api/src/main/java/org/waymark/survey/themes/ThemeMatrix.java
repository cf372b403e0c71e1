package org.waymark.survey.themes;

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

    record Test(String method, double pValue, double cramersV) {}

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
        return new Matrix(studyId, grouping.id(), profile.id(), profile.isExportable(), groupLabels, rows);
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
            if (result.isPresent()) {
                test = new Test(
                        result.get().method().id(),
                        result.get().pValue(),
                        result.get().cramersV());
            } else {
                note = "No test: fewer than two groups, or everyone gave the same answer.";
            }
        }
        return new Row(theme.code(), theme.name(), overall, byGroup, test, note);
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
