package org.waymark.analysis.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;

import java.util.List;
import java.util.OptionalLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.TestMethod;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.disclosure.Flag;
import org.waymark.analysis.multiplicity.PValueAdjustment;

class SurveyAnalysisTests {
    private static final Option WOMAN = Option.of("woman", "Woman");
    private static final Option MAN = Option.of("man", "Man");
    private static final Breakdown GENDER = Breakdown.of("gender", "Gender", List.of(WOMAN, MAN));
    private static final Question HELPED = Question.single(
                    "helped", "Did medication help?", List.of(Option.of("yes", "Yes"), Option.of("no", "No")))
            .withNotApplicable(Option.of("na", "Not prescribed any"))
            .withPreferNotToSay(Option.of("pnts", "Prefer not to say"));
    private static final SurveyAnalysis INTERNAL = SurveyAnalysis.withDefaults().with(DisclosureProfile.INTERNAL);

    @Test
    void countsTheBaseWithoutNotApplicablePreferNotToSayOrNoAnswer() {
        // Women: 10 yes, 3 no; men: 2 yes, 15 no (fisher_2x2_b in reference-values.R), plus 4 not
        // applicable, 2 prefer not to say, 3 who were not shown the question, and 5 with no gender.
        final Dataset dataset = TestDatasets.of(List.of(HELPED), List.of(GENDER))
                .respondents(10, "helped", "yes", "gender", "woman")
                .respondents(3, "helped", "no", "gender", "woman")
                .respondents(2, "helped", "yes", "gender", "man")
                .respondents(15, "helped", "no", "gender", "man")
                .respondents(4, "helped", "na", "gender", "man")
                .respondents(2, "helped", "pnts", "gender", "woman")
                .respondents(3, "gender", "woman")
                .respondents(5, "helped", "yes")
                .build();

        final QuestionSummary summary = INTERNAL.run(dataset).questions().get(0);

        assertThat(summary.overall().base()).isEqualTo(exact(35));
        assertThat(summary.overall().notApplicable()).isEqualTo(exact(4));
        assertThat(summary.overall().preferNotToSay()).isEqualTo(exact(2));
        assertThat(summary.overall().categories().get(0).count()).isEqualTo(exact(17));
        final GroupSummary women = summary.breakdowns().get(0).groups().get(0);
        assertThat(women.base()).isEqualTo(exact(13));
        assertThat(women.preferNotToSay()).isEqualTo(exact(2));
        assertThat(women.flags()).contains(Flag.LOW_BASE);
        assertThat(women.categories().get(0).percent().orElseThrow()).isCloseTo(100.0 * 10 / 13, Offset.offset(1e-12));
    }

    @Test
    void givesWilsonIntervalsInPercentMatchingR() {
        final Dataset dataset = TestDatasets.of(List.of(HELPED), List.of(GENDER))
                .respondents(23, "helped", "yes", "gender", "woman")
                .respondents(17, "helped", "no", "gender", "woman")
                .build();

        final CategorySummary yes =
                INTERNAL.run(dataset).questions().get(0).overall().categories().get(0);

        // R 4.2.2: prop.test(23, 40, correct = FALSE)$conf.int
        assertMatches(yes.ci95().orElseThrow().lower() / 100, "wilson_23_40", 1);
        assertMatches(yes.ci95().orElseThrow().upper() / 100, "wilson_23_40", 2);
    }

