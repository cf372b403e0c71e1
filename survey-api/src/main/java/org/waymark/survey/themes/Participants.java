package org.waymark.survey.themes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.waymark.survey.responses.StoredAnswer;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.GroupingRule;

/** A study's submitted participants as themes see them: who wrote free text, and their groups. */
@Repository
class Participants {

    /**
     * The submitted responses of a study.
     *
     * @param codedAnswers each response's answers other than free text, which the groupings read
     * @param wroteText the responses with at least one non-blank free-text answer
     */
    record Submitted(Map<Long, Map<String, AnswerValue>> codedAnswers, Set<Long> wroteText) {

        /** The response's group in a grouping, if any. */
        java.util.Optional<GroupingRule.Group> groupOf(long responseId, GroupingRule grouping) {
            return grouping.assign(codedAnswers.getOrDefault(responseId, Map.of()));
        }

        /** How many submitted participants each group of a grouping holds, by group id. */
        Map<String, Integer> groupSizes(GroupingRule grouping) {
            Map<String, Integer> sizes = new HashMap<>();
            for (long responseId : codedAnswers.keySet()) {
                groupOf(responseId, grouping).ifPresent(group -> sizes.merge(group.id(), 1, Integer::sum));
            }
            return sizes;
        }
    }

    private final JdbcClient jdbc;

    Participants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Submitted of(String studyId) {
        Map<Long, Map<String, AnswerValue>> coded = new HashMap<>();
        Set<Long> wroteText = new HashSet<>();
        jdbc.sql("""
                        SELECT r.id, a.question_id, a.kind, a.value FROM response r LEFT JOIN answer a ON a.response_id = r.id
                        WHERE r.study_id = ? AND r.status = 'submitted'""").param(studyId).withFetchSize(2_000).query((RowCallbackHandler) row -> {
            long id = row.getLong(1);
            Map<String, AnswerValue> answers = coded.computeIfAbsent(id, key -> new HashMap<>());
            if (row.getString(2) == null) {
                return;
            }
            AnswerValue value = new StoredAnswer(row.getString(3), row.getString(4)).toAnswer();
            if (value instanceof AnswerValue.Text text) {
                if (!text.text().isBlank()) {
                    wroteText.add(id);
                }
            } else {
                answers.put(row.getString(2), value);
            }
        });
        return new Submitted(coded, wroteText);
    }
}
