package org.waymark.analysis.survey;

/**
 * A 95% Wilson interval, in percent.
 *
 * @param lower the lower end
 * @param upper the upper end
 */
public record PercentInterval(double lower, double upper) {}
