package org.waymark.survey.intake;

import java.util.List;

/** An import was refused; {@link #errors()} lists every problem, row by row and column by column. */
public class InvalidImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ImportError> errors;

    public InvalidImportException(List<ImportError> errors) {
        super("The file has " + errors.size() + " problem(s).");
        this.errors = List.copyOf(errors);
    }

    public List<ImportError> errors() {
        return errors;
    }
}
