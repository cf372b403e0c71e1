package org.waymark.analysis.survey;

/**
 * The counts of one question within the groups of one grouping (the whole sample is a grouping
 * with one group): everything the summaries and tests are computed from.
 *
 * @param categories per group, per option: how many gave it (for a multi question, ticked it)
 * @param base per group: how many answered other than not applicable or prefer not to say
 * @param notApplicable per group
 * @param preferNotToSay per group
 */
record Counts(long[][] categories, long[] base, long[] notApplicable, long[] preferNotToSay) {}
