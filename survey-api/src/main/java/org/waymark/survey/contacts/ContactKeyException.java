package org.waymark.survey.contacts;

/** The contact key is missing where it is needed, or cannot be read: Waymark does not start. */
final class ContactKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ContactKeyException(String message) {
        super(message);
    }
}
