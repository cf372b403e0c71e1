package org.waymark.survey.reports;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.reports.ReportModel.Participation;
import org.waymark.survey.reports.ReportModel.Provenance;
import org.waymark.survey.reports.ReportModel.QuestionPart;
import org.waymark.survey.reports.ReportModel.Quote;
import org.waymark.survey.reports.ReportModel.SectionPart;
import org.waymark.survey.reports.ReportModel.TablePart;
import org.waymark.survey.reports.ReportModel.ThemeQuotes;
import org.waymark.survey.reports.ReportModel.ThemesPart;
import org.waymark.survey.research.AnalysisJson;
import org.waymark.survey.research.ProtectedAnalysis;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.themes.ReportThemes;
import org.waymark.survey.web.ApiProblemException;

/**
 * Builds a report's model from the protected analysis and the themes. Nothing in it depends on the
 * time it is built: the same data, definition, codebook and options give the same report.
 */
@Service
class ReportBuilder {

    /** A report and what it was built from. */
    record Built(ReportModel model, DataFingerprint.Fingerprint data, ReportOptions.Resolved options) {}

    private static final int ATTEMPTS = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final StudyService studies;
    private final ProtectedAnalysis analysis;
    private final ReportThemes themes;
    private final DataFingerprint fingerprints;

    ReportBuilder(StudyService studies, ProtectedAnalysis analysis, ReportThemes themes, DataFingerprint fingerprints) {
        this.studies = studies;
        this.analysis = analysis;
        this.themes = themes;
        this.fingerprints = fingerprints;
    }

