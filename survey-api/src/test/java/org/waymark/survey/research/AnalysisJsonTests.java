package org.waymark.survey.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.survey.Breakdown;
import org.waymark.analysis.survey.Dataset;
import org.waymark.analysis.survey.Option;
import org.waymark.analysis.survey.Question;
import org.waymark.analysis.survey.SurveyAnalysis;
import org.waymark.analysis.table.Table;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnalysisJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * 20 respondents: 17 women (12 "yes", 5 "no"), 3 men (all "no"); a number question answered by 10
     * of them, and 3 who preferred not to say.
     */
    private static Dataset dataset() {
        var builder = Dataset.builder(
                20,
                List.of(
                        Question.single(
                                        "helped",
                                        "Did it help?",
                                        List.of(Option.of("yes", "Yes"), Option.of("no", "No")))
                                .withPreferNotToSay(DatasetAssembler.PREFER_NOT_TO_SAY),
                        Question.number("age", "Age").withPreferNotToSay(DatasetAssembler.PREFER_NOT_TO_SAY)),
                List.of(Breakdown.of(
                        "gender", "Gender", List.of(Option.of("woman", "Woman"), Option.of("man", "Man")))));
        for (int r = 0; r < 20; r++) {
            builder.answer(r, "helped", r < 12 ? "yes" : "no");
            builder.group(r, "gender", r < 17 ? "woman" : "man");
            if (r < 10) {
                builder.number(r, "age", 20 + r);
            } else if (r < 13) {
                builder.answer(r, "age", DatasetAssembler.PREFER_NOT_TO_SAY.code());
            }
        }
        return builder.build();
    }

    private static JsonNode publish(DisclosureProfile profile) {
        var report = SurveyAnalysis.withDefaults().with(profile).run(dataset());
        var total = profile.apply(Table.ofRow(20)).cell(0, 0);
        return JSON.readTree(JSON.writeValueAsString(AnalysisJson.of("s", 2, report, total)));
    }

    @Test
    void writesTheContractsFieldsInOrder() {
        JsonNode json = publish(DisclosureProfile.INTERNAL);
        assertThat(json.propertyNames())
                .containsExactly(
                        "study",
                        "definitionVersion",
                        "responses",
                        "suppressed",
                        "disclosure",
                        "exportable",
                        "tests",
                        "testsWithheld",
                        "questions",
                        "scales");
        JsonNode helped = json.get("questions").get(0);
        assertThat(helped.propertyNames()).containsExactly("question", "label", "type", "overall", "breakdowns");
        assertThat(helped.get("overall").propertyNames())
                .containsExactly(
                        "base",
                        "notApplicable",
                        "preferNotToSay",
                        "suppressed",
                        "categories",
                        "quartiles",
                        "mean",
                        "sd",
                        "flags");
        JsonNode woman = helped.get("breakdowns").get("gender").get("groups").get(0);
        assertThat(woman.get("group").asString()).isEqualTo("woman");
        assertThat(woman.get("categories").get(0).propertyNames())
                .containsExactly("code", "label", "count", "percent", "ci95", "suppressed");
        // 12 of 17 = 70.588...%
        assertThat(woman.get("categories").get(0).get("percent").asDouble()).isEqualTo(70.6);
        assertThat(woman.get("flags").get(0).asString()).isEqualTo("low-base");
        JsonNode test = helped.get("breakdowns").get("gender").get("test");
        assertThat(test.propertyNames())
                .containsExactly(
                        "method",
                        "statistic",
                        "df",
                        "pValue",
                        "pHolm",
                        "pBH",
                        "effect",
                        "oddsRatio",
                        "adjustedResiduals",
                        "suppressed",
                        "groupsLeftOut",
                        "sentence");
        assertThat(test.get("effect").get("name").asString()).isEqualTo("cramers-v");
        assertThat(json.get("exportable").asBoolean()).isFalse();
    }

    @Test
    void givesTheOddsRatioAndResidualsOfEachCellOfTheTest() {
        JsonNode test = publish(DisclosureProfile.INTERNAL)
                .get("questions")
                .get(0)
                .get("breakdowns")
                .get("gender")
                .get("test");
        assertThat(test.get("suppressed").asBoolean()).isFalse();
        JsonNode oddsRatio = test.get("oddsRatio");
        assertThat(oddsRatio.propertyNames()).containsExactly("estimate", "ci95", "correction", "answer", "groups");
        // Women 12 yes, 5 no; men 0 yes, 3 no: a zero, so 0.5 is added to every cell.
        // R 4.2.2: (12.5 * 3.5) / (5.5 * 0.5) = 15.909090909090908;
        //   exp(log(15.909090909090908) + c(-1, 1) * qnorm(0.975) * sqrt(1/12.5 + 1/5.5 + 1/0.5 + 1/3.5))
        //   = 0.69669599132661997 363.28495743427197
        assertThat(oddsRatio.get("estimate").asDouble()).isCloseTo(15.909090909090908, within(1e-12));
        assertThat(oddsRatio.get("ci95").get(0).asDouble()).isCloseTo(0.69669599132661997, within(1e-12));
        assertThat(oddsRatio.get("ci95").get(1).asDouble()).isCloseTo(363.28495743427197, within(1e-9));
        assertThat(oddsRatio.get("correction").asString()).isEqualTo("haldane-anscombe");
        assertThat(oddsRatio.get("answer").asString()).isEqualTo("yes");
        assertThat(oddsRatio.get("groups").get(0).asString()).isEqualTo("woman");
        assertThat(oddsRatio.get("groups").get(1).asString()).isEqualTo("man");
        JsonNode residuals = test.get("adjustedResiduals");
        assertThat(residuals.propertyNames()).containsExactly("woman", "man");
        assertThat(residuals.get("woman").propertyNames()).containsExactly("yes", "no");
        // R 4.2.2: chisq.test(matrix(c(12, 0, 5, 3), 2), correct = FALSE)$stdres[1, 1] = 2.3008949665421121
        assertThat(residuals.get("woman").get("yes").asDouble()).isCloseTo(2.3008949665421121, within(1e-12));
        assertThat(residuals.get("man").get("yes").asDouble()).isCloseTo(-2.3008949665421112, within(1e-12));
    }

    @Test
    void marksEveryHiddenFigureAsSuppressed() {
        JsonNode json = publish(DisclosureProfile.NHS_STANDARD);
        assertThat(json.get("exportable").asBoolean()).isTrue();
        JsonNode groups =
                json.get("questions").get(0).get("breakdowns").get("gender").get("groups");
        JsonNode woman = groups.get(0);
        assertThat(woman.get("base").asLong()).as("17, rounded").isEqualTo(15);
        JsonNode no = woman.get("categories").get(1);
        assertThat(no.get("count").isNull()).as("5 said no").isTrue();
        assertThat(no.get("percent").isNull()).isTrue();
        assertThat(no.get("suppressed").asBoolean()).isTrue();
        assertThat(woman.get("suppressed").asBoolean())
                .as("the base and beside it are shown")
                .isFalse();
        JsonNode man = groups.get(1);
        assertThat(man.get("base").isNull()).isTrue();
        assertThat(man.get("suppressed").asBoolean()).isTrue();
        assertThat(man.get("categories").get(0).get("count").asLong())
                .as("zero is shown")
                .isZero();
        assertThat(man.get("categories").get(0).get("percent").isNull()).isTrue();
        assertThat(man.get("categories").get(0).get("suppressed").asBoolean()).isTrue();
    }

    @Test
    void givesNumberQuestionsQuartilesAndPreferNotToSayBesideTheBase() {
        JsonNode age = publish(DisclosureProfile.INTERNAL).get("questions").get(1);
        assertThat(age.get("type").asString()).isEqualTo("number");
        JsonNode overall = age.get("overall");
        assertThat(overall.get("base").asLong()).isEqualTo(10);
        assertThat(overall.get("notApplicable").asLong()).isZero();
        assertThat(overall.get("preferNotToSay").asLong()).isEqualTo(3);
        assertThat(overall.get("suppressed").asBoolean()).isFalse();
        // R 4.2.2: quantile(20:29) = 22.25 24.5 26.75 at 25%, 50%, 75%
        assertThat(overall.get("quartiles").get("lower").asDouble()).isEqualTo(22.25);
        assertThat(overall.get("quartiles").get("median").asDouble()).isEqualTo(24.5);
        assertThat(overall.get("quartiles").get("upper").asDouble()).isEqualTo(26.75);
        assertThat(age.get("breakdowns").get("gender").get("test").isNull()).isTrue();
    }

    @Test
    void roundsPercentagesToOneDecimalPlace() {
        assertThat(AnalysisJson.oneDecimal(59.25)).isEqualTo(59.3);
        assertThat(AnalysisJson.oneDecimal(0.04)).isEqualTo(0.0);
        assertThat(AnalysisJson.oneDecimal(Double.NaN)).isNull();
    }
}