    @Test
    void testsAnUnorderedBreakdownByChiSquareWhenExpectedCountsAllowAndDescribesIt() {
        // Women 30 yes, 20 no; men 10 yes, 25 no: chi_2x2 in reference-values.R.
        final Dataset dataset = TestDatasets.of(List.of(HELPED), List.of(GENDER))
                .respondents(30, "helped", "yes", "gender", "woman")
                .respondents(20, "helped", "no", "gender", "woman")
                .respondents(10, "helped", "yes", "gender", "man")
                .respondents(25, "helped", "no", "gender", "man")
                .build();

        final TestSummary test = INTERNAL.run(dataset)
                .questions()
                .get(0)
                .breakdowns()
                .get(0)
                .tests()
                .get(0);

        assertThat(test.method()).isEqualTo(TestMethod.PEARSON_CHI_SQUARE);
        // R 4.2.2: chisq.test(matrix(c(30, 10, 20, 25), nrow = 2), correct = FALSE)$statistic, $p.value
        assertMatches(test.statistic().orElseThrow(), "chi_2x2_statistic");
        assertMatches(test.pValue().orElseThrow(), "chi_2x2_p");
        assertMatches(test.effect().orElseThrow().value(), "chi_2x2_cramers_v");
        assertThat(test.effect().orElseThrow().name()).isEqualTo("cramers-v");
        assertThat(test.sentence())
                .isEqualTo("30 of 50 in \u201cWoman\u201d (60%) answered \u201cYes\u201d, compared with 10 of 35 in"
                        + " \u201cMan\u201d (29%); a difference this large between groups would be unlikely by"
                        + " chance alone (Pearson's chi-square test, p = 0.004).");
    }

    @Test
    void usesFishersTestForSmallCountsAndSaysWhenADifferenceCouldBeChance() {
        // Women 5 yes, 4 no; men 0 yes, 3 no: fisher_2x2_c in reference-values.R.
        final Dataset dataset = TestDatasets.of(List.of(HELPED), List.of(GENDER))
                .respondents(5, "helped", "yes", "gender", "woman")
                .respondents(4, "helped", "no", "gender", "woman")
                .respondents(3, "helped", "no", "gender", "man")
                .build();

        final TestSummary test = INTERNAL.run(dataset)
                .questions()
                .get(0)
                .breakdowns()
                .get(0)
                .tests()
                .get(0);

        assertThat(test.method()).isEqualTo(TestMethod.FISHER_EXACT);
        // R 4.2.2: fisher.test(matrix(c(5, 0, 4, 3), nrow = 2))$p.value
        assertMatches(test.pValue().orElseThrow(), "fisher_2x2_c_p");
        assertThat(test.sentence())
                .isEqualTo("5 of 9 in \u201cWoman\u201d (56%) answered \u201cYes\u201d, compared with 0 of 3 in"
                        + " \u201cMan\u201d (0%); a difference this large between groups could well be down to"
                        + " chance (Fisher's exact test, p = 0.205).");
    }

    @Test
    void testsAnOrderedScaleByRanksForTwoAndForMoreGroups() {
        final List<Option> scale = List.of(
                Option.of("a_lot", "A lot"),
                Option.of("quite", "Quite a lot"),
                Option.of("some", "Somewhat"),
                Option.of("little", "A little"),
                Option.of("never", "Never"));
        final Question medication = Question.scale("medication", "Medication helped", scale);
        final Breakdown two = Breakdown.of("two", "Two", List.of(WOMAN, MAN));
        final Breakdown three = Breakdown.of("three", "Three", List.of(WOMAN, MAN, Option.of("nb", "Non-binary")));
        // Rows FIRST, SECOND and THIRD of OrdinalTests, as in reference-values.R.
        final long[][] rows = {{10, 12, 8, 5, 3}, {4, 6, 10, 9, 11}, {7, 7, 7, 3, 2}};
        final TestDatasets data = TestDatasets.of(List.of(medication), List.of(two, three));
        for (int g = 0; g < 3; g++) {
            for (int j = 0; j < 5; j++) {
                final String group = three.groups().get(g).code();
                data.respondents((int) rows[g][j], "medication", scale.get(j).code(), "three", group);
                if (g < 2) {
                    data.alsoIn("two", group);
                }
            }
        }

        final QuestionSummary summary = INTERNAL.run(data.build()).questions().get(0);

        final TestSummary mannWhitney = summary.breakdowns().get(0).tests().get(0);
        assertThat(mannWhitney.method()).isEqualTo(TestMethod.MANN_WHITNEY);
        // R 4.2.2: wilcox.test(x, y, correct = TRUE, exact = FALSE)$p.value
        assertMatches(mannWhitney.pValue().orElseThrow(), "mw_p");
        final TestSummary kruskal = summary.breakdowns().get(1).tests().get(0);
        assertThat(kruskal.method()).isEqualTo(TestMethod.KRUSKAL_WALLIS);
        // R 4.2.2: kruskal.test(list(...))$p.value
        assertMatches(kruskal.pValue().orElseThrow(), "kw_p");
        // R 4.2.2: quantile(rep(1:5, c(10, 12, 8, 5, 3)), c(0.25, 0.5, 0.75), type = 7)
        assertMatches(
                summary.breakdowns()
                        .get(0)
                        .groups()
                        .get(0)
                        .quartiles()
                        .orElseThrow()
                        .median(),
                "quartiles_a",
                2);
    }

