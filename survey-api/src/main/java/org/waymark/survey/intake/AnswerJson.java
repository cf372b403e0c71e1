package org.waymark.survey.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import org.waymark.survey.studies.AnswerValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Answers in the JSON form the intake API accepts, so a stored draft reads back as it was sent. */
final class AnswerJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnswerJson() {}

    static Map<String, JsonNode> toJson(Map<String, AnswerValue> answers) {
        Map<String, JsonNode> json = new LinkedHashMap<>();
        answers.forEach((question, answer) -> json.put(question, toJson(answer)));
        return json;
    }

    static JsonNode toJson(AnswerValue answer) {
        return switch (answer) {
            case AnswerValue.Choice choice -> NODES.stringNode(choice.code());
            case AnswerValue.Choices choices -> {
                ArrayNode array = NODES.arrayNode();
                choices.chosen().forEach(array::add);
                yield array;
            }
            case AnswerValue.Text text -> NODES.stringNode(text.text());
            case AnswerValue.Number number -> NODES.numberNode(number.value());
            case AnswerValue.Date date -> NODES.stringNode(date.value().toString());
            case AnswerValue.PreferNotToSay ignored -> NODES.stringNode(AnswerValue.PREFER_NOT_TO_SAY);
        };
    }
}
