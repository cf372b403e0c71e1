# Base R doing the same tables and tests as Waymark's full survey analysis, for the benchmark
# AnalysisBenchmark (analysis module). Run: Rscript benchmark-analysis.R dataset.csv
#
# The CSV holds one row per respondent. A column's name says what it holds:
#   single_K_ID, scale_K_ID  codes 0 (no answer), 1..K (options in order), K+1 (not applicable),
#                            K+2 (prefer not to say)
#   multi_K_ID               bits: bit j-1 for option j, bit K for not applicable, bit K+1 for
#                            prefer not to say; 0 is no answer
#   group_G_ID               0 (in no group of the breakdown), else the group, 1..G
#
# What it does, for every question and, where named, overall and within each group of each breakdown
# (the base is those who gave one of the K options, as in Waymark):
#   * counts with table(), and a 95% Wilson interval for every category:
#     prop.test(x, n, correct = FALSE)$conf.int;
#   * scales: quantile(type = 7) at 0.25, 0.5 and 0.75;
#   * a test per breakdown (per option for a multi question, as yes/no), over the groups with a
#     base of at least 8 (Waymark's nhs-standard profile gives no derived statistics for 1-7):
#       - single and multi: empty rows and columns dropped; chisq.test(m, correct = FALSE) when every
#         expected count is at least 5, otherwise fisher.test(m) for a 2x2 table and
#         fisher.test(m, simulate.p.value = TRUE, B = 10000) for a larger one (Waymark computes
#         r x c exactly when that takes at most a million steps, so it may do more work here);
#       - scales: wilcox.test(x, y, exact = FALSE, correct = TRUE) for two groups, kruskal.test for
#         more, on the respondents' codes (R works from the raw values, Waymark from the table);
#   * p.adjust(p, "holm") and p.adjust(p, "BH") across every test.
# R does no disclosure control, effect sizes or sentences; Waymark does, so R does less here.
#
# Prints R_ELAPSED_SECONDS (system.time's elapsed, for the analysis only, read.csv excluded),
# R_TESTS and R_VERSION, one per line, for the benchmark to read.

args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])

analyse <- function(data) {
  columns <- names(data)
  breakdowns <- columns[startsWith(columns, "group_")]
  questions <- columns[!startsWith(columns, "group_")]
  min_base <- 8
  p <- numeric(0)

  intervals <- function(counts) {
    n <- sum(counts)
    if (n > 0) {
      for (x in counts) prop.test(x, n, correct = FALSE)$conf.int
    }
  }

  association <- function(m) {
    m <- m[rowSums(m) > 0, colSums(m) > 0, drop = FALSE]
    if (nrow(m) < 2 || ncol(m) < 2) return(NULL)
    expected <- outer(rowSums(m), colSums(m)) / sum(m)
    if (all(expected >= 5)) {
      chisq.test(m, correct = FALSE)$p.value
    } else if (nrow(m) == 2 && ncol(m) == 2) {
      fisher.test(m)$p.value
    } else {
      fisher.test(m, simulate.p.value = TRUE, B = 10000)$p.value
    }
  }

  for (column in questions) {
    parts <- strsplit(column, "_")[[1]]
    kind <- parts[1]
    k <- as.integer(parts[2])
    v <- data[[column]]
    if (kind == "multi") {
      answered <- v > 0 & bitwAnd(v, bitwShiftL(3L, k)) == 0
      w <- v[answered]
      chosen <- lapply(seq_len(k), function(j) factor(bitwAnd(w, bitwShiftL(1L, j - 1L)) > 0,
                                                       levels = c(TRUE, FALSE)))
      for (j in seq_len(k)) intervals(table(chosen[[j]]))
      for (b in breakdowns) {
        g_count <- as.integer(strsplit(b, "_")[[1]][2])
        grp <- factor(data[[b]][answered], levels = seq_len(g_count))
        for (j in seq_len(k)) {
          t <- table(grp, chosen[[j]])
          for (i in seq_len(g_count)) intervals(t[i, ])
          kept <- t[rowSums(t) >= min_base, , drop = FALSE]
          p <- c(p, association(kept))
        }
      }
    } else {
      answered <- v >= 1 & v <= k
      x <- v[answered]
      intervals(table(factor(x, levels = seq_len(k))))
      if (kind == "scale") quantile(x, c(0.25, 0.5, 0.75))
      for (b in breakdowns) {
        g_count <- as.integer(strsplit(b, "_")[[1]][2])
        grp <- factor(data[[b]][answered], levels = seq_len(g_count))
        t <- table(grp, factor(x, levels = seq_len(k)))
        for (i in seq_len(g_count)) intervals(t[i, ])
        kept <- which(rowSums(t) >= min_base)
        if (kind == "single") {
          p <- c(p, association(t[kept, , drop = FALSE]))
        } else {
          tapply(x, grp, quantile, c(0.25, 0.5, 0.75))
          if (length(kept) == 2) {
            p <- c(p, wilcox.test(x[as.integer(grp) == kept[1]], x[as.integer(grp) == kept[2]],
                                  exact = FALSE, correct = TRUE)$p.value)
          } else if (length(kept) > 2) {
            within <- !is.na(grp) & as.integer(grp) %in% kept
            p <- c(p, kruskal.test(x[within], droplevels(grp[within]))$p.value)
          }
        }
      }
    }
  }
  p.adjust(p, "holm")
  p.adjust(p, "BH")
  length(p)
}

tests <- 0
elapsed <- system.time(tests <- analyse(data))[["elapsed"]]
cat(sprintf("R_ELAPSED_SECONDS=%.3f\n", elapsed))
cat(sprintf("R_TESTS=%d\n", tests))
cat(sprintf("R_VERSION=%s\n", paste(R.version$major, R.version$minor, sep = ".")))
