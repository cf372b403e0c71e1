package org.waymark.analysis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.DisclosureProfile;

class SurveyDisclosureTests {
    private static final List<Option> GROUPS =
            List.of(Option.of("a", "African and African Caribbean"), Option.of("b", "White"), Option.of("c", "Asian"));
    private static final Breakdown COMMUNITY = Breakdown.of("community", "Community", GROUPS);
    private static final List<Option> YES_NO = List.of(Option.of("yes", "Yes"), Option.of("no", "No"));
    private static final Question HELPED = Question.single("helped", "Helped", YES_NO);
    // "23 of 40" and "58% of about 40": every count or base a sentence shows.
    private static final Pattern COUNT_OF_BASE = Pattern.compile("(\\d+) of (\\d+)|about (\\d+)");

    @Test
    void sentencesNameAGroupWithoutItsHiddenNumbers() {
        final Breakdown gender =
                Breakdown.of("gender", "Gender", List.of(Option.of("woman", "Woman"), Option.of("man", "Man")));
        final Dataset dataset = TestDatasets.of(List.of(HELPED), List.of(gender))
                .respondents(5, "helped", "yes", "gender", "woman")
                .respondents(35, "helped", "no", "gender", "woman")
                .respondents(20, "helped", "yes", "gender", "man")
                .respondents(21, "helped", "no", "gender", "man")
                .build();

        final TestSummary test = SurveyAnalysis.withDefaults()
                .run(dataset)
                .questions()
                .get(0)
                .breakdowns()
                .get(0)
                .tests()
                .get(0);

        // nhs-standard rounds the base of 41 to 40; the percentage is from the unrounded 20 of 41.
        assertThat(test.sentence())
                .startsWith("49% of about 40 in \u201cMan\u201d answered \u201cYes\u201d; for \u201cWoman\u201d the"
                        + " numbers are too small to report; a difference this large");
    }

    @Test
    void sentencesSayTheNumbersAreTooSmallWhenEveryGroupsAreHidden() {
        final Breakdown gender =
                Breakdown.of("gender", "Gender", List.of(Option.of("woman", "Woman"), Option.of("man", "Man")));
        final Dataset dataset = TestDatasets.of(List.of(HELPED), List.of(gender))
                .respondents(3, "helped", "yes", "gender", "woman")
                .respondents(37, "helped", "no", "gender", "woman")
                .respondents(4, "helped", "yes", "gender", "man")
                .respondents(37, "helped", "no", "gender", "man")
                .build();

        final TestSummary test = SurveyAnalysis.withDefaults()
                .run(dataset)
                .questions()
                .get(0)
                .breakdowns()
                .get(0)
                .tests()
                .get(0);

        assertThat(test.sentence())
                .startsWith("The numbers who answered \u201cYes\u201d in \u201cWoman\u201d and \u201cMan\u201d are too"
                        + " small to report; a difference this large between groups could well be down to chance");
    }

    @Test
    void leavesGroupsTooSmallForDerivedStatisticsOutOfTheTest() {
        final Dataset dataset = TestDatasets.of(List.of(HELPED), List.of(COMMUNITY))
                .respondents(20, "helped", "yes", "community", "a")
                .respondents(20, "helped", "no", "community", "a")
                .respondents(30, "helped", "yes", "community", "b")
                .respondents(10, "helped", "no", "community", "b")
                .respondents(6, "helped", "no", "community", "c")
                .build();

        final BreakdownSummary breakdown = SurveyAnalysis.withDefaults()
                .run(dataset)
                .questions()
                .get(0)
                .breakdowns()
                .get(0);

        assertThat(breakdown.tests().get(0).groupsLeftOut()).containsExactly("c");
        assertThat(breakdown.groups().get(2).base().suppressed()).isTrue();
        assertThat(breakdown.groups().get(2).categories().get(1).ci95()).isEmpty();
        assertThat(breakdown.tests().get(0).sentence()).doesNotContain("Asian");
    }