    @Test
    void treatsEachOptionOfAMultiQuestionAsItsOwnYesOrNo() {
        final Question helps = Question.multi(
                        "helps",
                        "What helps?",
                        List.of(Option.of("peers", "Peer support"), Option.of("meds", "Medication")))
                .withPreferNotToSay(Option.of("pnts", "Prefer not to say"));
        final Dataset dataset = TestDatasets.of(List.of(helps), List.of(GENDER))
                .respondents(12, "helps", "peers", "gender", "woman")
                .alsoAnswer("helps", "meds")
                .respondents(8, "helps", "meds", "gender", "woman")
                .respondents(20, "helps", "peers", "gender", "man")
                .respondents(3, "helps", "pnts", "gender", "man")
                .alsoAnswer("helps", "peers")
                .build();

        final QuestionSummary summary = INTERNAL.run(dataset).questions().get(0);

        final GroupSummary women = summary.breakdowns().get(0).groups().get(0);
        assertThat(women.base()).isEqualTo(exact(20));
        assertThat(women.categories().get(0).count()).isEqualTo(exact(12));
        assertThat(women.categories().get(1).count()).isEqualTo(exact(20));
        assertThat(women.flags()).contains(Flag.SINGLE_ANSWER);
        final GroupSummary men = summary.breakdowns().get(0).groups().get(1);
        assertThat(men.base()).isEqualTo(exact(20));
        assertThat(men.preferNotToSay()).isEqualTo(exact(3));
        assertThat(summary.breakdowns().get(0).tests())
                .extracting(test -> test.option().orElseThrow())
                .containsExactly("peers", "meds");
    }

