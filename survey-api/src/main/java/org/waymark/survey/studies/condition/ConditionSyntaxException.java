package org.waymark.survey.studies.condition;

/** A condition could not be read; the message says where and what was expected, in plain words. */
public class ConditionSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConditionSyntaxException(String message) {
        super(message);
    }
}
