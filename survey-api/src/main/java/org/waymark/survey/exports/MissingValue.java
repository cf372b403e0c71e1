package org.waymark.survey.exports;

import org.waymark.survey.intake.WideCsvLayout;
import org.waymark.survey.studies.AnswerValue;

/**
 * The kinds of missing answer an export tells apart, with the cell each has in the CSV and the numeric
 * code the SPSS syntax gives it (declared as missing there; R reads all of them as NA). "Not applicable"
 * is the not-applicable option a scale question defines, so its CSV cell is that option's code.
 */
enum MissingValue {
    NO_ANSWER("", "No answer", -99),
    NOT_SHOWN(WideCsvLayout.NOT_SHOWN, "Not shown", -98),
    PREFER_NOT_TO_SAY(AnswerValue.PREFER_NOT_TO_SAY, "Prefer not to say", -97),
    NOT_APPLICABLE(null, "Not applicable", -96);

    private final String cell;
    private final String label;
    private final int spssCode;

    MissingValue(String cell, String label, int spssCode) {
        this.cell = cell;
        this.label = label;
        this.spssCode = spssCode;
    }

    /** The CSV cell; null for NOT_APPLICABLE, whose cell is the question's own not-applicable code. */
    String cell() {
        return cell;
    }

    String label() {
        return label;
    }

    int spssCode() {
        return spssCode;
    }

    /** How the codebook names it: "no answer", "not shown"... */
    String description() {
        return label.toLowerCase(java.util.Locale.ROOT);
    }
}
