package org.waymark.survey.research;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.waymark.analysis.survey.Breakdown;
import org.waymark.analysis.survey.Dataset;
import org.waymark.analysis.survey.Option;
import org.waymark.analysis.survey.Question;
import org.waymark.analysis.survey.Scale;
import org.waymark.survey.responses.StoredAnswer;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * Builds the analysis {@link Dataset} of a study from its stored answers, fed one row at a time in
 * response order, so that only the current respondent's answers are ever held: when the response
 * changes, its answers go into the dataset's columns, its groups are worked out by the study's
 * rules, and they are dropped. The dataset works out the study's scale scores from the columns.
 *
 * <p>Answers are read against the study's current published definition. An answer counts when that
 * definition still has the question, with a type that takes this kind of answer and every code
 * among its options; any other answer (for example to a question removed in a later version, or an
 * option since renamed) is left out, as if the question had not been answered. Responses to earlier
 * versions therefore count wherever their answers still fit.
 */
final class DatasetAssembler {

    static final Option PREFER_NOT_TO_SAY = Option.of(AnswerValue.PREFER_NOT_TO_SAY, "Prefer not to say");

    private final Map<String, StudyDefinition.Question> questions = new HashMap<>();
    private final Map<String, Set<String>> codes = new HashMap<>();
    private final Set<String> analysed = new HashSet<>();
    private final List<GroupingRule> groupings;
    private final Dataset.Builder builder;
    private final int respondents;
    private final Map<String, AnswerValue> answers = new HashMap<>();
    private long response;
    private int respondent = -1;

    /**
     * @param definition the current published definition
     * @param groupings the groupings to break the answers down by, in the order wanted
     * @param respondents how many responses will be fed
     */
    DatasetAssembler(ValidatedDefinition definition, List<GroupingRule> groupings, int respondents) {
        final List<Question> columns = new ArrayList<>();
        for (StudyDefinition.Section section : definition.definition().sections()) {
            for (StudyDefinition.Question question : section.questions()) {
                questions.put(question.id(), question);
                final Set<String> known = new HashSet<>();
                question.options().forEach(option -> known.add(option.code()));
                if (question.notApplicable() != null) {
                    known.add(question.notApplicable().code());
                }
                codes.put(question.id(), known);
                column(question).ifPresent(columns::add);
            }
        }
        columns.forEach(column -> analysed.add(column.id()));
        this.groupings = List.copyOf(groupings);
        this.respondents = respondents;
        this.builder = Dataset.builder(
                respondents,
                columns,
                groupings.stream().map(DatasetAssembler::breakdown).toList(),
                definition.definition().scales().stream()
                        .map(DatasetAssembler::scale)
                        .toList());
    }

    /** The library's form of a scale the definition's checks have passed. */
    static Scale scale(StudyDefinition.Scale scale) {
        return new Scale(
                scale.id(),
                scale.label(),
                scale.items(),
                scale.scoring() == StudyDefinition.Scale.Scoring.SUM ? Scale.Scoring.SUM : Scale.Scoring.MEAN,
                scale.minAnswered() == null ? scale.items().size() : scale.minAnswered(),
                scale.reversed());
    }

    /** The question as the analysis sees it, if it is one the analysis counts. */
    static Optional<Question> column(StudyDefinition.Question question) {
        final List<Option> options = question.options().stream()
                .map(option -> Option.of(option.code(), option.label()))
                .toList();
        Question column = switch (question.type()) {
            case SINGLE -> Question.single(question.id(), question.text(), options);
            case SCALE -> Question.scale(question.id(), question.text(), options);
            case MULTI -> Question.multi(question.id(), question.text(), options);
            case NUMBER -> Question.number(question.id(), question.text());
            case TEXT, DATE -> null;
        };
        if (column == null) {
            return Optional.empty();
        }
        // Only scales have a not-applicable option (the definition's checks see to it).
        if (question.notApplicable() != null) {
            column = column.withNotApplicable(Option.of(
                    question.notApplicable().code(), question.notApplicable().label()));
        }
        if (question.preferNotToSay()) {
            column = column.withPreferNotToSay(PREFER_NOT_TO_SAY);
        }
        return Optional.of(column);
    }

    static Breakdown breakdown(GroupingRule rule) {
        return Breakdown.of(
                rule.id(),
                rule.label(),
                rule.groups().stream()
                        .map(group -> Option.of(group.id(), group.label()))
                        .toList());
    }

    /**
     * One stored row: a response and, unless it has no answers, one of its answers. Rows of a
     * response must come together.
     *
     * @param responseId the response's database id
     * @param question the question answered, or null for a response with no answer
     * @param kind the stored kind of the answer
     * @param value the stored value
     */
    void accept(long responseId, String question, String kind, String value) {
        if (respondent < 0 || responseId != response) {
            flush();
            respondent++;
            if (respondent >= respondents) {
                throw new IllegalStateException("more responses than were counted");
            }
            response = responseId;
        }
        if (question != null) {
            final AnswerValue answer = new StoredAnswer(kind, value).toAnswer();
            if (fits(question, answer)) {
                answers.put(question, answer);
            }
        }
    }

    /** The dataset; the assembler cannot be used afterwards. */
    Dataset finish() {
        flush();
        return builder.build();
    }

    private boolean fits(String id, AnswerValue answer) {
        final StudyDefinition.Question question = questions.get(id);
        if (question == null) {
            return false;
        }
        final Set<String> known = codes.get(id);
        return switch (answer) {
            case AnswerValue.PreferNotToSay ignored -> question.preferNotToSay();
            case AnswerValue.Choice choice ->
                (question.type() == QuestionType.SINGLE || question.type() == QuestionType.SCALE)
                        && known.contains(choice.code());
            case AnswerValue.Choices choices ->
                question.type() == QuestionType.MULTI && known.containsAll(choices.chosen());
            case AnswerValue.Number ignored -> question.type() == QuestionType.NUMBER;
            case AnswerValue.Date ignored -> question.type() == QuestionType.DATE;
            case AnswerValue.Text ignored -> false;
        };
    }

    private void flush() {
        if (respondent < 0) {
            return;
        }
        answers.forEach((question, answer) -> {
            if (analysed.contains(question)) {
                record(question, answer);
            }
        });
        for (GroupingRule rule : groupings) {
            rule.assign(answers).ifPresent(group -> builder.group(respondent, rule.id(), group.id()));
        }
        answers.clear();
    }

    private void record(String question, AnswerValue answer) {
        switch (answer) {
            case AnswerValue.Choice choice -> builder.answer(respondent, question, choice.code());
            case AnswerValue.Choices choices ->
                choices.chosen().forEach(code -> builder.answer(respondent, question, code));
            case AnswerValue.PreferNotToSay ignored ->
                builder.answer(respondent, question, AnswerValue.PREFER_NOT_TO_SAY);
            case AnswerValue.Number number ->
                builder.number(respondent, question, number.value().doubleValue());
            case AnswerValue.Text ignored -> {}
            case AnswerValue.Date ignored -> {}
        }
    }
}
