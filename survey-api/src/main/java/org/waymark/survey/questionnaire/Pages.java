package org.waymark.survey.questionnaire;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.ValidatedDefinition;
import tools.jackson.databind.JsonNode;

/** Which questions go on which participant page, and which of them the conditions show. */
final class Pages {

    private Pages() {}

    static List<Question> eligibilityQuestions(ValidatedDefinition study) {
        Set<String> ids = study.definition().eligibility().stream()
                .map(StudyDefinition.EligibilityRule::question)
                .collect(Collectors.toSet());
        return study.definition().sections().stream()
                .flatMap(section -> section.questions().stream())
                .filter(question -> ids.contains(question.id()))
                .toList();
    }

    /** The sections a participant pages through: those with any question not asked at eligibility. */
    static List<StudyDefinition.Section> questionnaireSections(ValidatedDefinition study) {
        Set<String> eligibility =
                eligibilityQuestions(study).stream().map(Question::id).collect(Collectors.toSet());
        return study.definition().sections().stream()
                .filter(section -> section.questions().stream().anyMatch(q -> !eligibility.contains(q.id())))
                .toList();
    }

    static List<String> shown(ValidatedDefinition study, List<Question> questions, Map<String, AnswerValue> answers) {
        return questions.stream()
                .map(Question::id)
                .filter(id -> study.isShown(id, answers))
                .toList();
    }

    /** Evaluates the page's conditions on its own new answers, in order, and clears what they hide. */
    static Map<String, JsonNode> dropHidden(
            ValidatedDefinition study, Map<String, AnswerValue> before, Map<String, JsonNode> change) {
        Map<String, AnswerValue> sofar = new HashMap<>(before);
        change.keySet().forEach(sofar::remove);
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        change.forEach((id, value) -> {
            if (!study.isShown(id, sofar)) {
                kept.put(id, null);
                sofar.remove(id);
                return;
            }
            kept.put(id, value);
            if (value != null && value.isString()) {
                sofar.put(id, new AnswerValue.Choice(value.asString()));
            } else if (value != null && value.isArray()) {
                sofar.put(
                        id,
                        new AnswerValue.Choices(
                                value.valueStream().map(JsonNode::asString).toList()));
            }
        });
        return kept;
    }
}
