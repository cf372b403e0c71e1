package org.waymark.survey.exports;

import java.util.ArrayList;
import java.util.List;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * What the codebook says about each column of the export: its label (the question text), type,
 * condition, and every value it can hold with its label, whether that value is missing, and for a
 * grouping the rule that gives it.
 */
final class CodebookEntries {

    /**
     * One value a column can hold.
     *
     * @param missing the kind of missing value, or null for a real answer
     * @param rule for a grouping's group, how a response is placed in it; else empty
     */
    record Value(String code, String label, MissingValue missing, String rule) {}

    record Entry(ExportVariables.Variable variable, String label, String type, String condition, List<Value> values) {}

    private CodebookEntries() {}

    static List<Entry> of(ValidatedDefinition definition, List<ExportVariables.Variable> variables) {
        List<Entry> entries = new ArrayList<>();
        for (ExportVariables.Variable variable : variables) {
            entries.add(
                    switch (variable.kind()) {
                        case RESPONSE_ID ->
                            new Entry(
                                    variable,
                                    "Response (a random pseudonymous id, not a code the participant holds)",
                                    "id",
                                    "",
                                    List.of());
                        case CONSENT ->
                            new Entry(
                                    variable,
                                    "Consent statements agreed, joined by ;",
                                    "consent",
                                    "",
                                    definition.definition().consent().statements().stream()
                                            .map(statement -> new Value(statement.id(), statement.text(), null, ""))
                                            .toList());
                        case ANSWER -> answer(variable);
                        case OPTION -> option(variable);
                        case GROUP -> grouping(variable);
                    });
        }
        return List.copyOf(entries);
    }

    private static Entry answer(ExportVariables.Variable variable) {
        Question question = variable.question();
        List<Value> values = new ArrayList<>();
        question.options().forEach(option -> values.add(new Value(option.code(), option.label(), null, "")));
        if (question.notApplicable() != null) {
            values.add(new Value(
                    question.notApplicable().code(),
                    question.notApplicable().label(),
                    MissingValue.NOT_APPLICABLE,
                    ""));
        }
        addMissing(variable, values);
        String type = question.type().jsonName();
        if (type.equals("multi")) {
            type = "multi (codes joined by ;)";
        }
        return new Entry(variable, question.text(), type, condition(question), values);
    }

    private static Entry option(ExportVariables.Variable variable) {
        List<Value> values = new ArrayList<>();
        values.add(new Value("1", "Chosen", null, ""));
        values.add(new Value("0", "Not chosen", null, ""));
        addMissing(variable, values);
        return new Entry(variable, variable.label(), "option (0/1)", condition(variable.question()), values);
    }

    private static void addMissing(ExportVariables.Variable variable, List<Value> values) {
        Question question = variable.question();
        if (question.preferNotToSay()) {
            values.add(missing(MissingValue.PREFER_NOT_TO_SAY));
        }
        if (variable.conditional()) {
            values.add(missing(MissingValue.NOT_SHOWN));
        }
        values.add(missing(MissingValue.NO_ANSWER));
    }

    private static Value missing(MissingValue missing) {
        return new Value(missing.cell(), missing.label(), missing, "");
    }

    private static Entry grouping(ExportVariables.Variable variable) {
        StudyDefinition.Grouping grouping = variable.groupingDefinition();
        List<Value> values = new ArrayList<>();
        if (grouping.groups().isEmpty()) {
            variable.grouping()
                    .groups()
                    .forEach(group -> values.add(
                            new Value(group.id(), group.label(), null, grouping.from() + " is " + group.id())));
        } else {
            for (StudyDefinition.Group group : grouping.groups()) {
                String rule = group.when() != null && !group.when().isBlank()
                        ? group.when()
                        : grouping.from() + " in [" + String.join(", ", group.codes()) + "]";
                values.add(new Value(group.id(), group.label(), null, rule));
            }
        }
        if (grouping.otherwise() != null) {
            values.add(new Value(grouping.otherwise().id(), grouping.otherwise().label(), null, "any other answer"));
        }
        values.add(new Value("", "In no group of this grouping", null, "none of the above"));
        String from = grouping.from() == null ? "" : " from " + grouping.from();
        return new Entry(variable, grouping.label(), "grouping" + from + " (first matching group wins)", "", values);
    }

    private static String condition(Question question) {
        return question.showIf() == null ? "" : question.showIf();
    }
}
