package org.waymark.survey.studies.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.waymark.survey.studies.AnswerValue;

class ConditionParserTests {

    private static final Map<String, AnswerValue> ANSWERS = Map.of(
            "ever_detained", new AnswerValue.Choice("yes"),
            "gender", new AnswerValue.PreferNotToSay(),
            "detained_sections", new AnswerValue.Choices(List.of("s2", "s37")),
            "recovery_meaning", new AnswerValue.Text("Having a life of my own."));

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ever_detained == 'yes'                                  | true
            ever_detained == 'no'                                   | false
            ever_detained != 'no'                                   | true
            ever_detained != 'yes'                                  | false
            on_cto == 'yes'                                         | false
            on_cto != 'yes'                                         | true
            gender == 'woman'                                       | false
            detained_sections == 's37'                              | true
            detained_sections == 's3'                               | false
            detained_sections in ['s3', 's37']                      | true
            detained_sections in ['s3', 's4']                       | false
            ever_detained in ["yes"]                                | true
            answered(gender)                                        | true
            answered(recovery_meaning)                              | true
            answered(on_cto)                                        | false
            not answered(on_cto)                                    | true
            not not answered(on_cto)                                | false
            ever_detained == 'yes' and detained_sections == 's2'    | true
            ever_detained == 'yes' and detained_sections == 's3'    | false
            ever_detained == 'no' or detained_sections == 's2'      | true
            ever_detained == 'no' or on_cto == 'yes'                | false
            ever_detained == 'no' and on_cto == 'yes' or answered(gender) | true
            ever_detained == 'no' and (on_cto == 'yes' or answered(gender)) | false
            not (ever_detained == 'no' or on_cto == 'yes')          | true
            (((ever_detained == 'yes')))                            | true
            """)
    void evaluates(String condition, boolean expected) {
        assertThat(ConditionParser.parse(condition).test(ANSWERS)).isEqualTo(expected);
    }

    @Test
    void andBindsTighterThanOr() {
        Condition condition = ConditionParser.parse("answered(a) or answered(b) and answered(c)");
        assertThat(condition).isInstanceOf(Condition.Or.class);
        assertThat(((Condition.Or) condition).operands().get(1)).isInstanceOf(Condition.And.class);
    }

    @Test
    void listsEveryReferenceForValidation() {
        var references = new java.util.ArrayList<Condition.Reference>();
        ConditionParser.parse("a == 'x' and (b in ['y', 'z'] or not answered(c))")
                .forEachReference(references::add);
        assertThat(references)
                .containsExactly(
                        new Condition.Reference("a", java.util.Set.of("x")),
                        new Condition.Reference("b", java.util.Set.of("y", "z")),
                        new Condition.Reference("c", java.util.Set.of()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "ever_detained = 'yes'",
                "ever_detained == yes",
                "ever_detained == 'yes",
                "ever_detained == 'Yes'",
                "ever_detained == ''",
                "ever_detained ==",
                "== 'yes'",
                "ever_detained 'yes'",
                "ever_detained in 'yes'",
                "ever_detained in []",
                "ever_detained in ['a',]",
                "ever_detained in ['a'",
                "(ever_detained == 'yes'",
                "ever_detained == 'yes')",
                "ever_detained == 'yes' and",
                "and ever_detained == 'yes'",
                "ever_detained == 'yes' && on_cto == 'yes'",
                "ever_detained == 'yes' || true",
                "answered()",
                "answered(on_cto",
                "answered('on_cto')",
                "not",
                "Ever_detained == 'yes'",
                "T(java.lang.Runtime).getRuntime().exec('rm')",
                "#{1+1}",
                "${user.home}",
                "__import__('os').system('ls')",
                "java.lang.System.exit(0)",
                "ever_detained == 'yes'; drop table study",
                "ever_detained == 'x\u0000'",
                "ever_detained\u0000== 'yes'",
                "ever_detained == 'ÿes'",
                "   ",
                ""
            })
    void rejectsMalformedAndHostileConditions(String text) {
        assertThatThrownBy(() -> ConditionParser.parse(text))
                .isInstanceOf(ConditionSyntaxException.class)
                .message()
                .startsWith("The condition ")
                .doesNotContain("Exception")
                .doesNotContain("java.");
    }

    @Test
    void rejectsDeepNestingWithoutExhaustingTheStack() {
        String deep = "(".repeat(400) + "answered(a)" + ")".repeat(400);
        assertThatThrownBy(() -> ConditionParser.parse(deep))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessageContaining("nested more than 32 levels");
        String manyNots = "not ".repeat(200) + "answered(a)";
        assertThatThrownBy(() -> ConditionParser.parse(manyNots)).isInstanceOf(ConditionSyntaxException.class);
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String nested =
                "(".repeat(ConditionParser.MAX_DEPTH - 1) + "answered(a)" + ")".repeat(ConditionParser.MAX_DEPTH - 1);
        assertThat(ConditionParser.parse(nested).test(Map.of("a", new AnswerValue.PreferNotToSay())))
                .isTrue();
    }

    @Test
    void rejectsOverlongConditions() {
        String longCondition = "answered(a) or ".repeat(100) + "answered(a)";
        assertThatThrownBy(() -> ConditionParser.parse(longCondition))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessageContaining("longer than 1000 characters");
    }

    @Test
    void neverFailsOtherwiseOnRandomInput() {
        // Seeded generator over the language's own alphabet: every input parses or is rejected cleanly.
        String[] pieces = {
            "a",
            "b",
            "==",
            "!=",
            "in",
            "and",
            "or",
            "not",
            "(",
            ")",
            "[",
            "]",
            ",",
            "'x'",
            "answered",
            " ",
            "'",
            "\"",
            "=",
            "!",
            "1",
            "_"
        };
        SplittableRandom random = new SplittableRandom(20261122L);
        Map<String, AnswerValue> answers = Map.of("a", new AnswerValue.Choice("x"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(1, 16);
            for (int j = 0; j < length; j++) {
                text.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? " " : "");
            }
            try {
                ConditionParser.parse(text.toString()).test(answers);
            } catch (ConditionSyntaxException expected) {
                assertThat(expected.getMessage()).startsWith("The condition ");
            }
        }
    }
}
