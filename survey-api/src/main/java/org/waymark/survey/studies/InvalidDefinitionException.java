package org.waymark.survey.studies;

import java.util.List;

/** A study definition was rejected; {@link #errors()} lists every problem found. */
public class InvalidDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<DefinitionError> errors;

    public InvalidDefinitionException(List<DefinitionError> errors) {
        super("The study definition has " + errors.size() + " problem(s).");
        this.errors = List.copyOf(errors);
    }

    public List<DefinitionError> errors() {
        return errors;
    }
}
