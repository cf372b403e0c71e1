package org.waymark.survey.studies;

/**
 * One problem with an uploaded study definition.
 *
 * @param path where it is, as a JSONPath such as {@code $.sections[2].questions[0].options}
 * @param message what is wrong, in words a study author can act on
 */
public record DefinitionError(String path, String message) {}
