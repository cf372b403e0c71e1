package org.waymark.analysis.survey;

/** How a question is answered, which decides how its answers are stored, counted and tested. */
public enum QuestionKind {
    /** One answer from unordered options; breakdowns are tested for association. */
    SINGLE,
    /** One answer from options in scale order; breakdowns are tested by ranks. */
    SCALE,
    /** Any number of options; each option is its own yes/no. */
    MULTI,
    /** A number, or a scale score worked out by the study's rules. */
    NUMBER
}
