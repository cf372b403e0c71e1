package org.waymark.survey.studies;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.waymark.survey.Sha256;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.condition.Condition;

/**
 * A study definition that passed every check, with its conditions parsed and its groupings compiled.
 * Only {@link DefinitionReader} makes one.
 */
public final class ValidatedDefinition {

    private final StudyDefinition definition;
    private final String json;
    private final Map<String, Question> questions;
    private final Map<String, Condition> showIf;
    private final List<GroupingRule> groupings;

    ValidatedDefinition(
            StudyDefinition definition,
            String json,
            Map<String, Question> questions,
            Map<String, Condition> showIf,
            List<GroupingRule> groupings) {
        this.definition = definition;
        this.json = json;
        this.questions = Map.copyOf(questions);
        this.showIf = Map.copyOf(showIf);
        this.groupings = List.copyOf(groupings);
    }

    public StudyDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    public int version() {
        return definition.version();
    }

    /** The definition as uploaded. */
    public String json() {
        return json;
    }

    public String sha256() {
        return Sha256.hex(json);
    }

    public Optional<Question> question(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    /** Whether a question is shown, given the answers so far; a question without showIf always is. */
    public boolean isShown(String questionId, Map<String, AnswerValue> answers) {
        Condition condition = showIf.get(questionId);
        return condition == null || condition.test(answers);
    }

    public List<GroupingRule> groupings() {
        return groupings;
    }

    public Optional<GroupingRule> grouping(String id) {
        return groupings.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }
}
