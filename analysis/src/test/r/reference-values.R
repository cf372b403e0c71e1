# Reference values for the Waymark analysis tests.
#
# Run from the repository root with base R 4.x (no packages needed):
#   Rscript analysis/src/test/r/reference-values.R > analysis/src/test/resources/reference-values.csv
#
# Each line is key,value,R expression. A vector result gives one line per element, with
# the element's 1-based position appended to the key. The Java tests read the CSV, so CI
# does not need R; the expression column says exactly where every number came from.

ref <- function(key, expr) {
  value <- eval(parse(text = expr), envir = globalenv())
  value <- as.vector(value)
  keys <- if (length(value) == 1) key else paste0(key, "_", seq_along(value))
  for (i in seq_along(value)) {
    cat(keys[i], ",", trimws(formatC(value[i], digits = 17, format = "g")), ",\"", gsub("\"", "'", expr), "\"\n", sep = "")
  }
}

cat("key,value,source\n")
cat("r_version,", getRversion()$major, ".", getRversion()$minor, ",\"R.version.string: ", R.version.string, "\"\n", sep = "")

# Wilson score intervals: prop.test without continuity correction.
ref("wilson_48_81", "prop.test(48, 81, correct = FALSE)$conf.int")
ref("wilson_23_40", "prop.test(23, 40, correct = FALSE)$conf.int")
ref("wilson_0_10", "prop.test(0, 10, correct = FALSE)$conf.int")
ref("wilson_10_10", "prop.test(10, 10, correct = FALSE)$conf.int")
ref("wilson_1_3", "prop.test(1, 3, correct = FALSE)$conf.int")

# Pearson chi-square without continuity correction, with adjusted standardised residuals.
# Matrices are written out in each expression so that every line stands on its own.
chi <- c(chi_2x3 = "matrix(c(20, 15, 10, 25, 30, 18), nrow = 2)",
         chi_3x3 = "matrix(c(25, 12, 18, 14, 22, 9, 11, 16, 30), nrow = 3)",
         chi_2x2 = "matrix(c(30, 10, 20, 25), nrow = 2)")
for (name in names(chi)) {
  m <- chi[[name]]
  ref(paste0(name, "_statistic"), paste0("chisq.test(", m, ", correct = FALSE)$statistic"))
  ref(paste0(name, "_df"), paste0("chisq.test(", m, ", correct = FALSE)$parameter"))
  ref(paste0(name, "_p"), paste0("chisq.test(", m, ", correct = FALSE)$p.value"))
  # Column-major order, as R stores a matrix.
  ref(paste0(name, "_stdres"), paste0("chisq.test(", m, ", correct = FALSE)$stdres"))
  ref(paste0(name, "_cramers_v"), paste0("sqrt(chisq.test(", m, ", correct = FALSE)$statistic / (sum(", m,
                                         ") * (min(dim(", m, ")) - 1)))"))
}

# Odds ratio with a Wald interval on the log scale (no base R function: the formula, evaluated in R).
ref("or_2x2", "(30 * 25) / (20 * 10)")
ref("or_2x2_ci", "exp(log((30 * 25) / (20 * 10)) + c(-1, 1) * qnorm(0.975) * sqrt(1/30 + 1/20 + 1/10 + 1/25))")
# With a zero cell: Haldane-Anscombe, add 0.5 to every cell.
ref("or_zero", "(5.5 * 3.5) / (0.5 * 4.5)")
ref("or_zero_ci", "exp(log((5.5 * 3.5) / (0.5 * 4.5)) + c(-1, 1) * qnorm(0.975) * sqrt(1/5.5 + 1/0.5 + 1/4.5 + 1/3.5))")

# Odds ratios and residuals as the per-question analysis publishes them, tested groups as rows.
# One option of a multi question by gender, ticked or not: women 18 of 27, men 8 of 29.
ref("multi_2x2_stdres", "chisq.test(matrix(c(18, 8, 9, 21), nrow = 2), correct = FALSE)$stdres")
ref("multi_2x2_or", "(18 * 21) / (9 * 8)")
ref("multi_2x2_or_ci", "exp(log((18 * 21) / (9 * 8)) + c(-1, 1) * qnorm(0.975) * sqrt(1/18 + 1/9 + 1/8 + 1/21))")
# Three groups by three answers, the third given by nobody in them: R's residuals are NaN there.
ref("single_3x3_empty_stdres",
    "suppressWarnings(chisq.test(matrix(c(12, 9, 10, 8, 15, 11, 0, 0, 0), nrow = 3), correct = FALSE)$stdres)")