    @Test
    void adjustsEveryTestOfTheRunTogether() {
        final Question other =
                Question.single("other", "Other", List.of(Option.of("yes", "Yes"), Option.of("no", "No")));
        final Dataset dataset = TestDatasets.of(List.of(HELPED, other), List.of(GENDER))
                .respondents(10, "helped", "yes", "gender", "woman")
                .alsoAnswer("other", "no")
                .respondents(3, "helped", "no", "gender", "woman")
                .alsoAnswer("other", "yes")
                .respondents(9, "helped", "yes", "gender", "man")
                .alsoAnswer("other", "yes")
                .respondents(8, "helped", "no", "gender", "man")
                .alsoAnswer("other", "no")
                .build();

        final SurveyReport report = INTERNAL.run(dataset);

        final List<TestSummary> tests = report.questions().stream()
                .map(question -> question.breakdowns().get(0).tests().get(0))
                .toList();
        final double[] p =
                tests.stream().mapToDouble(test -> test.pValue().orElseThrow()).toArray();
        assertThat(report.tests()).isEqualTo(2);
        assertThat(tests.stream()
                        .mapToDouble(test -> test.pHolm().orElseThrow())
                        .toArray())
                .containsExactly(PValueAdjustment.HOLM.adjust(p));
        assertThat(tests.stream()
                        .mapToDouble(test -> test.pBenjaminiHochberg().orElseThrow())
                        .toArray())
                .containsExactly(PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p));
        assertThat(tests.get(0).sentence()).contains("across the 2 tests of this analysis");
    }

    @Test
    void summarisesNumbersByTheirQuartiles() {
        final Question age = Question.number("age", "Age");
        final TestDatasets data = TestDatasets.of(List.of(age), List.of(GENDER));
        final double[] ages = {0, 2.5, 2.5, 10};
        for (double value : ages) {
            data.respondentWithNumber("age", value, "gender", "woman");
        }

        final GroupSummary overall =
                INTERNAL.run(data.build()).questions().get(0).overall();

        assertThat(overall.base()).isEqualTo(exact(4));
        // R 4.2.2: quantile(rep(c(0, 2.5, 10), c(1, 2, 1)), c(0.25, 0.5, 0.75), type = 7)
        assertMatches(overall.quartiles().orElseThrow().lower(), "quartiles_c", 1);
        assertMatches(overall.quartiles().orElseThrow().upper(), "quartiles_c", 3);
    }

    @Test
    void reportsPreferNotToSayBesideTheBaseOfANumberQuestion() {
        final Question age = Question.number("age", "Age").withPreferNotToSay(Option.of("pnts", "Prefer not to say"));
        final TestDatasets data = TestDatasets.of(List.of(age), List.of(GENDER));
        for (double value : new double[] {0, 2.5, 2.5, 10}) {
            data.respondentWithNumber("age", value, "gender", "woman");
        }
        data.respondents(3, "age", "pnts", "gender", "woman").respondents(2, "age", "pnts", "gender", "man");

        final QuestionSummary summary = INTERNAL.run(data.build()).questions().get(0);

        assertThat(summary.overall().base()).isEqualTo(exact(4));
        assertThat(summary.overall().preferNotToSay()).isEqualTo(exact(5));
        assertThat(summary.overall().notApplicable()).isEqualTo(exact(0));
        // R 4.2.2: quantile(rep(c(0, 2.5, 10), c(1, 2, 1)), c(0.25, 0.5, 0.75), type = 7)
        assertMatches(summary.overall().quartiles().orElseThrow().median(), "quartiles_c", 2);
        final GroupSummary women = summary.breakdowns().get(0).groups().get(0);
        final GroupSummary men = summary.breakdowns().get(0).groups().get(1);
        assertThat(women.base()).isEqualTo(exact(4));
        assertThat(women.preferNotToSay()).isEqualTo(exact(3));
        assertThat(men.base()).isEqualTo(exact(0));
        assertThat(men.preferNotToSay()).isEqualTo(exact(2));
        assertThat(men.quartiles()).isEmpty();
    }

    @Test
    void letsANumberOrPreferNotToSayReplaceTheOther() {
        final Question age = Question.number("age", "Age").withPreferNotToSay(Option.of("pnts", "Prefer not to say"));
        final Dataset dataset = Dataset.builder(2, List.of(age), List.of(GENDER))
                .number(0, "age", 30)
                .answer(0, "age", "pnts")
                .answer(1, "age", "pnts")
                .number(1, "age", 40)
                .build();

        final GroupSummary overall = INTERNAL.run(dataset).questions().get(0).overall();

        assertThat(overall.base()).isEqualTo(exact(1));
        assertThat(overall.preferNotToSay()).isEqualTo(exact(1));
        assertThat(overall.quartiles().orElseThrow().median()).isEqualTo(40);
        assertThatThrownBy(() -> Question.number("age", "Age").withNotApplicable(Option.of("na", "N/A")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dataset.builder(1, List.of(age), List.of()).answer(0, "age", "30"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsCodesTheQuestionDoesNotHave() {
        final Dataset.Builder builder = Dataset.builder(1, List.of(HELPED), List.of(GENDER));

        assertThatThrownBy(() -> builder.answer(0, "helped", "maybe")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.group(0, "gender", "other")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.number(0, "helped", 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.answer(1, "helped", "yes")).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void buildsOnceSoThatTheDatasetCannotChangeAfterwards() {
        final Dataset.Builder builder = Dataset.builder(1, List.of(HELPED), List.of(GENDER));
        builder.build();

        assertThatThrownBy(() -> builder.answer(0, "helped", "yes")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    }

    private static DisclosedCount exact(long value) {
        return new DisclosedCount(OptionalLong.of(value), DisclosedCount.Treatment.EXACT);
    }
}
