package org.waymark.survey.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.waymark.survey.reports.ReportModel.Cell;

/** How figures are written in a report: "n of N (x%)", with {@value ReportModel#HIDDEN} for anything hidden. */
final class Figures {

    private Figures() {}

    /**
     * A count of a base with its percentage. Hidden when the count or the base is, or when the base
     * has answers but the percentage is withheld; a base of 0 has nothing to show.
     */
    static Cell share(Long count, Long base, Double percent) {
        if (count == null || base == null || (base != 0 && percent == null)) {
            return Cell.withheld();
        }
        if (base == 0) {
            return new Cell("no answers", null, false);
        }
        return new Cell(count + " of " + base + " (" + percent(percent) + ")", percent, false);
    }

    /** A count on its own, such as the number who preferred not to say. */
    static Cell count(Long count) {
        return count == null ? Cell.withheld() : new Cell(Long.toString(count), null, false);
    }

    /** A percentage as the analysis API gives it, to one decimal place, without a trailing ".0". */
    static String percent(double percent) {
        BigDecimal value = BigDecimal.valueOf(percent).setScale(1, RoundingMode.HALF_UP);
        return (value.stripTrailingZeros().scale() <= 0
                        ? value.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                        : value.toPlainString())
                + "%";
    }

    /** A percentage rounded to one decimal place, as the analysis API rounds them. */
    static Double oneDecimal(Double percent) {
        return percent == null || !Double.isFinite(percent)
                ? null
                : BigDecimal.valueOf(percent).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /** A median, mean or quartile, to at most two decimals as the analysis sentences give them. */
    static String number(double value) {
        return BigDecimal.valueOf(value)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A p-value as the analysis sentences give it: three decimals, or "< 0.001". */
    static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