# Fisher's exact test, 2x2 and r x c (R's network algorithm, exact).
fisher <- c(fisher_2x2_a = "matrix(c(3, 1, 1, 3), nrow = 2)",
            fisher_2x2_b = "matrix(c(10, 2, 3, 15), nrow = 2)",
            fisher_2x2_c = "matrix(c(5, 0, 4, 3), nrow = 2)",
            # The observed table ties in probability with another: R counts both.
            fisher_2x2_tie = "matrix(c(1, 1, 6, 2), nrow = 2)",
            fisher_3x3 = "matrix(c(3, 1, 2, 0, 4, 1, 2, 2, 5), nrow = 3)",
            fisher_2x4 = "matrix(c(5, 1, 2, 6, 0, 4, 3, 3), nrow = 2)",
            fisher_3x4 = "matrix(c(4, 0, 2, 1, 5, 1, 3, 2, 6, 0, 1, 4), nrow = 3)",
            fisher_4x5 = "matrix(c(6, 2, 1, 0, 3, 4, 2, 1, 2, 2, 5, 1, 1, 0, 2, 4, 3, 1, 2, 6), nrow = 4)")
for (name in names(fisher)) {
  ref(paste0(name, "_p"), paste0("fisher.test(", fisher[[name]], ")$p.value"))
}
# Monte Carlo, for the record only: Java draws a different random stream, so the tests compare
# their own simulation with the exact value statistically rather than with this number.
ref("fisher_4x5_simulated_p", paste0("{set.seed(20111); fisher.test(", fisher[["fisher_4x5"]],
                                     ", simulate.p.value = TRUE, B = 10000)$p.value}"))

# Ordered scales: samples expanded from count tables (scale positions 1..5).
mw <- "rep(1:5, c(10, 12, 8, 5, 3)), rep(1:5, c(4, 6, 10, 9, 11))"
mw_small <- "rep(1:4, c(2, 1, 0, 1)), rep(1:4, c(0, 1, 2, 3))"
ref("mw_w", paste0("wilcox.test(", mw, ", correct = TRUE, exact = FALSE)$statistic"))
ref("mw_p", paste0("wilcox.test(", mw, ", correct = TRUE, exact = FALSE)$p.value"))
ref("mw_r", paste0("2 * wilcox.test(", mw, ", correct = TRUE, exact = FALSE)$statistic / (38 * 40) - 1"))
ref("mw_small_w", paste0("wilcox.test(", mw_small, ", correct = TRUE, exact = FALSE)$statistic"))
ref("mw_small_p", paste0("wilcox.test(", mw_small, ", correct = TRUE, exact = FALSE)$p.value"))

kw <- "list(rep(1:5, c(10, 12, 8, 5, 3)), rep(1:5, c(4, 6, 10, 9, 11)), rep(1:5, c(7, 7, 7, 3, 2)))"
kw_small <- "list(rep(1:3, c(2, 1, 0)), rep(1:3, c(0, 2, 1)), rep(1:3, c(1, 1, 2)))"
ref("kw_statistic", paste0("kruskal.test(", kw, ")$statistic"))
ref("kw_df", paste0("kruskal.test(", kw, ")$parameter"))
ref("kw_p", paste0("kruskal.test(", kw, ")$p.value"))
ref("kw_epsilon_squared", paste0("kruskal.test(", kw, ")$statistic / (104 - 1)"))
ref("kw_small_statistic", paste0("kruskal.test(", kw_small, ")$statistic"))
ref("kw_small_p", paste0("kruskal.test(", kw_small, ")$p.value"))

ref("quartiles_a", "quantile(rep(1:5, c(10, 12, 8, 5, 3)), c(0.25, 0.5, 0.75), type = 7)")
ref("quartiles_b", "quantile(rep(1:5, c(4, 6, 10, 9, 11)), c(0.25, 0.5, 0.75), type = 7)")
ref("quartiles_c", "quantile(rep(c(0, 2.5, 10), c(1, 2, 1)), c(0.25, 0.5, 0.75), type = 7)")

