package org.waymark.analysis.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.TestMethod;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.DisclosureProfile;

/** Scale scores: worked out per respondent by the study's rules, reported like numbers, with alpha. */
class ScaleScoreTests {
    private static final List<Option> POINTS = List.of(
            Option.of("a_lot", "A lot"),
            Option.of("quite", "Quite a lot"),
            Option.of("little", "A little"),
            Option.of("not_at_all", "Not at all"));
    private static final List<Question> ITEMS = List.of(
            item("coordinator"), item("listened"), item("ignored").withPreferNotToSay(Option.of("pnts", "Prefer not")));
    private static final Breakdown GENDER =
            Breakdown.of("gender", "Gender", List.of(Option.of("woman", "Woman"), Option.of("man", "Man")));
    private static final Scale MEAN = Scale.mean("support", "Support", List.of("coordinator", "listened", "ignored"))
            .withMinAnswered(2)
            .withReversed(List.of("ignored"));
    private static final Scale SUM = Scale.sum("support_sum", "Support (sum)", MEAN.items())
            .withMinAnswered(2)
            .withReversed(List.of("ignored"));
    // scale_answers in reference-values.R: answers 1-4 in option order, 0 for not answered (here
    // left blank, not applicable or prefer not to say in turn). Rows 0-5 women, 6-12 men.
    private static final int[][] ANSWERS = {
        {1, 2, 4}, {2, 2, 3}, {1, 1, 4}, {3, 0, 2}, {2, 3, 3}, {1, 2, 0}, {3, 4, 1}, {4, 3, 2}, {2, 3, 1}, {0, 0, 1},
        {3, 3, 2}, {4, 4, 1}, {3, 0, 0}
    };
    private static final SurveyAnalysis INTERNAL = SurveyAnalysis.withDefaults().with(DisclosureProfile.INTERNAL);

    private static Question item(String id) {
        return Question.scale(id, id, POINTS).withNotApplicable(Option.of("never_had", "I have not had this"));
    }

    private static Dataset dataset(List<Scale> scales) {
        final Dataset.Builder builder = Dataset.builder(ANSWERS.length, ITEMS, List.of(GENDER), scales);
        int gap = 0;
        for (int r = 0; r < ANSWERS.length; r++) {
            builder.group(r, "gender", r < 6 ? "woman" : "man");
            for (int i = 0; i < ITEMS.size(); i++) {
                final String item = ITEMS.get(i).id();
                if (ANSWERS[r][i] > 0) {
                    builder.answer(r, item, POINTS.get(ANSWERS[r][i] - 1).code());
                } else if (gap++ % 3 == 1) {
                    builder.answer(r, item, "never_had");
                } else if (i == 2) {
                    builder.answer(r, item, "pnts");
                }
            }
        }
        return builder.build();
    }

    @Test
    void scoresEachRespondentByTheScalesRules() {
        final Dataset dataset = dataset(List.of(MEAN, SUM));

        final double[] scores = dataset.scores(0);
        final double[] scored = java.util.Arrays.stream(scores)
                .filter(score -> !Double.isNaN(score))
                .toArray();
        assertThat(scored).hasSize(11);
        for (int i = 0; i < scored.length; i++) {
            // R 4.2.2: rowMeans of the items (the third reversed) with at least 2 answered
            assertMatches(scored[i], "scale_mean_scores", i + 1);
        }
        assertThat(scores[9]).as("one item answered, two needed").isNaN();
    }

