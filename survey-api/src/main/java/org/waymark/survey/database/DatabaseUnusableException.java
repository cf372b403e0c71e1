package org.waymark.survey.database;

/** Waymark cannot use its database; the message says, in plain words, what to do about it. */
public class DatabaseUnusableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnusableException(String message) {
        super(message);
    }
}
