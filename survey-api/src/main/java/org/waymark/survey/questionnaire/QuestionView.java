package org.waymark.survey.questionnaire;

import java.util.List;
import java.util.Set;

/**
 * A question as a page shows it: its options in order (the not-applicable option last, "prefer not
 * to say" apart), what the participant answered so far, and the error beside it, if any.
 */
public record QuestionView(
        String id,
        String type,
        String text,
        String help,
        boolean required,
        List<OptionView> options,
        OptionView notApplicable,
        boolean preferNotToSay,
        Integer maxLength,
        String value,
        Set<String> values,
        String error) {

    public record OptionView(String code, String label) {}

    public boolean choice() {
        return type.equals("single") || type.equals("scale");
    }

    public boolean checked(String code) {
        return values.contains(code) || code.equals(value);
    }

    QuestionView withError(String message) {
        return new QuestionView(
                id,
                type,
                text,
                help,
                required,
                options,
                notApplicable,
                preferNotToSay,
                maxLength,
                value,
                values,
                message);
    }
}
