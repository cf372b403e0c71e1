package org.waymark.survey.intake;

/** The answers show the participant cannot take part; the message is the study's own kind explanation. */
public class NotEligibleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotEligibleException(String message) {
        super(message);
    }
}