# Multiple comparisons.
ref("holm", "p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.049), 'holm')")
ref("bh", "p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.049), 'BH')")
ref("holm_ties", "p.adjust(c(0.02, 0.02, 0.5, 0.001), 'holm')")
ref("bh_ties", "p.adjust(c(0.02, 0.02, 0.5, 0.001), 'BH')")

# Cohen's kappa with both large-sample standard errors of Fleiss, Cohen and Everitt (1969),
# by formula (no package needed). Rows are the first coder, columns the second. Returns, in order:
# kappa, SE, SE under kappa = 0, z = kappa / SE0, two-sided p, and the 95% interval kappa -/+ 1.96 SE.
kappa_fce <- function(m) {
  n <- sum(m)
  p <- m / n
  r <- rowSums(p)
  cl <- colSums(p)
  pe <- sum(r * cl)
  k <- (sum(diag(p)) - pe) / (1 - pe)
  off <- outer(cl, r, "+")^2  # (p.i + pj.)^2 in cell [i, j]
  diag(off) <- 0
  v <- (sum(diag(p) * (1 - (r + cl) * (1 - k))^2) + (1 - k)^2 * sum(p * off) - (k - pe * (1 - k))^2) /
    (n * (1 - pe)^2)
  v0 <- (pe + pe^2 - sum(r * cl * (r + cl))) / (n * (1 - pe)^2)
  z <- k / sqrt(v0)
  c(k, sqrt(v), sqrt(v0), z, 2 * pnorm(-abs(z)), k + c(-1, 1) * qnorm(0.975) * sqrt(v))
}
# The SAS PROC FREQ example that statsmodels' test_inter_rater.py checks against (table10).
ref("kappa_sas", "kappa_fce(matrix(c(0, 0, 0, 4, 8, 1, 1, 0, 5), nrow = 3))")
ref("kappa_3x3", "kappa_fce(matrix(c(75, 5, 0, 1, 4, 0, 4, 1, 10), nrow = 3))")
ref("kappa_2x2", "kappa_fce(matrix(c(20, 5, 10, 15), nrow = 2))")

# Krippendorff's alpha by formula, from the coincidence matrix (Krippendorff 2011, "Computing
# Krippendorff's Alpha-Reliability"). Rows are coders, columns units, NA for a missing value.
kripp_alpha <- function(data, level) {
  values <- sort(unique(data[!is.na(data)]))
  v <- length(values)
  o <- matrix(0, v, v)
  for (u in seq_len(ncol(data))) {
    x <- data[!is.na(data[, u]), u]
    m <- length(x)
    if (m < 2) next
    counts <- as.vector(table(factor(x, levels = values)))
    o <- o + (outer(counts, counts) - diag(counts, v)) / (m - 1)
  }
  nc <- rowSums(o)
  n <- sum(nc)
  cs <- c(0, cumsum(nc))
  d <- switch(level,
    nominal = 1 - diag(v),
    ordinal = outer(seq_len(v), seq_len(v), function(c, k) {
      lo <- pmin(c, k)
      hi <- pmax(c, k)
      ifelse(lo == hi, 0, (cs[hi + 1] - cs[lo] - (nc[lo] + nc[hi]) / 2)^2)
    }),
    interval = outer(values, values, "-")^2,
    ratio = ifelse(outer(values, values, "==") , 0, (outer(values, values, "-") / outer(values, values, "+"))^2))
  1 - (n - 1) * sum(o * d) / sum(outer(nc, nc) * d)
}
# Krippendorff (2011), the 4 observers x 12 units example with missing data; it reports
# nominal 0.743, ordinal 0.815, interval 0.849 and ratio 0.797.
kripp_2011 <- rbind(
  c(1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA),
  c(1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3),
  c(NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA),
  c(1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA))
ref("kripp_nominal", "kripp_alpha(kripp_2011, 'nominal')")
ref("kripp_ordinal", "kripp_alpha(kripp_2011, 'ordinal')")
ref("kripp_interval", "kripp_alpha(kripp_2011, 'interval')")
ref("kripp_ratio", "kripp_alpha(kripp_2011, 'ratio')")
# Krippendorff (2011), the binary example: 2 observers x 10 units, nominal alpha 0.095.
ref("kripp_binary", "kripp_alpha(rbind(c(0, 1, 0, 0, 0, 0, 0, 0, 1, 0), c(1, 1, 1, 0, 0, 1, 0, 0, 0, 0)), 'nominal')")

