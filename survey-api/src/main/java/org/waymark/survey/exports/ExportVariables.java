package org.waymark.survey.exports;

import java.util.ArrayList;
import java.util.List;
import org.waymark.survey.intake.WideCsvLayout;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * The columns of a study's export, in order: the response's pseudonymous id, the consent statements
 * agreed, then each question in the definition's order (a {@code multi} question followed by one 0/1
 * column per option), then one column per grouping. The CSV, the codebook, the R script and the SPSS
 * syntax are all written from this one list, so they cannot disagree about the layout.
 */
final class ExportVariables {

    enum Kind {
        RESPONSE_ID,
        CONSENT,
        ANSWER,
        OPTION,
        GROUP
    }

    /**
     * One column.
     *
     * @param question the question answered (ANSWER and OPTION), else null
     * @param option the option of an OPTION column, else null
     * @param grouping the grouping of a GROUP column, else null
     * @param section the section of the question, else null
     */
    record Variable(
            String name,
            Kind kind,
            Question question,
            StudyDefinition.Option option,
            GroupingRule grouping,
            StudyDefinition.Grouping groupingDefinition,
            String section) {

        /** Whether the study's routing can skip the question, so that the column can hold NOT_SHOWN. */
        boolean conditional() {
            return question != null
                    && question.showIf() != null
                    && !question.showIf().isBlank();
        }

        /** The column's label: the question's text; for an option column, with the option's label in brackets. */
        String label() {
            return switch (kind) {
                case RESPONSE_ID -> "Response (pseudonymous id)";
                case CONSENT -> "Consent statements agreed";
                case ANSWER -> question.text();
                case OPTION -> question.text() + " [" + option.label() + "]";
                case GROUP -> groupingDefinition.label();
            };
        }

        /** Whether the column holds option codes (including a grouping's group ids and 0/1). */
        boolean coded() {
            return kind == Kind.OPTION
                    || kind == Kind.GROUP
                    || (kind == Kind.ANSWER && question.type().hasOptions() && question.type() != QuestionType.MULTI);
        }
    }

    private ExportVariables() {}

    static List<Variable> of(ValidatedDefinition definition) {
        List<Variable> variables = new ArrayList<>();
        variables.add(new Variable(WideCsvLayout.RESPONSE_ID_COLUMN, Kind.RESPONSE_ID, null, null, null, null, null));
        variables.add(new Variable(WideCsvLayout.CONSENT_COLUMN, Kind.CONSENT, null, null, null, null, null));
        for (StudyDefinition.Section section : definition.definition().sections()) {
            for (Question question : section.questions()) {
                variables.add(new Variable(question.id(), Kind.ANSWER, question, null, null, null, section.id()));
                if (question.type() == QuestionType.MULTI) {
                    for (StudyDefinition.Option option : question.options()) {
                        variables.add(new Variable(
                                WideCsvLayout.optionColumn(question.id(), option.code()),
                                Kind.OPTION,
                                question,
                                option,
                                null,
                                null,
                                section.id()));
                    }
                }
            }
        }
        for (StudyDefinition.Grouping grouping : definition.definition().groupings()) {
            variables.add(new Variable(
                    WideCsvLayout.GROUP_PREFIX + grouping.id(),
                    Kind.GROUP,
                    null,
                    null,
                    definition.grouping(grouping.id()).orElseThrow(),
                    grouping,
                    null));
        }
        return List.copyOf(variables);
    }
}
