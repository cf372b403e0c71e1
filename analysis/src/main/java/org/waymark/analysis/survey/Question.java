package org.waymark.analysis.survey;

import java.util.List;
import java.util.Optional;

/**
 * A question as the analysis needs it: its kind, the options that count towards the base in their
 * order, and the two options reported beside the base instead of inside it.
 *
 * @param id the question's identifier in the study definition
 * @param label the question's short text
 * @param kind how it is answered
 * @param options the options counted in the base, in display (for a scale, scale) order; empty for
 *     a number question
 * @param notApplicable the option meaning the question did not apply, if there is one; never for
 *     a number question
 * @param preferNotToSay the "prefer not to say" option, if there is one; a number question may have
 *     one too, recorded with {@link Dataset.Builder#answer} instead of a number
 */
public record Question(
        String id,
        String label,
        QuestionKind kind,
        List<Option> options,
        Optional<Option> notApplicable,
        Optional<Option> preferNotToSay) {

    /** A multi question keeps its choices as bits of a long, two of them for the reported options. */
    static final int MAX_MULTI_OPTIONS = 62;

    public Question {
        options = List.copyOf(options);
        if (kind == QuestionKind.NUMBER ? !options.isEmpty() || notApplicable.isPresent() : options.isEmpty()) {
            throw new IllegalArgumentException("Question " + id
                    + ": a number question has no options and no not-applicable option, every other kind needs"
                    + " options");
        }
        if (kind == QuestionKind.MULTI && options.size() > MAX_MULTI_OPTIONS) {
            throw new IllegalArgumentException("Question " + id + " has more than " + MAX_MULTI_OPTIONS + " options");
        }
    }

    public static Question single(String id, String label, List<Option> options) {
        return new Question(id, label, QuestionKind.SINGLE, options, Optional.empty(), Optional.empty());
    }

    public static Question scale(String id, String label, List<Option> options) {
        return new Question(id, label, QuestionKind.SCALE, options, Optional.empty(), Optional.empty());
    }

    public static Question multi(String id, String label, List<Option> options) {
        return new Question(id, label, QuestionKind.MULTI, options, Optional.empty(), Optional.empty());
    }

    public static Question number(String id, String label) {
        return new Question(id, label, QuestionKind.NUMBER, List.of(), Optional.empty(), Optional.empty());
    }

    public Question withNotApplicable(Option option) {
        return new Question(id, label, kind, options, Optional.of(option), preferNotToSay);
    }

    public Question withPreferNotToSay(Option option) {
        return new Question(id, label, kind, options, notApplicable, Optional.of(option));
    }
}
