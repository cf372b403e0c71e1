package org.waymark.analysis.survey;

import java.util.Objects;

/**
 * An answer option of a question, or a group of a breakdown.
 *
 * @param code the code stored with answers and used in published output
 * @param label the words shown to readers
 */
public record Option(String code, String label) {

    public Option {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(label, "label");
    }

    public static Option of(String code, String label) {
        return new Option(code, label);
    }
}
