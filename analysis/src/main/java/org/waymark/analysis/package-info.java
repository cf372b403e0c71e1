/**
 * Statistics for survey reports, computed from count tables so that the cost grows with the
 * number of categories rather than the number of responses.
 *
 * <p>Features live in sub-packages: {@code table} (the count table every statistic starts from),
 * {@code proportion} (percentages with Wilson intervals), {@code association} (chi-square or
 * Fisher's exact test with effect sizes), {@code ordinal} (quartiles, Mann-Whitney,
 * Kruskal-Wallis), {@code multiplicity} (Holm and Benjamini-Hochberg), {@code disclosure} (what
 * may be published), {@code survey} (the columnar dataset of coded answers and the per-question
 * analysis with its sentences), {@code agreement} (Cohen's kappa, Krippendorff's alpha, Cronbach's
 * alpha) and {@code keyness} (log-likelihood and log ratio). Every figure is checked against R; see
 * {@code docs/analysis.md}.
 */
package org.waymark.analysis;
