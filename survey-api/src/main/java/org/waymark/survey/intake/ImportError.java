package org.waymark.survey.intake;

/**
 * One problem in an imported CSV file.
 *
 * @param row the line number in the file, the header being line 1
 * @param column the column's header (a question id, or {@code consent_agreed}), or empty for the whole row
 */
public record ImportError(int row, String column, String message) {}
