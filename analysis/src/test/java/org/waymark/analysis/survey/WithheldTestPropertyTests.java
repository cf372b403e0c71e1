package org.waymark.analysis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.multiplicity.PValueAdjustment;

/**
 * On seeded random datasets (2x2 and larger tables, scales and multi questions, groups large and
 * small): under {@code strict-10} a test over a hidden cell publishes no figure at all, a test over
 * shown cells publishes all of them, and Holm and Benjamini-Hochberg adjust over the published
 * tests only. Under {@code nhs-standard}, groups of 1 to 7 get no derived statistics.
 *
 * <p>Whether a tested cell is hidden is read here from the published groups, not from the code
 * under test: for a single or scale question the counts of the tested groups, for a multi option the
 * ticked count, the base, and what they leave (not ticked).
 */
class WithheldTestPropertyTests {
    private static final List<Option> GROUPS = List.of(
            Option.of("a", "African and African Caribbean"),
            Option.of("b", "White"),
            Option.of("c", "Asian"),
            Option.of("d", "Mixed"));
    private static final Breakdown TWO_GROUPS = Breakdown.of("gender", "Gender", GROUPS.subList(0, 2));
    private static final Breakdown FOUR_GROUPS = Breakdown.of("community", "Community", GROUPS);
    private static final List<Option> YES_NO = List.of(Option.of("yes", "Yes"), Option.of("no", "No"));
    private static final List<Option> THREE = List.of(Option.of("x", "X"), Option.of("y", "Y"), Option.of("z", "Z"));
    private static final List<Question> QUESTIONS = List.of(
            Question.single("helped", "Helped", YES_NO),
            Question.single("where", "Where", THREE),
            Question.scale("often", "How often", THREE),
            Question.multi("helps", "What helps", THREE),
            Question.number("age", "Age"));

