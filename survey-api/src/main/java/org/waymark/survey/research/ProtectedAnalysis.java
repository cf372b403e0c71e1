package org.waymark.survey.research;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.waymark.analysis.disclosure.DisclosedTable;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.survey.Dataset;
import org.waymark.analysis.survey.SurveyAnalysis;
import org.waymark.analysis.survey.SurveyReport;
import org.waymark.analysis.table.Table;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * The analysis of a study as other features (the study report) use it: exactly what {@code GET
 * /api/studies/{id}/analysis} gives for the same groupings and profile, plus how many respondents
 * each group holds, through the same profile.
 */
@Service
public class ProtectedAnalysis {

    /**
     * A group's size as it may be shown, with its percentage of everyone placed in a group of the
     * grouping ({@code total}); any figure the profile hides is null.
     */
    public record GroupSize(String group, String label, Long size, Long total, Double percent, boolean suppressed) {}

    /**
     * @param analysis the analysis API's JSON for these groupings and this profile
     * @param groupSizes by grouping id, in the order asked for: each group's size
     */
    public record Result(AnalysisJson analysis, Map<String, List<GroupSize>> groupSizes) {}

    private final StoredResponses responses;

    ProtectedAnalysis(StoredResponses responses) {
        this.responses = responses;
    }

    /** Runs the analysis of the study's submitted responses; never call it with {@code internal} for output. */
    public Result run(ValidatedDefinition definition, List<GroupingRule> groupings, DisclosureProfile profile) {
        Dataset dataset = responses.load(definition.id(), definition, groupings);
        SurveyReport report = SurveyAnalysis.withDefaults().with(profile).run(dataset);
        var total = profile.apply(Table.ofRow(dataset.respondents())).cell(0, 0);
        AnalysisJson json = AnalysisJson.of(definition.id(), definition.version(), report, total);
        return new Result(json, groupSizes(dataset, groupings, profile));
    }

    /**
     * Who took part, without the rest of the analysis (for the study dashboard, which is drawn often):
     * how many responded and the size of each group, through the profile exactly as {@link #run} gives
     * them.
     *
     * @param respondents everyone who submitted, null when the profile hides the number
     */
    public record Makeup(Long respondents, DisclosureProfile profile, Map<String, List<GroupSize>> groupSizes) {}

    /** The make-up of the study's submitted responses by each grouping; never call it with {@code internal}. */
    public Makeup makeup(ValidatedDefinition definition, List<GroupingRule> groupings, DisclosureProfile profile) {
        Dataset dataset = responses.load(definition.id(), definition, groupings);
        var total = profile.apply(Table.ofRow(dataset.respondents())).cell(0, 0);
        return new Makeup(AnalysisJson.shown(total), profile, groupSizes(dataset, groupings, profile));
    }

    /** The analysis API's default profile, which protects small numbers and may be exported. */
    public static DisclosureProfile defaultProfile() {
        return AnalysisService.profile(AnalysisService.DEFAULT_PROFILE);
    }

    private static Map<String, List<GroupSize>> groupSizes(
            Dataset dataset, List<GroupingRule> groupings, DisclosureProfile profile) {
        Map<String, List<GroupSize>> sizes = new LinkedHashMap<>();
        for (GroupingRule grouping : groupings) {
            // One row of sizes: under strict-10 its secondary suppression protects the groups from the total.
            DisclosedTable table = profile.apply(Table.ofRow(dataset.groupSizes(grouping.id())));
            List<GroupSize> groups = new ArrayList<>();
            for (int g = 0; g < grouping.groups().size(); g++) {
                var size = table.cell(0, g);
                var percent = table.rowPercent(0, g);
                groups.add(new GroupSize(
                        grouping.groups().get(g).id(),
                        grouping.groups().get(g).label(),
                        AnalysisJson.shown(size),
                        AnalysisJson.shown(table.rowTotal(0)),
                        percent.isPresent() ? AnalysisJson.oneDecimal(percent.getAsDouble()) : null,
                        size.suppressed() || table.rowTotal(0).suppressed()));
            }
            sizes.put(grouping.id(), groups);
        }
        return sizes;
    }

    /** The groupings named in a comma-separated list (null for all), as the analysis API reads {@code by}. */
    public static List<GroupingRule> groupings(ValidatedDefinition definition, String by) {
        return AnalysisService.groupings(definition, by);
    }
}
