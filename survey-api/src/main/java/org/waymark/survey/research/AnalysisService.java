package org.waymark.survey.research;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.survey.Dataset;
import org.waymark.analysis.survey.SurveyAnalysis;
import org.waymark.analysis.survey.SurveyReport;
import org.waymark.analysis.table.Table;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/** Runs the analysis library over a study's submitted responses, as researchers ask for it. */
@Service
class AnalysisService {

    static final String DEFAULT_PROFILE = "nhs-standard";

    private final StudyService studies;
    private final StoredResponses responses;
    private final AuditLog audit;

    AnalysisService(StudyService studies, StoredResponses responses, AuditLog audit) {
        this.studies = studies;
        this.responses = responses;
        this.audit = audit;
    }

    /**
     * Every closed question of the study's current published version, overall and by each grouping
     * asked for, through the disclosure profile named.
     *
     * @param by grouping ids separated by commas; null for all of the study's groupings, empty for none
     * @param disclosure the profile's id
     */
    AnalysisJson analyse(String studyId, String by, String disclosure, String actor) {
        ValidatedDefinition definition = studies.published(studyId).definition();
        DisclosureProfile profile = profile(disclosure);
        List<GroupingRule> groupings = groupings(definition, by);
        Dataset dataset = responses.load(studyId, definition, groupings);
        SurveyReport report = SurveyAnalysis.withDefaults().with(profile).run(dataset);
        // The number of responses is a count like any other: it passes through the profile too.
        var total = profile.apply(Table.ofRow(dataset.respondents())).cell(0, 0);
        // Recorded once it has run: what was disclosed, through which profile.
        audit.record(
                actor,
                "analysis.run",
                studyId,
                "version " + definition.version(),
                "disclosure " + profile.id() + "; groupings "
                        + groupings.stream().map(GroupingRule::id).collect(Collectors.joining(",")));
        return AnalysisJson.of(studyId, definition.version(), report, total);
    }

    static DisclosureProfile profile(String id) {
        try {
            return DisclosureProfile.fromId(id);
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(DisclosureProfile.values())
                    .map(DisclosureProfile::id)
                    .collect(Collectors.joining(", "));
            throw badRequest("There is no disclosure profile '" + shorten(id) + "'. Use one of: " + known + ".");
        }
    }

    static List<GroupingRule> groupings(ValidatedDefinition definition, String by) {
        if (by == null) {
            return definition.groupings();
        }
        Set<String> asked = new LinkedHashSet<>();
        for (String id : by.split(",", -1)) {
            if (!id.isBlank()) {
                asked.add(id.strip());
            }
        }
        List<GroupingRule> rules = new ArrayList<>();
        for (String id : asked) {
            rules.add(definition.grouping(id).orElseThrow(() -> unknownGrouping(definition, id)));
        }
        return rules;
    }

    private static ApiProblemException unknownGrouping(ValidatedDefinition definition, String id) {
        String known = definition.groupings().stream().map(GroupingRule::id).collect(Collectors.joining(", "));
        return badRequest("Study '" + definition.id() + "' has no grouping '" + shorten(id) + "'. "
                + (known.isEmpty() ? "It has no groupings." : "Its groupings are: " + known + "."));
    }

    private static ApiProblemException badRequest(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    /** Echoes at most a few printable characters of what was sent. */
    private static String shorten(String sent) {
        String printable = sent.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() < sent.length() ? printable + "…" : printable;
    }
}