    @Test
    void underStrictTenATestOverAHiddenCellPublishesNoFigure() {
        final SplittableRandom random = new SplittableRandom(20261204L);
        int withheld = 0;
        int published = 0;
        int withheld2x2 = 0;
        for (int k = 0; k < 150; k++) {
            final SurveyReport report = SurveyAnalysis.withDefaults()
                    .with(DisclosureProfile.STRICT_10)
                    .run(dataset(random));
            final List<Double> publishedP = new ArrayList<>();
            final List<TestSummary> publishedTests = new ArrayList<>();
            for (QuestionSummary question : report.questions()) {
                for (BreakdownSummary breakdown : question.breakdowns()) {
                    for (TestSummary test : breakdown.tests()) {
                        final boolean hidden = anyTestedCellHidden(question.kind(), breakdown, test);
                        assertThat(test.testWithheld())
                                .as("%s by %s: withheld exactly when a tested cell is hidden", question, breakdown)
                                .isEqualTo(hidden);
                        if (hidden) {
                            withheld++;
                            if (question.question().equals("helped")
                                    && tested(breakdown, test).size() == 2) {
                                withheld2x2++;
                            }
                            assertNothingPublished(test);
                        } else {
                            published++;
                            publishedP.add(test.pValue().orElseThrow());
                            publishedTests.add(test);
                        }
                    }
                }
            }
            assertThat(report.tests()).isEqualTo(publishedTests.size());
            final double[] p =
                    publishedP.stream().mapToDouble(Double::doubleValue).toArray();
            final double[] holm = PValueAdjustment.HOLM.adjust(p);
            final double[] bh = PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p);
            for (int t = 0; t < publishedTests.size(); t++) {
                assertThat(publishedTests.get(t).pHolm()).hasValue(holm[t]);
                assertThat(publishedTests.get(t).pBenjaminiHochberg()).hasValue(bh[t]);
                assertThat(publishedTests.get(t).effect()).isPresent();
            }
        }
        // Both kinds must have occurred, 2x2 tables among the withheld, for the checks to mean anything.
        assertThat(withheld).isGreaterThan(50);
        assertThat(withheld2x2).isGreaterThan(10);
        assertThat(published).isGreaterThan(50);
    }

    @Test
    void underNhsStandardNoGroupOfOneToSevenIsTestedOrSummarised() {
        final SplittableRandom random = new SplittableRandom(20261205L);
        int smallGroups = 0;
        for (int k = 0; k < 100; k++) {
            final Dataset dataset = dataset(random);
            final SurveyReport report = SurveyAnalysis.withDefaults().run(dataset);
            final SurveyReport internal = SurveyAnalysis.withDefaults()
                    .with(DisclosureProfile.INTERNAL)
                    .run(dataset);
            for (int q = 0; q < report.questions().size(); q++) {
                final QuestionSummary question = report.questions().get(q);
                for (int b = 0; b < question.breakdowns().size(); b++) {
                    final BreakdownSummary breakdown = question.breakdowns().get(b);
                    final List<GroupSummary> truth =
                            internal.questions().get(q).breakdowns().get(b).groups();
                    for (int g = 0; g < truth.size(); g++) {
                        final long base = truth.get(g).base().value().orElseThrow();
                        if (base < 1 || base > 7) {
                            continue;
                        }
                        smallGroups++;
                        final GroupSummary group = breakdown.groups().get(g);
                        assertThat(group.quartiles()).isEmpty();
                        assertThat(group.mean()).isEmpty();
                        assertThat(group.categories()).allSatisfy(category -> {
                            assertThat(category.percent()).isEmpty();
                            assertThat(category.ci95()).isEmpty();
                        });
                        for (TestSummary test : breakdown.tests()) {
                            assertThat(test.groupsLeftOut()).contains(group.group());
                        }
                    }
                    // nhs-standard follows NHS England's method: tests are withheld for small groups only.
                    assertThat(breakdown.tests()).noneMatch(TestSummary::testWithheld);
                }
            }
        }
        assertThat(smallGroups).isGreaterThan(50);
    }

    private static void assertNothingPublished(TestSummary test) {
        assertThat(test.statistic()).isEmpty();
        assertThat(test.degreesOfFreedom()).isEmpty();
        assertThat(test.pValue()).isEmpty();
        assertThat(test.pHolm()).isEmpty();
        assertThat(test.pBenjaminiHochberg()).isEmpty();
        assertThat(test.effect()).isEmpty();
        assertThat(test.oddsRatio()).isEmpty();
        assertThat(test.residuals()).isEmpty();
        assertThat(test.monteCarlo()).isEmpty();
        assertThat(test.sentence())
                .contains("withheld to protect small groups")
                .doesNotContain("p = ")
                .doesNotContain("p < ");
    }

    /** The groups a test compares: those with answers, less those it left out. */
    private static List<GroupSummary> tested(BreakdownSummary breakdown, TestSummary test) {
        return breakdown.groups().stream()
                .filter(group -> !test.groupsLeftOut().contains(group.group()))
                .filter(group -> group.base().value().orElse(-1) != 0)
                .toList();
    }

    private static boolean anyTestedCellHidden(QuestionKind kind, BreakdownSummary breakdown, TestSummary test) {
        final int threshold = DisclosureProfile.STRICT_10.threshold();
        for (GroupSummary group : tested(breakdown, test)) {
            switch (kind) {
                case SINGLE, SCALE -> {
                    if (group.categories().stream()
                            .anyMatch(category -> category.count().suppressed())) {
                        return true;
                    }
                }
                case MULTI -> {
                    final DisclosedCount ticked = group.categories().stream()
                            .filter(category ->
                                    category.code().equals(test.option().orElseThrow()))
                            .findFirst()
                            .orElseThrow()
                            .count();
                    if (ticked.suppressed() || group.base().suppressed()) {
                        return true;
                    }
                    final long notTicked =
                            group.base().value().orElseThrow() - ticked.value().orElseThrow();
                    if (notTicked >= 1 && notTicked <= threshold) {
                        return true;
                    }
                }
                case NUMBER -> {
                    if (group.base().suppressed()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * 10 to 160 respondents, each in a group of one of two breakdowns or none; answers skewed to the
     * first options and groups skewed to the first, so small cells and small groups are common.
     */
    private static Dataset dataset(SplittableRandom random) {
        final int respondents = random.nextInt(10, 160);
        final Dataset.Builder builder = Dataset.builder(respondents, QUESTIONS, List.of(TWO_GROUPS, FOUR_GROUPS));
        final double[] skew = {random.nextDouble(0.3, 3), random.nextDouble(0.3, 3)};
        for (int r = 0; r < respondents; r++) {
            builder.group(r, "gender", GROUPS.get(skewed(random, 2, skew[0])).code());
            if (random.nextInt(12) > 0) {
                builder.group(
                        r, "community", GROUPS.get(skewed(random, 4, skew[1])).code());
            }
            builder.answer(r, "helped", YES_NO.get(skewed(random, 2, skew[1])).code());
            builder.answer(r, "where", THREE.get(skewed(random, 3, skew[0])).code());
            builder.answer(r, "often", THREE.get(skewed(random, 3, skew[1])).code());
            for (Option option : THREE) {
                if (random.nextInt(3) == 0) {
                    builder.answer(r, "helps", option.code());
                }
            }
            if (random.nextInt(5) > 0) {
                builder.number(r, "age", 18 + random.nextInt(60));
            }
        }
        return builder.build();
    }

    /** An index below bound, towards 0 for a power above 1 and away from it below 1. */
    private static int skewed(SplittableRandom random, int bound, double power) {
        return Math.min(bound - 1, (int) Math.floor(Math.pow(random.nextDouble(), power) * bound));
    }
}
