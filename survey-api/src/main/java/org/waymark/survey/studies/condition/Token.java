package org.waymark.survey.studies.condition;

/** One token of a condition, with where it starts (0-based) for error messages. */
record Token(Kind kind, String text, int offset) {

    enum Kind {
        WORD,
        STRING,
        EQUALS,
        NOT_EQUALS,
        OPEN_PAREN,
        CLOSE_PAREN,
        OPEN_BRACKET,
        CLOSE_BRACKET,
        COMMA,
        END
    }
}
