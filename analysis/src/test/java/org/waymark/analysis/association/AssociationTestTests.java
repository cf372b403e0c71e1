package org.waymark.analysis.association;

import static org.assertj.core.api.Assertions.assertThat;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;
import static org.waymark.analysis.testing.ReferenceValues.get;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.waymark.analysis.TestMethod;
import org.waymark.analysis.table.Table;

class AssociationTestTests {
    private final AssociationTest test = AssociationTest.withDefaults();

    // The tables of reference-values.R, row by row (R's matrix() fills column by column).
    static Table table(String key) {
        return switch (key) {
            case "chi_2x3" -> Table.of(new long[][] {{20, 10, 30}, {15, 25, 18}});
            case "chi_3x3" -> Table.of(new long[][] {{25, 14, 11}, {12, 22, 16}, {18, 9, 30}});
            case "chi_2x2" -> Table.of(new long[][] {{30, 20}, {10, 25}});
            case "fisher_2x2_a" -> Table.of(new long[][] {{3, 1}, {1, 3}});
            case "fisher_2x2_b" -> Table.of(new long[][] {{10, 3}, {2, 15}});
            case "fisher_2x2_c" -> Table.of(new long[][] {{5, 4}, {0, 3}});
            case "fisher_2x2_tie" -> Table.of(new long[][] {{1, 6}, {1, 2}});
            case "fisher_3x3" -> Table.of(new long[][] {{3, 0, 2}, {1, 4, 2}, {2, 1, 5}});
            case "fisher_2x4" -> Table.of(new long[][] {{5, 2, 0, 3}, {1, 6, 4, 3}});
            case "fisher_3x4" -> Table.of(new long[][] {{4, 1, 3, 0}, {0, 5, 2, 1}, {2, 1, 6, 4}});
            case "fisher_4x5" ->
                Table.of(new long[][] {{6, 3, 2, 1, 3}, {2, 4, 2, 0, 1}, {1, 2, 5, 2, 2}, {0, 1, 1, 4, 6}});
            default -> throw new IllegalArgumentException(key);
        };
    }

    // Carrying each partial sum into each next partial table is work, and memory: it counts towards the
    // limit. The 4x5 table needs between one and two million such steps; before they were counted, a
    // sparse 3x12 table of 1,000 people ran for seconds and filled the heap under the same limit.
    @Test
    void countsEveryPathCarriedForwardTowardsTheEnumerationLimit() {
        final Table table = table("fisher_4x5");
        final int[][] counts = new int[table.rows()][table.columns()];
        for (int i = 0; i < table.rows(); i++) {
            for (int j = 0; j < table.columns(); j++) {
                counts[i][j] = (int) table.count(i, j);
            }
        }

        assertThat(FisherEnumeration.pValue(counts, 1_000_000)).isEmpty();
        assertMatches(FisherEnumeration.pValue(counts, 2_000_000).orElseThrow(), "fisher_4x5_p");
    }

