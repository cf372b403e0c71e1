package org.waymark.survey.questionnaire;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyDefinition.Question;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Between HTML forms and answers: reads posted fields into the intake API's JSON, and shows answers back. */
final class PageForms {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PageForms() {}

    /** What a page's form said: the answers in intake JSON (null to clear one) and problems found reading it. */
    record Posted(Map<String, JsonNode> answers, Map<String, String> errors) {}

    static Posted read(List<Question> questions, MultiValueMap<String, String> form) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Question question : questions) {
            List<String> given = form.getOrDefault("q_" + question.id(), List.of()).stream()
                    .map(String::strip)
                    .filter(value -> !value.isEmpty())
                    .toList();
            if (given.isEmpty()) {
                answers.put(question.id(), null);
                continue;
            }
            switch (question.type()) {
                case MULTI -> {
                    if (given.contains(AnswerValue.PREFER_NOT_TO_SAY)) {
                        if (given.size() > 1) {
                            errors.put(
                                    question.id(), "Choose \u201cPrefer not to say\u201d or your answers, not both.");
                        } else {
                            answers.put(question.id(), NODES.stringNode(AnswerValue.PREFER_NOT_TO_SAY));
                        }
                    } else {
                        ArrayNode codes = NODES.arrayNode();
                        given.forEach(codes::add);
                        answers.put(question.id(), codes);
                    }
                }
                case NUMBER -> {
                    String text = given.getFirst();
                    if (text.equals(AnswerValue.PREFER_NOT_TO_SAY)) {
                        answers.put(question.id(), NODES.stringNode(text));
                    } else {
                        try {
                            answers.put(question.id(), NODES.numberNode(new BigDecimal(text.replace(",", ""))));
                        } catch (NumberFormatException e) {
                            errors.put(question.id(), "Enter a number, for example 3.");
                        }
                    }
                }
                default -> answers.put(question.id(), NODES.stringNode(given.getFirst()));
            }
        }
        return new Posted(answers, errors);
    }

    static QuestionView view(Question question, AnswerValue answer, String error) {
        String value = null;
        Set<String> values = new LinkedHashSet<>();
        switch (answer) {
            case null -> {}
            case AnswerValue.Choice choice -> value = choice.code();
            case AnswerValue.Choices choices -> values.addAll(choices.chosen());
            case AnswerValue.Text text -> value = text.text();
            case AnswerValue.Number number -> value = number.value().toPlainString();
            case AnswerValue.Date date -> value = date.value().toString();
            case AnswerValue.PreferNotToSay ignored -> value = AnswerValue.PREFER_NOT_TO_SAY;
        }
        if (AnswerValue.PREFER_NOT_TO_SAY.equals(value)) {
            values.add(value);
        }
        List<QuestionView.OptionView> options = new ArrayList<>();
        question.options().forEach(option -> options.add(new QuestionView.OptionView(option.code(), option.label())));
        QuestionView.OptionView notApplicable = question.notApplicable() == null
                ? null
                : new QuestionView.OptionView(
                        question.notApplicable().code(),
                        question.notApplicable().label());
        return new QuestionView(
                question.id(),
                question.type().jsonName(),
                question.text(),
                question.help(),
                question.required(),
                options,
                notApplicable,
                question.preferNotToSay(),
                question.maxLength(),
                value,
                values,
                error);
    }

    /** The answer as the review page shows it, in the participant's words (the option labels). */
    static String describe(Question question, AnswerValue answer) {
        return switch (answer) {
            case AnswerValue.Choice choice -> label(question, choice.code());
            case AnswerValue.Choices choices ->
                String.join(
                        ", ",
                        choices.chosen().stream()
                                .map(code -> label(question, code))
                                .toList());
            case AnswerValue.Text text -> text.text();
            case AnswerValue.Number number -> number.value().toPlainString();
            case AnswerValue.Date date -> date.value().toString();
            case AnswerValue.PreferNotToSay ignored -> "Prefer not to say";
        };
    }

    private static String label(Question question, String code) {
        if (question.notApplicable() != null && question.notApplicable().code().equals(code)) {
            return question.notApplicable().label();
        }
        return question.options().stream()
                .filter(option -> option.code().equals(code))
                .map(option -> option.label())
                .findFirst()
                .orElse(code);
    }
}