# Cronbach's alpha by formula, complete cases only: k / (k - 1) * (1 - sum(item variances) / var(total)).
cronbach <- function(x) {
  x <- x[complete.cases(x), , drop = FALSE]
  k <- ncol(x)
  k / (k - 1) * (1 - sum(apply(x, 2, var)) / var(rowSums(x)))
}
items <- rbind(c(4, 5, 4, 3), c(3, 4, 3, 3), c(5, 5, 4, 5), c(2, 3, 2, 1), c(4, 4, 5, 4),
               c(3, 2, 3, 2), c(NA, 4, 4, 3), c(5, 4, 5, 5), c(1, 2, 1, 2), c(4, 3, 4, NA))
ref("cronbach", "cronbach(items)")
# Alpha if an item is deleted, over the same complete cases as alpha itself.
ref("cronbach_if_deleted", "sapply(1:4, function(j) cronbach(items[complete.cases(items), -j]))")

# Keyness by formula: G2 over the four cells of {word, rest} x {first, second}, its chi-square
# (df 1) p-value, and Hardie's log ratio with 0.5 in place of a zero frequency.
keyness <- function(a, n1, b, n2) {
  o <- c(a, b, n1 - a, n2 - b)
  e <- c(n1, n2, n1, n2) * c(a + b, a + b, n1 + n2 - a - b, n1 + n2 - a - b) / (n1 + n2)
  g2 <- 2 * sum(ifelse(o > 0, o * log(o / e), 0))
  c(g2, pchisq(g2, 1, lower.tail = FALSE), log2((max(a, 0.5) / n1) / (max(b, 0.5) / n2)))
}
ref("keyness_a", "keyness(120, 50000, 40, 60000)")
ref("keyness_b", "keyness(3, 900, 11, 1200)")
ref("keyness_zero", "keyness(9, 2000, 0, 2500)")

# Scale scores as the per-question analysis works them out: three 4-point items (answers 1 to 4 in
# option order), the third reversed (5 - answer), NA where an item was not answered; a score for
# anyone who answered at least 2, as the mean of the answered items or their sum prorated to all 3
# items (mean * 3). Rows 1-6 are women, 7-13 men.
scale_answers <- rbind(c(1, 2, 4), c(2, 2, 3), c(1, 1, 4), c(3, NA, 2), c(2, 3, 3), c(1, 2, NA),
                       c(3, 4, 1), c(4, 3, 2), c(2, 3, 1), c(NA, NA, 1), c(3, 3, 2), c(4, 4, 1), c(3, NA, NA))
scale_items <- cbind(scale_answers[, 1:2], 5 - scale_answers[, 3])
scale_mean <- ifelse(rowSums(!is.na(scale_items)) >= 2, rowMeans(scale_items, na.rm = TRUE), NA)
scale_sum <- scale_mean * 3
scale_women <- scale_mean[1:6]
scale_men <- scale_mean[7:13][!is.na(scale_mean[7:13])]
ref("scale_mean_scores", "scale_mean[!is.na(scale_mean)]")
ref("scale_sum_quartiles", "quantile(scale_sum, c(0.25, 0.5, 0.75), type = 7, na.rm = TRUE)")
ref("scale_women_quartiles", "quantile(scale_women, c(0.25, 0.5, 0.75), type = 7)")
ref("scale_women_mean", "mean(scale_women)")
ref("scale_women_sd", "sd(scale_women)")
ref("scale_men_mean", "mean(scale_men)")
ref("scale_men_sd", "sd(scale_men)")
ref("scale_mw_w", "wilcox.test(scale_women, scale_men, correct = TRUE, exact = FALSE)$statistic")
ref("scale_mw_p", "wilcox.test(scale_women, scale_men, correct = TRUE, exact = FALSE)$p.value")
ref("scale_alpha", "cronbach(scale_items)")
ref("scale_alpha_if_deleted", "sapply(1:3, function(j) cronbach(scale_items[complete.cases(scale_items), -j]))")