    Built build(String studyId, ReportOptions options, Map<String, String> edits) {
        ValidatedDefinition definition = studies.published(studyId).definition();
        ReportOptions.Resolved resolved = options.resolve(definition);
        // The fingerprint is read before and after the analysis: equal, no response arrived or left in
        // between, so the printed provenance describes exactly the data behind the figures.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            DataFingerprint.Fingerprint before = fingerprints.of(studyId);
            ProtectedAnalysis.Result result = analysis.run(definition, resolved.groupings(), resolved.profile());
            Map<String, ReportThemes.Prevalence> prevalence = prevalence(studyId, definition, resolved);
            List<ReportThemes.Quote> quotes = themes.approvedQuotes(studyId, resolved.profile());
            int codebook = themes.codebookVersion(studyId);
            Map<String, String> themeNames = themes.themeNames(studyId);
            DataFingerprint.Fingerprint after = fingerprints.of(studyId);
            if (before.equals(after)) {
                ReportModel model = model(
                        definition, resolved, result, prevalence, quotes, themeNames, codebook, after, options, edits);
                return new Built(model, after, resolved);
            }
        }
        throw new ApiProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Responses are arriving",
                "Responses kept arriving while the report was being built, so it could not be built from one"
                        + " consistent set of data. Try again in a moment.");
    }

    private Map<String, ReportThemes.Prevalence> prevalence(
            String studyId, ValidatedDefinition definition, ReportOptions.Resolved resolved) {
        Map<String, ReportThemes.Prevalence> byGrouping = new LinkedHashMap<>();
        // Overall prevalence comes with any grouping's; the study's first stands in when none was chosen.
        List<GroupingRule> groupings =
                resolved.groupings().isEmpty() && !definition.groupings().isEmpty()
                        ? List.of(definition.groupings().getFirst())
                        : resolved.groupings();
        for (GroupingRule grouping : groupings) {
            byGrouping.put(grouping.id(), themes.prevalence(studyId, grouping.id(), resolved.profile()));
        }
        return byGrouping;
    }

    private static ReportModel model(
            ValidatedDefinition definition,
            ReportOptions.Resolved resolved,
            ProtectedAnalysis.Result result,
            Map<String, ReportThemes.Prevalence> prevalence,
            List<ReportThemes.Quote> quotes,
            Map<String, String> themeNames,
            int codebook,
            DataFingerprint.Fingerprint data,
            ReportOptions options,
            Map<String, String> edits) {
        DisclosureProfile profile = resolved.profile();
        AnalysisJson json = result.analysis();
        String responses = json.responses() == null ? ReportModel.HIDDEN : Long.toString(json.responses());
        StudyDefinition study = definition.definition();

        List<TablePart> participation = new ArrayList<>();
        for (GroupingRule grouping : resolved.groupings()) {
            participation.add(Tables.groupSizes(
                    grouping.id(), grouping.label(), result.groupSizes().get(grouping.id()), profile));
        }
        String participationText = "Responses included: " + responses
                + (profile == DisclosureProfile.NHS_STANDARD ? " (rounded to the nearest 5)" : "") + "."
                + (resolved.groupings().isEmpty()
                        ? ""
                        : " The tables below give the groups the study's own rules place people in, from their answers.");

        Map<String, AnalysisJson.QuestionJson> byId = json.questions().stream()
                .collect(Collectors.toMap(AnalysisJson.QuestionJson::question, question -> question));
        List<SectionPart> sections = new ArrayList<>();
        for (StudyDefinition.Section section : resolved.sections()) {
            List<QuestionPart> questions = new ArrayList<>();
            for (StudyDefinition.Question question : section.questions()) {
                if (resolved.includes(question.id())) {
                    questions.add(new QuestionPart(
                            question.id(),
                            question.text(),
                            Tables.question(question, byId.get(question.id()), profile)));
                }
            }
            sections.add(new SectionPart(section.id(), section.title(), questions));
        }

        return new ReportModel(
                definition.id(),
                study.title(),
                study.synthetic(),
                edits.getOrDefault("about", Objects.requireNonNullElse(study.description(), "")),
                provenance(definition, data, codebook, profile, responses, resolved),
                new Participation(participationText, participation),
                edits.get("summary"),
                Findings.of(json, resolved, edits),
                sections,
                themes(resolved, prevalence, quotes, themeNames, profile),
                MethodsText.of(profile, responses, json.tests(), json.testsWithheld(), edits.get("limitations")));
    }

    private static ThemesPart themes(
            ReportOptions.Resolved resolved,
            Map<String, ReportThemes.Prevalence> prevalence,
            List<ReportThemes.Quote> quotes,
            Map<String, String> themeNames,
            DisclosureProfile profile) {
        if (themeNames.isEmpty() || prevalence.isEmpty()) {
            return new ThemesPart("No themes have been coded for this study yet.", List.of(), List.of());
        }
        List<TablePart> tables = new ArrayList<>();
        boolean byGroup = !resolved.groupings().isEmpty();
        if (byGroup) {
            resolved.groupings()
                    .forEach(grouping ->
                            tables.add(Tables.themes(grouping.label(), prevalence.get(grouping.id()), true, profile)));
        } else {
            tables.add(Tables.themes("", prevalence.values().iterator().next(), false, profile));
        }
        List<ThemeQuotes> byTheme = new ArrayList<>();
        themeNames.forEach((code, name) -> {
            List<Quote> approved = quotes.stream()
                    .filter(quote -> quote.theme().equals(code))
                    .map(quote -> new Quote(quote.text(), attribution(quote, resolved.groupings())))
                    .toList();
            if (!approved.isEmpty()) {
                byTheme.add(new ThemeQuotes("quotes-" + code, name, approved));
            }
        });
        return new ThemesPart(
                "Themes come from the codes researchers gave what participants wrote in their own words. Quotes are"
                        + " only from participants who agreed to be quoted, edited by a researcher to remove names,"
                        + " places and services, and approved. A participant's group is named only where the group is"
                        + " large enough to publish.",
                tables,
                byTheme);
    }

    /**
     * "A participant (Community: African and African Caribbean; Gender: Woman)": only the report's
     * breakdowns, and only groups the quote bank found large enough to name under the profile.
     */
    private static String attribution(ReportThemes.Quote quote, List<GroupingRule> groupings) {
        List<String> named = new ArrayList<>();
        for (GroupingRule grouping : groupings) {
            String group = quote.groups().get(grouping.id());
            if (group != null) {
                named.add(grouping.label() + ": " + group);
            }
        }
        return named.isEmpty() ? "A participant" : "A participant (" + String.join("; ", named) + ")";
    }

    private static Provenance provenance(
            ValidatedDefinition definition,
            DataFingerprint.Fingerprint data,
            int codebook,
            DisclosureProfile profile,
            String responses,
            ReportOptions.Resolved resolved) {
        return new Provenance(
                responses,
                data.latestSubmission() == null ? "none" : TIME.format(data.latestSubmission()),
                data.sha256(),
                definition.version(),
                definition.sha256(),
                codebook == 0 ? "none" : Integer.toString(codebook),
                profile.id(),
                "sections="
                        + resolved.sections().stream()
                                .map(StudyDefinition.Section::id)
                                .collect(Collectors.joining(","))
                        + "; questions=" + resolved.questions().size() + " closed questions"
                        + "; by="
                        + resolved.groupings().stream().map(GroupingRule::id).collect(Collectors.joining(","))
                        + "; disclosure=" + profile.id());
    }
}
