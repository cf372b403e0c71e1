package org.waymark.survey.themes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.waymark.survey.responses.StoredAnswer;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * Free-text answers as the coding pages show them: the whole text, and the participant's group in each
 * grouping by label, nothing else of the response. Coders may see exactly this (docs/security.md).
 */
@Repository
class AnswersToCode {

    /** An answer, named by the response's pseudonymous id and the question. */
    record Ref(String responseId, String question) {}

    /** A grouping's label and the participant's group in it. */
    record GroupLabel(String grouping, String group) {}

    record Answer(String responseId, String question, String questionText, String text, List<GroupLabel> groups) {}

    private final JdbcClient jdbc;

    AnswersToCode(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The study's free-text questions, in the questionnaire's order. */
    static List<StudyDefinition.Question> freeTextQuestions(ValidatedDefinition definition) {
        return definition.definition().sections().stream()
                .flatMap(section -> section.questions().stream())
                .filter(question -> question.type() == QuestionType.TEXT)
                .toList();
    }

    /** The submitted, non-blank answers among {@code refs}, in their order; unknown ones are left out. */
    List<Answer> find(String studyId, ValidatedDefinition definition, List<Ref> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        Set<String> responseIds = refs.stream().map(Ref::responseId).collect(Collectors.toSet());
        Map<String, Map<String, AnswerValue>> coded = new HashMap<>();
        Map<Ref, String> texts = new HashMap<>();
        jdbc.sql("""
                        SELECT r.pseudonym, a.question_id, a.kind, a.value FROM response r JOIN answer a ON a.response_id = r.id
                        WHERE r.study_id = :study AND r.status = 'submitted' AND r.pseudonym IN (:responses)""").param("study", studyId).param("responses", responseIds).query((RowCallbackHandler) row -> {
            String responseId = row.getString(1);
            AnswerValue value = new StoredAnswer(row.getString(3), row.getString(4)).toAnswer();
            if (value instanceof AnswerValue.Text text) {
                texts.put(new Ref(responseId, row.getString(2)), text.text());
            } else {
                coded.computeIfAbsent(responseId, id -> new HashMap<>()).put(row.getString(2), value);
            }
        });
        Map<String, String> questionTexts = new LinkedHashMap<>();
        freeTextQuestions(definition).forEach(question -> questionTexts.put(question.id(), question.text()));
        List<Answer> answers = new ArrayList<>();
        for (Ref ref : refs.stream().distinct().toList()) {
            String text = texts.get(ref);
            if (text == null || text.isBlank() || !questionTexts.containsKey(ref.question())) {
                continue;
            }
            List<GroupLabel> groups = new ArrayList<>();
            for (GroupingRule grouping : definition.groupings()) {
                grouping.assign(coded.getOrDefault(ref.responseId(), Map.of()))
                        .ifPresent(group -> groups.add(new GroupLabel(grouping.label(), group.label())));
            }
            answers.add(new Answer(ref.responseId(), ref.question(), questionTexts.get(ref.question()), text, groups));
        }
        return answers;
    }

    /**
     * Answers the coder has not yet coded with any theme (by their own code or a proposal they confirmed),
     * oldest response first, optionally of one question.
     */
    List<Ref> notYetCodedBy(String studyId, String coder, String question, int limit) {
        return jdbc.sql("""
                        SELECT r.pseudonym, a.question_id FROM response r
                        JOIN answer a ON a.response_id = r.id AND a.kind = 'text' AND TRIM(a.value) <> ''
                        WHERE r.study_id = ? AND r.status = 'submitted' AND (? IS NULL OR a.question_id = ?)
                          AND NOT EXISTS (SELECT 1 FROM coding c WHERE c.response_id = r.id AND c.question_id = a.question_id
                                          AND c.status = 'confirmed' AND (c.coder = ? OR (c.coder = 'rule' AND c.decided_by = ?)))
                        ORDER BY r.id, a.question_id LIMIT ?""")
                .params(studyId, question, question, coder, coder, limit)
                .query((row, n) -> new Ref(row.getString(1), row.getString(2)))
                .list();
    }
}
