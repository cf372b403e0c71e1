package org.waymark.survey.studies.condition;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.waymark.survey.studies.AnswerValue;

/**
 * A parsed condition from a study definition ({@code showIf}, a group's {@code when}). It is data that
 * our own code evaluates: study content never runs as code.
 */
public sealed interface Condition {

    /** Whether the condition holds for these answers, keyed by question id. */
    boolean test(Map<String, AnswerValue> answers);

    /** Calls {@code visitor} with every comparison in the condition, so a validator can check them. */
    void forEachReference(Consumer<Reference> visitor);

    /** A question the condition reads, and the option codes it compares that question with. */
    record Reference(String question, Set<String> codes) {}

    /** {@code question == 'code'}: for a {@code multi} question, whether the option was among those chosen. */
    record Equals(String question, String code) implements Condition {
        @Override
        public boolean test(Map<String, AnswerValue> answers) {
            AnswerValue answer = answers.get(question);
            return answer != null && answer.codes().contains(code);
        }

        @Override
        public void forEachReference(Consumer<Reference> visitor) {
            visitor.accept(new Reference(question, Set.of(code)));
        }
    }

    /** {@code question in ['a', 'b']}: whether any of the options was chosen. */
    record In(String question, Set<String> codes) implements Condition {
        public In {
            codes = Set.copyOf(codes);
        }

        @Override
        public boolean test(Map<String, AnswerValue> answers) {
            AnswerValue answer = answers.get(question);
            return answer != null && answer.codes().stream().anyMatch(codes::contains);
        }

        @Override
        public void forEachReference(Consumer<Reference> visitor) {
            visitor.accept(new Reference(question, codes));
        }
    }

    /** {@code answered(question)}: any answer, "prefer not to say" included. */
    record Answered(String question) implements Condition {
        @Override
        public boolean test(Map<String, AnswerValue> answers) {
            return answers.containsKey(question);
        }

        @Override
        public void forEachReference(Consumer<Reference> visitor) {
            visitor.accept(new Reference(question, Set.of()));
        }
    }

    record Not(Condition operand) implements Condition {
        @Override
        public boolean test(Map<String, AnswerValue> answers) {
            return !operand.test(answers);
        }

        @Override
        public void forEachReference(Consumer<Reference> visitor) {
            operand.forEachReference(visitor);
        }
    }

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(Map<String, AnswerValue> answers) {
            return operands.stream().allMatch(operand -> operand.test(answers));
        }

        @Override
        public void forEachReference(Consumer<Reference> visitor) {
            operands.forEach(operand -> operand.forEachReference(visitor));
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(Map<String, AnswerValue> answers) {
            return operands.stream().anyMatch(operand -> operand.test(answers));
        }

        @Override
        public void forEachReference(Consumer<Reference> visitor) {
            operands.forEach(operand -> operand.forEachReference(visitor));
        }
    }
}
