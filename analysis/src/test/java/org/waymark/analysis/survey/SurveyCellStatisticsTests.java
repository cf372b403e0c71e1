package org.waymark.analysis.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.association.OddsRatio;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.testing.ReferenceValues;

/** The odds ratio and adjusted residuals of each association test, and when they are withheld. */
class SurveyCellStatisticsTests {
    private static final Option WOMAN = Option.of("woman", "Woman");
    private static final Option MAN = Option.of("man", "Man");
    private static final Breakdown GENDER = Breakdown.of("gender", "Gender", List.of(WOMAN, MAN));
    private static final List<Option> YES_NO = List.of(Option.of("yes", "Yes"), Option.of("no", "No"));
    private static final Question HELPED = Question.single("helped", "Did medication help?", YES_NO);
    private static final SurveyAnalysis INTERNAL = SurveyAnalysis.withDefaults().with(DisclosureProfile.INTERNAL);

    @Test
    void givesTheOddsRatioAndResidualsOfTwoGroupsByTwoAnswers() {
        // Women 30 yes, 20 no; men 10 yes, 25 no: chi_2x2 and or_2x2 in reference-values.R.
        final TestSummary test = onlyTest(INTERNAL, helped(30, 20, 10, 25));

        final OddsRatio oddsRatio = test.oddsRatio().orElseThrow();
        // R 4.2.2: (30 * 25) / (20 * 10), and the Wald interval on the log scale
        assertMatches(oddsRatio.estimate(), "or_2x2");
        assertMatches(oddsRatio.lower(), "or_2x2_ci", 1);
        assertMatches(oddsRatio.upper(), "or_2x2_ci", 2);
        assertThat(oddsRatio.correction()).isEqualTo(OddsRatio.Correction.NONE);
        final CellResiduals residuals = test.residuals().orElseThrow();
        assertThat(residuals.groups()).containsExactly("woman", "man");
        assertThat(residuals.answers()).containsExactly("yes", "no");
        // R 4.2.2: chisq.test(matrix(c(30, 10, 20, 25), nrow = 2), correct = FALSE)$stdres, by column
        assertMatches(residuals.value(0, 0), "chi_2x2_stdres", 1);
        assertMatches(residuals.value(1, 0), "chi_2x2_stdres", 2);
        assertMatches(residuals.value(0, 1), "chi_2x2_stdres", 3);
        assertMatches(residuals.value(1, 1), "chi_2x2_stdres", 4);
        assertThat(test.cellsWithheld()).isFalse();
    }

    @Test
    void givesEachOptionOfAMultiQuestionItsOwnOddsRatioOfTickingIt() {
        final Question helps =
                Question.multi("helps", "What helps?", List.of(Option.of("peers", "Peers"), Option.of("meds", "Meds")));
        // Women 18 of 27 ticked peers, men 8 of 29: multi_2x2 in reference-values.R.
        final Dataset dataset = TestDatasets.of(List.of(helps), List.of(GENDER))
                .respondents(18, "helps", "peers", "gender", "woman")
                .respondents(9, "helps", "meds", "gender", "woman")
                .respondents(8, "helps", "peers", "gender", "man")
                .respondents(21, "helps", "meds", "gender", "man")
                .build();

        final TestSummary peers = INTERNAL.run(dataset)
                .questions()
                .get(0)
                .breakdowns()
                .get(0)
                .tests()
                .get(0);

        assertThat(peers.option()).contains("peers");
        // R 4.2.2: (18 * 21) / (9 * 8)
        assertMatches(peers.oddsRatio().orElseThrow().estimate(), "multi_2x2_or");
        assertMatches(peers.oddsRatio().orElseThrow().lower(), "multi_2x2_or_ci", 1);
        assertMatches(peers.oddsRatio().orElseThrow().upper(), "multi_2x2_or_ci", 2);
        final CellResiduals residuals = peers.residuals().orElseThrow();
        assertThat(residuals.answers()).containsExactly(CellResiduals.TICKED, CellResiduals.NOT_TICKED);
        // R 4.2.2: chisq.test(matrix(c(18, 8, 9, 21), nrow = 2), correct = FALSE)$stdres
        assertMatches(residuals.value(0, 0), "multi_2x2_stdres", 1);
        assertMatches(residuals.value(1, 1), "multi_2x2_stdres", 4);
    }

