package org.waymark.survey.themes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/** What the theme explorer's forms offer: the study's groupings, free-text questions and disclosure profiles. */
final class ExplorerForms {

    /** A choice in a form's list. */
    record Choice(String value, String label) {}

    /** A list of choices under a heading, for an {@code optgroup}. */
    record ChoiceGroup(String label, List<Choice> choices) {}

    private ExplorerForms() {}

    /** The study's current published definition, or empty when it has never been published. */
    static Optional<ValidatedDefinition> published(StudyService studies, String studyId) {
        try {
            return Optional.of(studies.published(studyId).definition());
        } catch (ApiProblemException notPublished) {
            return Optional.empty();
        }
    }

    /**
     * The profiles this viewer may choose; {@code internal} only for those who may see it, as the server
     * checks for every request that asks for it.
     */
    static List<Choice> profiles(boolean mayReadInternal) {
        List<Choice> profiles = new ArrayList<>();
        profiles.add(new Choice(
                DisclosureProfile.NHS_STANDARD.id(),
                "Standard (nhs-standard): counts 1 to 7 hidden, others rounded to the nearest 5"));
        profiles.add(new Choice(
                DisclosureProfile.STRICT_10.id(),
                "Strict (strict-10): counts 1 to 10 hidden, and more to protect them"));
        if (mayReadInternal) {
            profiles.add(new Choice(
                    DisclosureProfile.INTERNAL.id(), "Internal: nothing hidden, for the team only, never for export"));
        }
        return profiles;
    }

    static boolean offers(List<Choice> choices, String value) {
        return choices.stream().anyMatch(choice -> choice.value().equals(value));
    }

    static List<Choice> groupings(ValidatedDefinition definition) {
        return definition.groupings().stream()
                .map(grouping -> new Choice(grouping.id(), grouping.label()))
                .toList();
    }

    /** Every group of every grouping, as {@code grouping:group}. */
    static List<ChoiceGroup> groups(ValidatedDefinition definition) {
        return definition.groupings().stream()
                .map(grouping -> new ChoiceGroup(
                        grouping.label(),
                        grouping.groups().stream()
                                .map(group -> new Choice(grouping.id() + ":" + group.id(), group.label()))
                                .toList()))
                .toList();
    }

    static List<Choice> textQuestions(ValidatedDefinition definition) {
        List<Choice> questions = new ArrayList<>();
        for (StudyDefinition.Section section : definition.definition().sections()) {
            for (StudyDefinition.Question question : section.questions()) {
                if (question.type() == QuestionType.TEXT) {
                    questions.add(new Choice(question.id(), question.text()));
                }
            }
        }
        return questions;
    }
}
