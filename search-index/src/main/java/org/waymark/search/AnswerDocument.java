package org.waymark.search;

import java.util.Map;
import java.util.Objects;

/**
 * One free-text answer as the index holds it.
 *
 * @param studyId the study
 * @param responseKey the response's stable key within the study (its database id); deletions use it
 * @param responseId the response's pseudonymous public id, shown in results
 * @param questionId the question answered
 * @param definitionVersion the study definition version the participant answered
 * @param text the answer
 * @param groups the participant's group in each grouping, by grouping id (groupings with no group left out)
 */
public record AnswerDocument(
        String studyId,
        long responseKey,
        String responseId,
        String questionId,
        int definitionVersion,
        String text,
        Map<String, String> groups) {

    public AnswerDocument {
        Objects.requireNonNull(studyId);
        Objects.requireNonNull(responseId);
        Objects.requireNonNull(questionId);
        Objects.requireNonNull(text);
        groups = Map.copyOf(groups);
    }

    /** The answer's id in the index: study, response key and question. */
    public String id() {
        return AnswerFields.answerId(studyId, responseKey, questionId);
    }

    @Override
    public String toString() {
        return "AnswerDocument[" + id() + ", " + text.length() + " characters]";
    }
}
