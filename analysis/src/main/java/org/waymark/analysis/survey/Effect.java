package org.waymark.analysis.survey;

/**
 * The size of a difference between groups, beside the test of whether it is more than chance.
 *
 * @param name {@code cramers-v}, {@code rank-biserial} or {@code epsilon-squared}
 * @param value its value
 */
public record Effect(String name, double value) {}
