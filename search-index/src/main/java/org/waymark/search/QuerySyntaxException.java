package org.waymark.search;

/** A search that cannot be run as written; the message says, in plain words, what to change. */
public final class QuerySyntaxException extends RuntimeException {

    public QuerySyntaxException(String message) {
        super(message);
    }
}