    @Test
    void givesResidualsButNoOddsRatioForLargerTablesAndNaNForAnAnswerNobodyGave() {
        final List<Option> answers =
                List.of(Option.of("yes", "Yes"), Option.of("no", "No"), Option.of("unsure", "Not sure"));
        final Question plan = Question.single("plan", "Have you a care plan?", answers);
        final Breakdown community = Breakdown.of(
                "community", "Community", List.of(Option.of("a", "A"), Option.of("b", "B"), Option.of("c", "C")));
        // single_3x3_empty in reference-values.R: rows a, b, c; nobody answered "unsure".
        final long[][] counts = {{12, 8}, {9, 15}, {10, 11}};
        final TestDatasets data = TestDatasets.of(List.of(plan), List.of(community));
        for (int g = 0; g < 3; g++) {
            for (int j = 0; j < 2; j++) {
                data.respondents(
                        (int) counts[g][j],
                        "plan",
                        answers.get(j).code(),
                        "community",
                        community.groups().get(g).code());
            }
        }

        final TestSummary test = onlyTest(INTERNAL, data.build());

        assertThat(test.oddsRatio()).isEmpty();
        final CellResiduals residuals = test.residuals().orElseThrow();
        assertThat(residuals.answers()).containsExactly("yes", "no", "unsure");
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                // R 4.2.2: chisq.test(matrix(c(12, 9, 10, 8, 15, 11, 0, 0, 0), nrow = 3), correct = FALSE)$stdres
                final int position = 3 * j + i + 1;
                if (j < 2) {
                    assertMatches(residuals.value(i, j), "single_3x3_empty_stdres", position);
                } else {
                    assertThat(ReferenceValues.get("single_3x3_empty_stdres", position))
                            .isNaN();
                    assertThat(residuals.value(i, j)).isNaN();
                }
            }
        }
    }

    @Test
    void givesNeitherForARankTest() {
        final Question scale = Question.scale("scale", "Helped", YES_NO);
        final Dataset dataset = TestDatasets.of(List.of(scale), List.of(GENDER))
                .respondents(30, "scale", "yes", "gender", "woman")
                .respondents(20, "scale", "no", "gender", "woman")
                .respondents(10, "scale", "yes", "gender", "man")
                .respondents(25, "scale", "no", "gender", "man")
                .build();

        final TestSummary test = onlyTest(INTERNAL, dataset);

        assertThat(test.oddsRatio()).isEmpty();
        assertThat(test.residuals()).isEmpty();
        assertThat(test.cellsWithheld()).isFalse();
    }

    @Test
    void withholdsBothWhenATestedCellIsHidden() {
        // 5 men said no: hidden under nhs-standard, so the residuals and odds ratio would give it away.
        final Dataset dataset = helped(30, 20, 25, 5);

        final TestSummary hidden = onlyTest(SurveyAnalysis.withDefaults(), dataset);
        final TestSummary shown = onlyTest(INTERNAL, dataset);

        assertThat(hidden.oddsRatio()).isEmpty();
        assertThat(hidden.residuals()).isEmpty();
        assertThat(hidden.cellsWithheld()).isTrue();
        // nhs-standard withholds tests only for groups of 1 to 7, so the test itself is published.
        assertThat(hidden.testWithheld()).isFalse();
        assertThat(hidden.pValue()).isEqualTo(shown.pValue());
        assertThat(shown.oddsRatio()).isPresent();
        assertThat(shown.cellsWithheld()).isFalse();
    }

    @Test
    void givesBothUnderNhsStandardWhenNoTestedCellIsHidden() {
        final TestSummary test = onlyTest(SurveyAnalysis.withDefaults(), helped(30, 20, 10, 25));

        assertMatches(test.oddsRatio().orElseThrow().estimate(), "or_2x2");
        assertMatches(test.residuals().orElseThrow().value(0, 0), "chi_2x2_stdres", 1);
    }

    @Test
    void withholdsBothWhenSecondarySuppressionHidesATestedCell() {
        // Under strict-10 the 3 and 2 of group "c" (left out of the test) are hidden, and hiding
        // them safely from the totals needs cells of the tested groups hidden too.
        final Breakdown community = Breakdown.of(
                "community", "Community", List.of(Option.of("a", "A"), Option.of("b", "B"), Option.of("c", "C")));
        final Dataset dataset = TestDatasets.of(List.of(HELPED), List.of(community))
                .respondents(30, "helped", "yes", "community", "a")
                .respondents(40, "helped", "no", "community", "a")
                .respondents(25, "helped", "yes", "community", "b")
                .respondents(35, "helped", "no", "community", "b")
                .respondents(3, "helped", "yes", "community", "c")
                .respondents(2, "helped", "no", "community", "c")
                .build();

        final BreakdownSummary breakdown = SurveyAnalysis.withDefaults()
                .with(DisclosureProfile.STRICT_10)
                .run(dataset)
                .questions()
                .get(0)
                .breakdowns()
                .get(0);
        final TestSummary test = breakdown.tests().get(0);

        assertThat(test.groupsLeftOut()).containsExactly("c");
        assertThat(breakdown.groups().subList(0, 2).stream()
                        .flatMap(group -> group.categories().stream())
                        .anyMatch(category -> category.count().suppressed()))
                .as("secondary suppression reached a tested group")
                .isTrue();
        assertThat(test.cellsWithheld()).isTrue();
        assertThat(test.oddsRatio()).isEmpty();
        assertThat(test.residuals()).isEmpty();
    }

    private static Dataset helped(int womenYes, int womenNo, int menYes, int menNo) {
        return TestDatasets.of(List.of(HELPED), List.of(GENDER))
                .respondents(womenYes, "helped", "yes", "gender", "woman")
                .respondents(womenNo, "helped", "no", "gender", "woman")
                .respondents(menYes, "helped", "yes", "gender", "man")
                .respondents(menNo, "helped", "no", "gender", "man")
                .build();
    }

    private static TestSummary onlyTest(SurveyAnalysis analysis, Dataset dataset) {
        final List<TestSummary> tests =
                analysis.run(dataset).questions().get(0).breakdowns().get(0).tests();
        assertThat(tests).hasSize(1);
        return tests.get(0);
    }
}
