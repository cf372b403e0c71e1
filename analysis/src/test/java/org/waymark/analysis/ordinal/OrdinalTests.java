package org.waymark.analysis.ordinal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;
import static org.waymark.analysis.testing.ReferenceValues.get;

import org.junit.jupiter.api.Test;
import org.waymark.analysis.table.Table;

class OrdinalTests {
    // rep(1:5, c(10, 12, 8, 5, 3)) and rep(1:5, c(4, 6, 10, 9, 11)) in reference-values.R
    private static final long[] FIRST = {10, 12, 8, 5, 3};
    private static final long[] SECOND = {4, 6, 10, 9, 11};
    private static final long[] THIRD = {7, 7, 7, 3, 2};

    @Test
    void mannWhitneyMatchesWilcoxTestWithTieAndContinuityCorrection() {
        final MannWhitneyResult result = MannWhitney.withDefaults()
                .test(Table.of(new long[][] {FIRST, SECOND}))
                .orElseThrow();

        // R 4.2.2: wilcox.test(x, y, correct = TRUE, exact = FALSE)$statistic and $p.value
        assertMatches(result.u(), "mw_w");
        assertMatches(result.pValue(), "mw_p");
        // R 4.2.2: 2 * W / (38 * 40) - 1
        assertMatches(result.rankBiserial(), "mw_r");
    }

    @Test
    void mannWhitneyMatchesRForASmallTableWithAnEmptyAnswer() {
        final MannWhitneyResult result = MannWhitney.withDefaults()
                .test(Table.of(new long[][] {{2, 1, 0, 1}, {0, 1, 2, 3}}))
                .orElseThrow();

        // R 4.2.2: wilcox.test(rep(1:4, c(2, 1, 0, 1)), rep(1:4, c(0, 1, 2, 3)), correct = TRUE, exact = FALSE)
        assertMatches(result.u(), "mw_small_w");
        assertMatches(result.pValue(), "mw_small_p");
    }

    @Test
    void mannWhitneyHasNothingToTestWhenEveryoneGaveTheSameAnswer() {
        assertThat(MannWhitney.withDefaults().test(Table.of(new long[][] {{0, 4, 0}, {0, 3, 0}})))
                .isEmpty();
        assertThat(MannWhitney.withDefaults().test(Table.of(new long[][] {{0, 0, 0}, {1, 3, 0}})))
                .isEmpty();
    }

    @Test
    void kruskalWallisMatchesR() {
        final KruskalWallisResult result = KruskalWallis.withDefaults()
                .test(Table.of(new long[][] {FIRST, SECOND, THIRD}))
                .orElseThrow();

        // R 4.2.2: kruskal.test(list(...))$statistic, $parameter, $p.value
        assertMatches(result.statistic(), "kw_statistic");
        assertThat((double) result.degreesOfFreedom()).isEqualTo(get("kw_df"));
        assertMatches(result.pValue(), "kw_p");
        // R 4.2.2: kruskal.test(...)$statistic / (104 - 1)
        assertMatches(result.epsilonSquared(), "kw_epsilon_squared");
    }

    @Test
    void kruskalWallisMatchesRForASmallTableAndLeavesOutEmptyGroups() {
        final KruskalWallisResult result = KruskalWallis.withDefaults()
                .test(Table.of(new long[][] {{2, 1, 0}, {0, 0, 0}, {0, 2, 1}, {1, 1, 2}}))
                .orElseThrow();

        // R 4.2.2: kruskal.test(list(rep(1:3, c(2, 1, 0)), rep(1:3, c(0, 2, 1)), rep(1:3, c(1, 1, 2))))
        assertMatches(result.statistic(), "kw_small_statistic");
        assertMatches(result.pValue(), "kw_small_p");
        assertThat(result.degreesOfFreedom()).isEqualTo(2);
    }

    @Test
    void quartilesMatchRsDefaultQuantiles() {
        // R 4.2.2: quantile(rep(1:5, counts), c(0.25, 0.5, 0.75), type = 7)
        assertQuartiles(Quartiles.of(FIRST), "quartiles_a");
        assertQuartiles(Quartiles.of(SECOND), "quartiles_b");
        // R 4.2.2: quantile(rep(c(0, 2.5, 10), c(1, 2, 1)), c(0.25, 0.5, 0.75), type = 7)
        assertQuartiles(Quartiles.of(new long[] {1, 2, 1}, new double[] {0, 2.5, 10}), "quartiles_c");
    }

    @Test
    void quartilesOfASingleAnswerAreThatAnswer() {
        assertThat(Quartiles.of(new long[] {0, 1, 0})).isEqualTo(new Quartiles(2, 2, 2));
    }

    private static void assertQuartiles(Quartiles quartiles, String key) {
        assertMatches(quartiles.lower(), key, 1);
        assertMatches(quartiles.median(), key, 2);
        assertMatches(quartiles.upper(), key, 3);
    }
}
