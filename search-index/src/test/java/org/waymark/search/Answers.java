package org.waymark.search;

import java.util.Map;

/** Builds synthetic answers for tests, with defaults for whatever a test does not care about. */
final class Answers {

    static final String STUDY = "synthetic-study";
    static final String QUESTION = "recovery_meaning";

    private Answers() {}

    static AnswerDocument answer(long responseKey, String text) {
        return answer(responseKey, QUESTION, text, Map.of());
    }

    static AnswerDocument answer(long responseKey, String question, String text, Map<String, String> groups) {
        return new AnswerDocument(STUDY, responseKey, "R" + responseKey, question, 1, text, groups);
    }
}
