package org.waymark.analysis.survey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.waymark.analysis.TestMethod;
import org.waymark.analysis.disclosure.DisclosedCount;

/**
 * A test result in words a peer researcher could put in a report, built only from figures that
 * have already passed the disclosure profile: a group whose count, base or percentage is hidden is
 * named without numbers, and if every group's are hidden the sentence says the numbers are too
 * small to report. Exact counts are given as "23 of 40 (58%)"; counts the profile rounds are left
 * out in favour of the percentage and an approximate base ("58% of about 40").
 */
final class Sentences {
    private static final double SIGNIFICANCE = 0.05;

    private Sentences() {}

    /**
     * The end of a sentence: what the test says, or that it is withheld. Built without the p-value
     * when the test is withheld, so a withheld figure cannot reach the words.
     */
    record Verdict(String text) {
        static Verdict of(TestMethod method, double pValue, double pHolm, int tests) {
            return new Verdict(verdict(method, pValue, pHolm, tests));
        }

        static Verdict withheld() {
            return new Verdict(WITHHELD);
        }
    }

    static final String WITHHELD = "the test of this difference is withheld to protect small groups: with the"
            + " totals shown, its result could give away a number hidden here";

    static String describe(QuestionKind kind, List<GroupSummary> tested, int focus, Verdict verdict) {
        final String answer = "\u201c" + tested.get(0).categories().get(focus).label() + "\u201d";
        final String verb = kind == QuestionKind.MULTI ? "ticked " : "answered ";
        final List<String> shown = new ArrayList<>();
        final List<String> hidden = new ArrayList<>();
        for (GroupSummary group : tested) {
            final CategorySummary category = group.categories().get(focus);
            final String name = "\u201c" + group.label() + "\u201d";
            if (category.count().suppressed()
                    || group.base().suppressed()
                    || category.percent().isEmpty()) {
                hidden.add(name);
            } else {
                shown.add(figures(category, group.base(), name));
            }
        }
        final String described;
        if (shown.isEmpty()) {
            described = "The numbers who " + verb + answer + " in " + join(hidden) + " are too small to report";
        } else if (hidden.isEmpty()) {
            described = shown.get(0) + " " + verb + answer + ", compared with " + join(shown.subList(1, shown.size()));
        } else {
            described = join(shown) + " " + verb + answer + "; for " + join(hidden)
                    + " the numbers are too small to report";
        }
        return described + "; " + verdict.text() + ".";
    }

    /**
     * A rank test of numbers or scale scores, by the medians of the groups tested: "The median was
     * 2.5 in "Woman", compared with 3 in "Man"; ...". A group whose quartiles are withheld is named
     * without its median.
     */
    static String describeNumbers(List<GroupSummary> tested, Verdict verdict) {
        final List<String> shown = new ArrayList<>();
        final List<String> hidden = new ArrayList<>();
        for (GroupSummary group : tested) {
            final String name = "\u201c" + group.label() + "\u201d";
            group.quartiles()
                    .ifPresentOrElse(
                            quartiles -> shown.add(number(quartiles.median()) + " in " + name), () -> hidden.add(name));
        }
        final String described;
        if (shown.isEmpty()) {
            described = "The numbers in " + join(hidden) + " are too small to report";
        } else if (hidden.isEmpty()) {
            described = "The median was " + shown.get(0) + ", compared with " + join(shown.subList(1, shown.size()));
        } else {
            described =
                    "The median was " + join(shown) + "; for " + join(hidden) + " the numbers are too small to report";
        }
        return described + "; " + verdict.text() + ".";
    }

    /** At most two decimals, without trailing zeros: 2.5, 3, 2.33. */
    private static String number(double value) {
        return BigDecimal.valueOf(value)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /**
     * "23 of 40 in "Woman" (58%)" for exact counts. Rounded counts beside a percentage from the
     * unrounded ones can read as nonsense ("10 of 10 (75%)" for 9 of 12), so then the percentage
     * leads and the base is given as approximate.
     */
    private static String figures(CategorySummary category, DisclosedCount base, String name) {
        final long percent = Math.round(category.percent().getAsDouble());
        if (category.count().treatment() == DisclosedCount.Treatment.ROUNDED
                || base.treatment() == DisclosedCount.Treatment.ROUNDED) {
            return percent + "% of about " + base.value().getAsLong() + " in " + name;
        }
        return category.count().value().getAsLong() + " of " + base.value().getAsLong() + " in " + name + " (" + percent
                + "%)";
    }

    private static String verdict(TestMethod method, double pValue, double pHolm, int tests) {
        final String reading = pValue < SIGNIFICANCE
                ? "a difference this large between groups would be unlikely by chance alone"
                : "a difference this large between groups could well be down to chance";
        final String adjusted = tests > 1
                ? "; " + format(pHolm).replace("p ", "Holm-adjusted p ") + " across the " + tests
                        + " tests of this analysis"
                : "";
        return reading + " (" + name(method) + ", " + format(pValue) + adjusted + ")";
    }

    /**
     * Three decimals, or "p < 0.001"; one more decimal when rounding would carry a p-value across
     * 0.05, so that the figure never contradicts the wording.
     */
    static String format(double p) {
        if (p < 0.001) {
            return "p < 0.001";
        }
        String text = String.format(Locale.ROOT, "%.3f", p);
        if ((Double.parseDouble(text) < SIGNIFICANCE) != (p < SIGNIFICANCE)) {
            text = String.format(Locale.ROOT, "%.4f", p);
        }
        return "p = " + text;
    }

    private static String name(TestMethod method) {
        return switch (method) {
            case PEARSON_CHI_SQUARE -> "Pearson's chi-square test";
            case FISHER_EXACT -> "Fisher's exact test";
            case FISHER_EXACT_MONTE_CARLO -> "Fisher's exact test, simulated";
            case MANN_WHITNEY -> "Mann-Whitney test";
            case KRUSKAL_WALLIS -> "Kruskal-Wallis test";
        };
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
