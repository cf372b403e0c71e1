package org.waymark.analysis.disclosure;

/** Warnings a report author must see beside a group's figures. */
public enum Flag {
    /** Fewer than 30 answered: percentages move a lot with one person. */
    LOW_BASE,
    /**
     * Everyone in the group gave the same answer, so the figures say something about each member
     * of the group, even when the counts are suppressed.
     */
    SINGLE_ANSWER
}