    @Test
    void noProtectedReportShowsACountFromOneToTheThreshold() {
        final SplittableRandom random = new SplittableRandom(20240413L);
        int sentencesWithFigures = 0;
        int cellFiguresWithheld = 0;
        final Question scale = Question.scale(
                        "scale",
                        "Scale",
                        List.of(Option.of("1", "A lot"), Option.of("2", "Sometimes"), Option.of("3", "Never")))
                .withNotApplicable(Option.of("na", "Not applicable"));
        final Question multi =
                Question.multi("multi", "Multi", YES_NO).withPreferNotToSay(Option.of("pnts", "Prefer not to say"));
        for (int k = 0; k < 60; k++) {
            final int respondents = random.nextInt(5, 200);
            final Dataset.Builder builder =
                    Dataset.builder(respondents, List.of(HELPED, scale, multi), List.of(COMMUNITY));
            for (int r = 0; r < respondents; r++) {
                if (random.nextInt(10) > 0) {
                    builder.group(r, "community", GROUPS.get(skewed(random, 3)).code());
                }
                builder.answer(r, "helped", YES_NO.get(skewed(random, 2)).code());
                builder.answer(r, "scale", List.of("1", "2", "3", "na").get(skewed(random, 4)));
                builder.answer(r, "multi", List.of("yes", "no", "pnts").get(skewed(random, 3)));
                if (random.nextBoolean()) {
                    builder.answer(r, "multi", "no");
                }
            }
            final Dataset dataset = builder.build();
            for (DisclosureProfile profile : List.of(DisclosureProfile.NHS_STANDARD, DisclosureProfile.STRICT_10)) {
                final SurveyReport report =
                        SurveyAnalysis.withDefaults().with(profile).run(dataset);
                for (DisclosedCount count : counts(report)) {
                    assertThat(shownInTheSuppressedRange(count.value().orElse(0), profile))
                            .as("%s %s", profile, count)
                            .isFalse();
                }
                cellFiguresWithheld += assertCellFiguresOnlyBesideShownCells(report, profile);
                for (TestSummary test : tests(report)) {
                    if (test.testWithheld()) {
                        continue;
                    }
                    final double p = test.pValue().orElseThrow();
                    assertThat(p).isBetween(0.0, 1.0);
                    assertThat(test.pBenjaminiHochberg().orElseThrow()).isBetween(p, 1.0);
                    assertThat(test.pHolm().orElseThrow())
                            .isBetween(test.pBenjaminiHochberg().orElseThrow(), 1.0);
                }
                for (String sentence :
                        tests(report).stream().map(TestSummary::sentence).toList()) {
                    final Matcher matcher = COUNT_OF_BASE.matcher(sentence);
                    while (matcher.find()) {
                        sentencesWithFigures++;
                        for (int group = 1; group <= 3; group++) {
                            final String number = matcher.group(group);
                            assertThat(number != null && shownInTheSuppressedRange(Long.parseLong(number), profile))
                                    .as(sentence)
                                    .isFalse();
                        }
                    }
                }
            }
        }
        // The checks above must have had figures to look at.
        assertThat(sentencesWithFigures).isPositive();
        assertThat(cellFiguresWithheld).isPositive();
    }

    /**
     * Residuals and odds ratios are given only where every cell of the tested groups is shown (for
     * a multi option: those who ticked it and, from the base, those who did not). Returns how many
     * tests had them withheld.
     */
    private static int assertCellFiguresOnlyBesideShownCells(SurveyReport report, DisclosureProfile profile) {
        int withheld = 0;
        for (QuestionSummary question : report.questions()) {
            for (BreakdownSummary breakdown : question.breakdowns()) {
                for (TestSummary test : breakdown.tests()) {
                    if (test.cellsWithheld()) {
                        withheld++;
                        assertThat(test.residuals()).isEmpty();
                        assertThat(test.oddsRatio()).isEmpty();
                        continue;
                    }
                    if (test.residuals().isEmpty()) {
                        continue;
                    }
                    for (String code : test.residuals().orElseThrow().groups()) {
                        final GroupSummary group = breakdown.groups().stream()
                                .filter(g -> g.group().equals(code))
                                .findFirst()
                                .orElseThrow();
                        if (test.option().isEmpty()) {
                            assertThat(group.categories())
                                    .noneMatch(category -> category.count().suppressed());
                        } else {
                            final DisclosedCount ticked = group.categories().stream()
                                    .filter(category ->
                                            category.code().equals(test.option().orElseThrow()))
                                    .findFirst()
                                    .orElseThrow()
                                    .count();
                            assertThat(ticked.suppressed()).isFalse();
                            assertThat(group.base().suppressed()).isFalse();
                            if (profile == DisclosureProfile.STRICT_10) {
                                final long notTicked = group.base().value().orElseThrow()
                                        - ticked.value().orElseThrow();
                                assertThat(shownInTheSuppressedRange(notTicked, profile))
                                        .isFalse();
                            }
                        }
                    }
                }
            }
        }
        return withheld;
    }

    private static boolean shownInTheSuppressedRange(long value, DisclosureProfile profile) {
        return value >= 1 && value <= profile.threshold();
    }

    /** Small indices more often, so that small counts are common. */
    private static int skewed(SplittableRandom random, int bound) {
        final double u = random.nextDouble();
        return (int) Math.floor(u * u * bound);
    }

    private static List<DisclosedCount> counts(SurveyReport report) {
        final List<DisclosedCount> counts = new ArrayList<>();
        for (QuestionSummary question : report.questions()) {
            Stream.concat(
                            Stream.of(question.overall()),
                            question.breakdowns().stream().flatMap(b -> b.groups().stream()))
                    .forEach(group -> {
                        counts.add(group.base());
                        counts.add(group.notApplicable());
                        counts.add(group.preferNotToSay());
                        group.categories().forEach(category -> counts.add(category.count()));
                    });
        }
        return counts;
    }

    private static List<TestSummary> tests(SurveyReport report) {
        return report.questions().stream()
                .flatMap(question -> question.breakdowns().stream())
                .flatMap(breakdown -> breakdown.tests().stream())
                .toList();
    }
}
