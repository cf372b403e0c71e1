package org.waymark.survey.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * The cells of the dataset CSV: option codes (or, for the labelled variant, option labels), a {@code
 * multi} question both {@code ;}-joined and as one 0/1 column per option, and the missing values of
 * {@link MissingValue}. The coded file is the one the import reads back and the R and SPSS scripts read.
 */
final class DatasetCsv {

    private final ValidatedDefinition definition;
    private final List<ExportVariables.Variable> variables;
    private final boolean labels;

    DatasetCsv(ValidatedDefinition definition, List<ExportVariables.Variable> variables, boolean labels) {
        this.definition = definition;
        this.variables = variables;
        this.labels = labels;
    }

    List<String> header() {
        return variables.stream().map(ExportVariables.Variable::name).toList();
    }

    List<String> cells(ResponseRows.Row row) {
        List<String> cells = new ArrayList<>(variables.size());
        for (ExportVariables.Variable variable : variables) {
            cells.add(
                    switch (variable.kind()) {
                        case RESPONSE_ID -> row.responseId();
                        case CONSENT -> String.join(";", row.agreed());
                        case ANSWER -> answer(variable.question(), row.answers());
                        case OPTION -> option(variable, row.answers());
                        case GROUP ->
                            variable.grouping()
                                    .assign(row.answers())
                                    .map(group -> labels ? group.label() : group.id())
                                    .orElse("");
                    });
        }
        return cells;
    }

    private String answer(Question question, Map<String, AnswerValue> answers) {
        AnswerValue answer = answers.get(question.id());
        if (answer == null) {
            return missing(question, answers);
        }
        return switch (answer) {
            case AnswerValue.PreferNotToSay ignored -> cell(MissingValue.PREFER_NOT_TO_SAY);
            case AnswerValue.Choice choice -> labels ? label(question, choice.code()) : choice.code();
            case AnswerValue.Choices choices ->
                String.join(
                        labels ? "; " : ";",
                        choices.chosen().stream()
                                .map(code -> labels ? label(question, code) : code)
                                .toList());
            case AnswerValue.Text text -> text.text();
            case AnswerValue.Number number -> number.value().toPlainString();
            case AnswerValue.Date date -> date.value().toString();
        };
    }

    private String option(ExportVariables.Variable variable, Map<String, AnswerValue> answers) {
        AnswerValue answer = answers.get(variable.question().id());
        if (answer == null) {
            return missing(variable.question(), answers);
        }
        if (answer instanceof AnswerValue.PreferNotToSay) {
            return cell(MissingValue.PREFER_NOT_TO_SAY);
        }
        return answer.codes().contains(variable.option().code()) ? "1" : "0";
    }

    /** No answer: NOT_SHOWN when the study's routing skipped the question, else empty. */
    private String missing(Question question, Map<String, AnswerValue> answers) {
        return definition.isShown(question.id(), answers) ? cell(MissingValue.NO_ANSWER) : cell(MissingValue.NOT_SHOWN);
    }

    private String cell(MissingValue missing) {
        return labels ? (missing == MissingValue.NO_ANSWER ? "" : missing.label()) : missing.cell();
    }

    static String label(Question question, String code) {
        for (StudyDefinition.Option option : question.options()) {
            if (option.code().equals(code)) {
                return option.label();
            }
        }
        if (question.notApplicable() != null && question.notApplicable().code().equals(code)) {
            return question.notApplicable().label();
        }
        return code;
    }
}
