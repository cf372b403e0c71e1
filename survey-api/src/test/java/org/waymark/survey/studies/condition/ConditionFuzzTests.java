package org.waymark.survey.studies.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.waymark.survey.Fuzzing;
import org.waymark.survey.studies.AnswerValue;

/**
 * Seeded fuzzing of the condition language. Any text either parses or is refused with a {@link
 * ConditionSyntaxException} in plain words, and a parsed condition evaluates against any answers
 * without failing. Conditions generated from a random tree are parsed and must agree with the tree on
 * random answers, which checks precedence, negation and lists. The long form runs with {@code
 * -Pbenchmark} (docs/robustness.md).
 */
class ConditionFuzzTests {

    private static final List<String> QUESTIONS = List.of("q1", "q2", "ever_detained", "a");
    private static final List<String> CODES = List.of("yes", "no", "s2", "a_lot", "x1");
    private static final List<String> TOKENS = List.of(
            "q1",
            "q2",
            "and",
            "or",
            "not",
            "in",
            "answered",
            "(",
            ")",
            "[",
            "]",
            ",",
            "==",
            "!=",
            "'yes'",
            "\"no\"",
            "'",
            "\"",
            "=",
            "!",
            " ",
            "\t",
            "\n",
            "'Yes'",
            "''",
            "'" + "a".repeat(70) + "'",
            "é",
            "\u0000",
            "&&",
            "1q",
            "_q",
            "Q1",
            "answered(q1)",
            "q1 == 'yes'");

    /** A condition as a tree, evaluated here independently of the parser, and printed as text. */
    private sealed interface Tree {
        boolean test(Map<String, AnswerValue> answers);
    }

    private record Is(String question, String code, boolean negated) implements Tree {
        public boolean test(Map<String, AnswerValue> answers) {
            AnswerValue answer = answers.get(question);
            return negated != (answer != null && answer.codes().contains(code));
        }
    }

    private record AnyOf(String question, List<String> codes) implements Tree {
        public boolean test(Map<String, AnswerValue> answers) {
            AnswerValue answer = answers.get(question);
            return answer != null && codes.stream().anyMatch(answer.codes()::contains);
        }
    }

    private record Given(String question) implements Tree {
        public boolean test(Map<String, AnswerValue> answers) {
            return answers.containsKey(question);
        }
    }

    private record Negation(Tree operand) implements Tree {
        public boolean test(Map<String, AnswerValue> answers) {
            return !operand.test(answers);
        }
    }

    private record Both(Tree left, Tree right) implements Tree {
        public boolean test(Map<String, AnswerValue> answers) {
            return left.test(answers) && right.test(answers);
        }
    }

    private record Either(Tree left, Tree right) implements Tree {
        public boolean test(Map<String, AnswerValue> answers) {
            return left.test(answers) || right.test(answers);
        }
    }

    private record Generated(String text, Tree tree) {}

    @Test
    void anyTextParsesOrIsRefusedInPlainWords() {
        Fuzzing.run("condition", Fuzzing.SHORT * 5, ConditionFuzzTests::anyText, ConditionFuzzTests::parseAndEvaluate);
    }

    @Test
    void generatedConditionsMeanWhatTheySay() {
        Fuzzing.run(
                "condition-meaning",
                Fuzzing.SHORT,
                random -> generated(random, 0),
                Generated::text,
                ConditionFuzzTests::agreesWithTree);
    }

    @Test
    void replaysTheKeptInputs() {
        Fuzzing.corpus("condition").forEach(ConditionFuzzTests::parseAndEvaluate);
    }

    @Test
    @Tag("benchmark")
    void longForm() {
        Fuzzing.run(
                "condition",
                Fuzzing.longIterations(),
                ConditionFuzzTests::anyText,
                ConditionFuzzTests::parseAndEvaluate);
        Fuzzing.run(
                "condition-meaning",
                Fuzzing.longIterations() / 4,
                random -> generated(random, 0),
                Generated::text,
                ConditionFuzzTests::agreesWithTree);
    }

    private static void parseAndEvaluate(String text) {
        Condition condition;
        try {
            condition = ConditionParser.parse(text);
        } catch (ConditionSyntaxException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("Exception");
            return;
        }
        Random random = new Random(text.hashCode());
        for (int i = 0; i < 5; i++) {
            condition.test(answers(random));
        }
        condition.forEachReference(reference -> assertThat(reference.question()).isNotBlank());
    }

