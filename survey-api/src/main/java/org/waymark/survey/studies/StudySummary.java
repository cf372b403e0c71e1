package org.waymark.survey.studies;

/**
 * A study as listed by the API.
 *
 * @param version the current published version
 * @param status {@code draft}, {@code published} or {@code closed}
 * @param synthetic true for demo studies that hold synthetic data only
 */
public record StudySummary(String id, String title, int version, String status, boolean synthetic) {}