    @Test
    void reportsAScaleLikeANumberWithItsMedianMeanAndRankTest() {
        final SurveyReport report = INTERNAL.run(dataset(List.of(MEAN, SUM)));

        assertThat(report.scales())
                .extracting(summary -> summary.scale().id())
                .containsExactly("support", "support_sum");
        final ScaleSummary mean = report.scales().get(0);
        assertThat(mean.overall().base()).isEqualTo(exact(11));
        final GroupSummary women = mean.breakdowns().get(0).groups().get(0);
        final GroupSummary men = mean.breakdowns().get(0).groups().get(1);
        assertThat(women.base()).isEqualTo(exact(6));
        assertThat(men.base()).isEqualTo(exact(5));
        // R 4.2.2: quantile(scale_women, type = 7), mean() and sd()
        assertMatches(women.quartiles().orElseThrow().lower(), "scale_women_quartiles", 1);
        assertMatches(women.quartiles().orElseThrow().median(), "scale_women_quartiles", 2);
        assertMatches(women.quartiles().orElseThrow().upper(), "scale_women_quartiles", 3);
        assertMatches(women.mean().orElseThrow().mean(), "scale_women_mean");
        assertMatches(women.mean().orElseThrow().standardDeviation(), "scale_women_sd");
        assertMatches(men.mean().orElseThrow().mean(), "scale_men_mean");
        assertMatches(men.mean().orElseThrow().standardDeviation(), "scale_men_sd");
        final TestSummary test = mean.breakdowns().get(0).tests().get(0);
        assertThat(test.method()).isEqualTo(TestMethod.MANN_WHITNEY);
        // R 4.2.2: wilcox.test(scale_women, scale_men, correct = TRUE, exact = FALSE)
        assertMatches(test.statistic().orElseThrow(), "scale_mw_w");
        assertMatches(test.pValue().orElseThrow(), "scale_mw_p");
        assertThat(test.sentence())
                .startsWith("The median was 1.75 in \u201cWoman\u201d, compared with 3.33 in \u201cMan\u201d; a"
                        + " difference this large between groups would be unlikely by chance alone (Mann-Whitney"
                        + " test, p = 0.013");
        // R 4.2.2: quantile(scale_sum, type = 7, na.rm = TRUE): a gap is prorated to three items
        final GroupSummary sum = report.scales().get(1).overall();
        assertMatches(sum.quartiles().orElseThrow().lower(), "scale_sum_quartiles", 1);
        assertMatches(sum.quartiles().orElseThrow().median(), "scale_sum_quartiles", 2);
        assertMatches(sum.quartiles().orElseThrow().upper(), "scale_sum_quartiles", 3);
        assertThat(report.tests())
                .as("three items and two scales, adjusted together")
                .isEqualTo(5);
    }

    @Test
    void givesCronbachsAlphaOfTheItemsOverCompleteCases() {
        final ScaleReliability reliability =
                INTERNAL.run(dataset(List.of(MEAN))).scales().get(0).reliability();

        // R 4.2.2: cronbach(scale_items), and without each item over the same complete cases
        assertMatches(reliability.alpha().orElseThrow(), "scale_alpha");
        for (int j = 0; j < 3; j++) {
            assertMatches(reliability.alphaIfItemDeleted().get(j), "scale_alpha_if_deleted", j + 1);
        }
        assertThat(reliability.completeCases()).isEqualTo(exact(9));
        assertThat(reliability.incompleteCases()).isEqualTo(exact(4));
        assertThat(reliability.withheld()).isFalse();
    }

    @Test
    void withholdsWhatSmallNumbersWouldGiveAway() {
        final SurveyReport report = SurveyAnalysis.withDefaults().run(dataset(List.of(MEAN)));

        final ScaleSummary scale = report.scales().get(0);
        assertThat(scale.breakdowns().get(0).groups().get(0).base().suppressed())
                .isTrue();
        assertThat(scale.breakdowns().get(0).groups().get(0).quartiles()).isEmpty();
        assertThat(scale.breakdowns().get(0).groups().get(0).mean()).isEmpty();
        assertThat(scale.breakdowns().get(0).tests())
                .as("both groups too small")
                .isEmpty();
        assertThat(scale.overall().base().value()).as("11, rounded").hasValue(10);
        // 9 complete cases is above the threshold of 7: alpha is given, the 4 incomplete are hidden.
        assertThat(scale.reliability().alpha()).isPresent();
        assertThat(scale.reliability().incompleteCases().suppressed()).isTrue();

        final ScaleReliability strict = SurveyAnalysis.withDefaults()
                .with(DisclosureProfile.STRICT_10)
                .run(dataset(List.of(MEAN)))
                .scales()
                .get(0)
                .reliability();
        assertThat(strict.withheld()).isTrue();
        assertThat(strict.alpha()).isEmpty();
        assertThat(strict.alphaIfItemDeleted()).isEmpty();
        assertThat(strict.completeCases().suppressed()).isTrue();
    }

    @Test
    void acceptsOnlyOrderedScaleQuestionsAsItems() {
        final Question age = Question.number("age", "Age");
        final Scale withAge = Scale.mean("bad", "Bad", List.of("coordinator", "age"));

        assertThatThrownBy(() -> Dataset.builder(1, List.of(ITEMS.get(0), age), List.of(), List.of(withAge)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dataset.builder(1, ITEMS, List.of(), List.of(MEAN, MEAN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scale.sum("one", "One item", List.of("coordinator")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MEAN.withMinAnswered(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MEAN.withReversed(List.of("age"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static DisclosedCount exact(long value) {
        return new DisclosedCount(OptionalLong.of(value), DisclosedCount.Treatment.EXACT);
    }
}