    // R 4.2.2: chisq.test(m, correct = FALSE)$statistic, $parameter, $p.value, $stdres (column-major)
    @ParameterizedTest
    @ValueSource(strings = {"chi_2x3", "chi_3x3", "chi_2x2"})
    void usesPearsonChiSquareMatchingRWhenExpectedCountsAllowIt(String key) {
        final Table table = table(key);
        final AssociationResult result = test.test(table).orElseThrow();

        assertThat(result.method()).isEqualTo(TestMethod.PEARSON_CHI_SQUARE);
        assertMatches(result.statistic().orElseThrow(), key + "_statistic");
        assertThat((double) result.degreesOfFreedom().orElseThrow()).isEqualTo(get(key + "_df"));
        assertMatches(result.pValue(), key + "_p");
        // sqrt(chisq.test(m, correct = FALSE)$statistic / (sum(m) * (min(dim(m)) - 1)))
        assertMatches(result.cramersV(), key + "_cramers_v");
        int position = 1;
        for (int j = 0; j < table.columns(); j++) {
            for (int i = 0; i < table.rows(); i++) {
                assertMatches(result.adjustedResiduals().get(i, j), key + "_stdres", position++);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fisher_2x2_a",
                "fisher_2x2_c",
                "fisher_2x2_tie",
                "fisher_3x3",
                "fisher_2x4",
                "fisher_3x4",
                "fisher_4x5"
            })
    void usesFisherExactWhenAnExpectedCountIsBelowFive(String key) {
        final AssociationResult result = test.test(table(key)).orElseThrow();

        assertThat(result.method()).isEqualTo(TestMethod.FISHER_EXACT);
        assertThat(result.smallestExpected()).isLessThan(5);
        assertThat(result.statistic()).isEmpty();
        assertThat(result.degreesOfFreedom()).isEmpty();
    }

    // R 4.2.2: fisher.test(m)$p.value
    @ParameterizedTest
    @ValueSource(
            strings = {
                "fisher_2x2_a",
                "fisher_2x2_b",
                "fisher_2x2_c",
                "fisher_2x2_tie",
                "fisher_3x3",
                "fisher_2x4",
                "fisher_3x4",
                "fisher_4x5"
            })
    void fisherExactMatchesR(String key) {
        final AssociationResult result = test.withMinimumExpected(Double.POSITIVE_INFINITY)
                .test(table(key))
                .orElseThrow();

        assertThat(result.method()).isEqualTo(TestMethod.FISHER_EXACT);
        assertMatches(result.pValue(), key + "_p");
    }

    @Test
    void usesChiSquareWhenTheSmallestExpectedCountIsExactlyFive() {
        // Expected counts 5, 5, 5, 5.
        final AssociationResult result =
                test.test(Table.of(new long[][] {{7, 3}, {3, 7}})).orElseThrow();

        assertThat(result.method()).isEqualTo(TestMethod.PEARSON_CHI_SQUARE);
        assertThat(result.smallestExpected()).isEqualTo(5);
    }

    @Test
    void givesTheOddsRatioWithAWaldIntervalForTwoByTwo() {
        final OddsRatio oddsRatio =
                test.test(table("chi_2x2")).orElseThrow().oddsRatio().orElseThrow();

        // R 4.2.2: (30 * 25) / (20 * 10) and exp(log(OR) + c(-1, 1) * qnorm(0.975) * sqrt(1/30 + 1/20 + 1/10 + 1/25))
        assertMatches(oddsRatio.estimate(), "or_2x2");
        assertMatches(oddsRatio.lower(), "or_2x2_ci", 1);
        assertMatches(oddsRatio.upper(), "or_2x2_ci", 2);
        assertThat(oddsRatio.correction()).isEqualTo(OddsRatio.Correction.NONE);
    }

    @Test
    void addsAHalfToEveryCellOfATwoByTwoWithAZero() {
        final OddsRatio oddsRatio =
                test.test(table("fisher_2x2_c")).orElseThrow().oddsRatio().orElseThrow();

        // R 4.2.2: (5.5 * 3.5) / (0.5 * 4.5) and its Wald interval, see or_zero in reference-values.R
        assertMatches(oddsRatio.estimate(), "or_zero");
        assertMatches(oddsRatio.lower(), "or_zero_ci", 1);
        assertMatches(oddsRatio.upper(), "or_zero_ci", 2);
        assertThat(oddsRatio.correction()).isEqualTo(OddsRatio.Correction.HALDANE_ANSCOMBE);
    }

    @Test
    void ignoresEmptyGroupsAndAnswers() {
        final Table withEmpty = Table.of(new long[][] {{3, 0, 0, 2}, {0, 0, 0, 0}, {1, 0, 4, 2}, {2, 0, 1, 5}});

        final AssociationResult result = test.test(withEmpty).orElseThrow();

        // The same table without its empty row and column is fisher_3x3.
        assertMatches(result.pValue(), "fisher_3x3_p");
        assertThat(result.adjustedResiduals().get(1, 0)).isNaN();
        assertThat(result.adjustedResiduals().get(0, 1)).isNaN();
        assertThat(result.adjustedResiduals().get(0, 1)).isNaN();
        assertThat(result.adjustedResiduals().rows()).isEqualTo(4);
    }

    @Test
    void hasNothingToTestWhenOnlyOneGroupAnswered() {
        assertThat(test.test(Table.of(new long[][] {{3, 4}, {0, 0}}))).isEmpty();
        assertThat(test.test(Table.of(new long[][] {{3, 0}, {5, 0}}))).isEmpty();
    }

    @Test
    void fallsBackToMonteCarloPastTheEnumerationLimitAndRecordsHow() {
        final AssociationResult result = test.withEnumerationLimit(100)
                .withMonteCarlo(2_000, 42)
                .test(table("fisher_4x5"))
                .orElseThrow();

        assertThat(result.method()).isEqualTo(TestMethod.FISHER_EXACT_MONTE_CARLO);
        final MonteCarlo monteCarlo = result.monteCarlo().orElseThrow();
        assertThat(monteCarlo.seed()).isEqualTo(42);
        assertThat(monteCarlo.tables()).isEqualTo(2_000);
        assertThat(monteCarlo.standardError()).isEqualTo(Math.sqrt(result.pValue() * (1 - result.pValue()) / 2_000));
    }

    @Test
    void repeatsAMonteCarloResultFromTheSameSeed() {
        final AssociationTest monteCarlo = test.withEnumerationLimit(0).withMonteCarlo(500, 7);

        assertThat(monteCarlo.test(table("fisher_3x4"))).isEqualTo(monteCarlo.test(table("fisher_3x4")));
    }
}
