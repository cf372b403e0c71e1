package org.waymark.survey.intake;

/**
 * One problem with a response, for a person to act on.
 *
 * @param question the question id, or {@code consent} for a problem with the consent
 */
public record AnswerError(String question, String message) {}
