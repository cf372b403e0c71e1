package org.waymark.survey.database;

/** The embedded MariaDB could not be started; the message says what the user can do about it. */
public class EmbeddedDatabaseException extends DatabaseUnusableException {

    private static final long serialVersionUID = 1L;

    public EmbeddedDatabaseException(String message) {
        super(message);
    }
}
