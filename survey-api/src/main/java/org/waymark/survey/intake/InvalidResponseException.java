package org.waymark.survey.intake;

import java.util.List;

/** A response was refused; {@link #errors()} lists every problem, question by question. */
public class InvalidResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<AnswerError> errors;

    public InvalidResponseException(List<AnswerError> errors) {
        super("The response has " + errors.size() + " problem(s).");
        this.errors = List.copyOf(errors);
    }

    public List<AnswerError> errors() {
        return errors;
    }
}
