package org.waymark.survey.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.research.ProtectedAnalysis;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * What an author chose for a report, as sent: each list is comma-separated ids, null for the
 * default. {@code sections} and {@code questions} default to every section and closed question;
 * {@code by} (the breakdowns) to every grouping of the study, as the analysis API's {@code by};
 * {@code disclosure} to {@code nhs-standard}. {@code internal} is refused: a report is made to leave
 * the platform.
 */
record ReportOptions(String sections, String questions, String by, String disclosure) {

    static final String DEFAULT_PROFILE = "nhs-standard";

    /** The options checked against a definition: the questions in report order, the groupings, the profile. */
    record Resolved(
            List<StudyDefinition.Section> sections,
            List<StudyDefinition.Question> questions,
            List<GroupingRule> groupings,
            DisclosureProfile profile) {

        boolean includes(String questionId) {
            return questions.stream().anyMatch(question -> question.id().equals(questionId));
        }
    }

    Resolved resolve(ValidatedDefinition definition) {
        DisclosureProfile profile = profile(disclosure == null ? DEFAULT_PROFILE : disclosure);
        List<StudyDefinition.Section> all = definition.definition().sections();
        List<StudyDefinition.Section> chosenSections = new ArrayList<>();
        Set<String> sectionIds = ids(sections);
        for (String id : sectionIds) {
            chosenSections.add(all.stream()
                    .filter(section -> section.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> bad("Study '" + definition.id() + "' has no section '" + shorten(id)
                            + "'. Its sections are: "
                            + all.stream().map(StudyDefinition.Section::id).collect(Collectors.joining(", "))
                            + ".")));
        }
        if (sectionIds.isEmpty()) {
            chosenSections.addAll(all);
        }
        Set<String> questionIds = ids(questions);
        List<StudyDefinition.Question> chosen = new ArrayList<>();
        for (String id : questionIds) {
            StudyDefinition.Question question = definition
                    .question(id)
                    .orElseThrow(() -> bad("Study '" + definition.id() + "' has no question '" + shorten(id) + "'."));
            if (!closed(question)) {
                throw bad("Question '" + id + "' is answered in free text or with a date, so it has no table;"
                        + " what people wrote appears under Themes. Leave it out of 'questions'.");
            }
            if (chosenSections.stream().noneMatch(section -> section.questions().contains(question))) {
                throw bad("Question '" + id + "' is not in the sections chosen. Add its section to 'sections',"
                        + " or leave 'sections' out.");
            }
        }
        List<StudyDefinition.Section> kept = new ArrayList<>();
        for (StudyDefinition.Section section : chosenSections) {
            List<StudyDefinition.Question> inSection = section.questions().stream()
                    .filter(ReportOptions::closed)
                    .filter(question -> questionIds.isEmpty() || questionIds.contains(question.id()))
                    .toList();
            if (!inSection.isEmpty()) {
                kept.add(section);
                chosen.addAll(inSection);
            }
        }
        List<GroupingRule> groupings = ProtectedAnalysis.groupings(definition, by);
        return new Resolved(kept, chosen, groupings, profile);
    }

    /** The questions a report can tabulate: those the analysis counts. */
    static boolean closed(StudyDefinition.Question question) {
        return question.type() != QuestionType.TEXT && question.type() != QuestionType.DATE;
    }

    static DisclosureProfile profile(String id) {
        if (DisclosureProfile.INTERNAL.id().equals(id)) {
            throw bad("A report is made to leave the platform, so it cannot use the 'internal' profile, which"
                    + " hides nothing. Use 'nhs-standard' (the default) or 'strict-10'.");
        }
        try {
            return DisclosureProfile.fromId(id);
        } catch (IllegalArgumentException e) {
            throw bad("There is no disclosure profile '" + shorten(id) + "'. Use 'nhs-standard' (the default) or"
                    + " 'strict-10'.");
        }
    }

    private static Set<String> ids(String list) {
        Set<String> ids = new LinkedHashSet<>();
        if (list != null) {
            Arrays.stream(list.split(",", -1))
                    .map(String::strip)
                    .filter(id -> !id.isEmpty())
                    .forEach(ids::add);
        }
        return ids;
    }

    static ApiProblemException bad(String detail) {
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
