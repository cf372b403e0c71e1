package org.waymark.survey.web;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/** Where in a JSON document Jackson found a problem, as a JSONPath such as {@code $.answers.gender}. */
public final class JsonPaths {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {}

    public static String of(JacksonException e) {
        StringBuilder json = new StringBuilder("$");
        for (JacksonException.Reference reference : e.getPath()) {
            String name = reference.getPropertyName();
            if (name != null && PLAIN_NAME.matcher(name).matches()) {
                json.append('.').append(name);
            } else if (name != null) {
                // Any other name in brackets, so that a '.' or '[' in it cannot make the path point elsewhere.
                json.append("['")
                        .append(name.replace("\\", "\\\\").replace("'", "\\'"))
                        .append("']");
            } else if (reference.getIndex() >= 0) {
                json.append('[').append(reference.getIndex()).append(']');
            }
        }
        return json.toString();
    }
}
