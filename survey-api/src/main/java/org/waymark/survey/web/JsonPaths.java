package org.waymark.survey.web;

import tools.jackson.core.JacksonException;

/** Where in a JSON document Jackson found a problem, as a JSONPath such as {@code $.answers.gender}. */
public final class JsonPaths {

    private JsonPaths() {}

    public static String of(JacksonException e) {
        StringBuilder json = new StringBuilder("$");
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                json.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                json.append('[').append(reference.getIndex()).append(']');
            }
        }
        return json.toString();
    }
}
