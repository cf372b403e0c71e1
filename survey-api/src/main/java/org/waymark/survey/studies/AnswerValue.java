package org.waymark.survey.studies;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One participant's answer to one question, already checked against the question's type. */
public sealed interface AnswerValue {

    /** The answer a participant gives when a question offers "prefer not to say". */
    String PREFER_NOT_TO_SAY = "prefer_not_to_say";

    /** The option codes chosen; empty for answers that are not choices. */
    default Set<String> codes() {
        return Set.of();
    }

    /** One option of a {@code single} or {@code scale} question (including its not-applicable option). */
    record Choice(String code) implements AnswerValue {
        public Choice {
            Objects.requireNonNull(code);
        }

        @Override
        public Set<String> codes() {
            return Set.of(code);
        }
    }

    /** The options chosen in a {@code multi} question, in the definition's order. */
    record Choices(List<String> chosen) implements AnswerValue {
        /** No options chosen; a valid answer only where a question allows it. */
        public static final Choices EMPTY = new Choices(List.of());

        public Choices {
            chosen = List.copyOf(chosen);
        }

        @Override
        public Set<String> codes() {
            return Set.copyOf(chosen);
        }
    }

    record Text(String text) implements AnswerValue {
        public Text {
            Objects.requireNonNull(text);
        }

        @Override
        public String toString() {
            return "Text[" + text.length() + " characters]";
        }
    }

    record Number(BigDecimal value) implements AnswerValue {
        public Number {
            Objects.requireNonNull(value);
        }
    }

    record Date(LocalDate value) implements AnswerValue {
        public Date {
            Objects.requireNonNull(value);
        }
    }

    /** The participant chose not to say. Counted beside a question's base, never inside it. */
    record PreferNotToSay() implements AnswerValue {}
}