    private static void agreesWithTree(Generated generated) {
        if (generated.text().length() > ConditionParser.MAX_LENGTH) {
            return; // refused for its length, which anyTextParsesOrIsRefusedInPlainWords covers
        }
        Condition condition = ConditionParser.parse(generated.text());
        Random random = new Random(generated.text().hashCode());
        for (int i = 0; i < 20; i++) {
            Map<String, AnswerValue> answers = answers(random);
            assertThat(condition.test(answers))
                    .as("%s with answers %s", generated.text(), answers)
                    .isEqualTo(generated.tree().test(answers));
        }
    }

    /** Token soup, a generated condition with a random edit, or plain odd text. */
    private static String anyText(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                StringBuilder text = new StringBuilder();
                int tokens = random.nextInt(15);
                for (int i = 0; i < tokens; i++) {
                    text.append(Fuzzing.pick(random, TOKENS));
                    if (random.nextBoolean()) {
                        text.append(' ');
                    }
                }
                yield text.toString();
            }
            case 1 -> {
                String text = generated(random, 0).text();
                int at = random.nextInt(text.length() + 1);
                yield random.nextBoolean()
                        ? text.substring(0, at)
                        : text.substring(0, at) + Fuzzing.pick(random, TOKENS) + text.substring(at);
            }
            case 2 -> "(".repeat(random.nextInt(60)) + "q1 == 'yes'" + ")".repeat(random.nextInt(60));
            default -> Fuzzing.oddText(random);
        };
    }

    /** A random condition tree and its text, with only the brackets precedence needs, and sometimes more. */
    private static Generated generated(Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(3) : random.nextInt(7);
        String question = Fuzzing.pick(random, QUESTIONS);
        Generated made = switch (kind) {
            case 0 -> {
                boolean negated = random.nextBoolean();
                String code = Fuzzing.pick(random, CODES);
                String quote = random.nextBoolean() ? "'" : "\"";
                yield new Generated(
                        question + (negated ? " != " : " == ") + quote + code + quote, new Is(question, code, negated));
            }
            case 1 -> {
                List<String> codes = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    codes.add(Fuzzing.pick(random, CODES));
                }
                yield new Generated(
                        question + " in ["
                                + String.join(
                                        ", ",
                                        codes.stream().map(c -> "'" + c + "'").toList()) + "]",
                        new AnyOf(question, codes));
            }
            case 2 -> new Generated("answered(" + question + ")", new Given(question));
            case 3 -> {
                Generated operand = generated(random, depth + 1);
                boolean simple = operand.tree() instanceof Is is && !is.negated()
                        || operand.tree() instanceof AnyOf
                        || operand.tree() instanceof Given
                        || operand.tree() instanceof Negation;
                yield new Generated(
                        "not " + (simple ? operand.text() : "(" + operand.text() + ")"), new Negation(operand.tree()));
            }
            case 4, 5 -> {
                Generated left = generated(random, depth + 1);
                Generated right = generated(random, depth + 1);
                yield new Generated(
                        bracketIfOr(left) + " and " + bracketIfOr(right), new Both(left.tree(), right.tree()));
            }
            default -> {
                Generated left = generated(random, depth + 1);
                Generated right = generated(random, depth + 1);
                yield new Generated(left.text() + " or " + right.text(), new Either(left.tree(), right.tree()));
            }
        };
        return random.nextInt(8) == 0 ? new Generated("(" + made.text() + ")", made.tree()) : made;
    }

    private static String bracketIfOr(Generated operand) {
        return operand.tree() instanceof Either ? "(" + operand.text() + ")" : operand.text();
    }

    /** Random answers of every kind to the questions the conditions read. */
    private static Map<String, AnswerValue> answers(Random random) {
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        for (String question : QUESTIONS) {
            AnswerValue answer = switch (random.nextInt(8)) {
                case 0, 1 -> null;
                case 2, 3 -> new AnswerValue.Choice(Fuzzing.pick(random, CODES));
                case 4 ->
                    new AnswerValue.Choices(
                            CODES.stream().filter(c -> random.nextBoolean()).toList());
                case 5 -> new AnswerValue.PreferNotToSay();
                case 6 -> new AnswerValue.Text("yes");
                default ->
                    random.nextBoolean()
                            ? new AnswerValue.Number(BigDecimal.valueOf(random.nextInt()))
                            : new AnswerValue.Date(LocalDate.of(2011, 9, 1));
            };
            if (answer != null) {
                answers.put(question, answer);
            }
        }
        return answers;
    }
}
