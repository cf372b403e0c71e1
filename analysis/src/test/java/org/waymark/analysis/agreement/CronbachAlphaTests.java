package org.waymark.analysis.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;

import org.junit.jupiter.api.Test;

class CronbachAlphaTests {
    private static final double N = Double.NaN;
    // items in reference-values.R: ten respondents, four items, two with an item missing.
    private static final double[][] ITEMS = {
        {4, 5, 4, 3}, {3, 4, 3, 3}, {5, 5, 4, 5}, {2, 3, 2, 1}, {4, 4, 5, 4},
        {3, 2, 3, 2}, {N, 4, 4, 3}, {5, 4, 5, 5}, {1, 2, 1, 2}, {4, 3, 4, N}
    };

    @Test
    void matchesTheFormulaOnCompleteCasesEvaluatedInR() {
        final CronbachAlpha alpha = CronbachAlpha.of(ITEMS);

        // R 4.2.2: cronbach(items) and sapply(1:4, function(j) cronbach(items[complete.cases(items), -j]))
        assertMatches(alpha.alpha(), "cronbach");
        for (int j = 0; j < 4; j++) {
            assertMatches(alpha.alphaIfItemDeleted().get(j), "cronbach_if_deleted", j + 1);
        }
        assertThat(alpha.completeCases()).isEqualTo(8);
        assertThat(alpha.incompleteCases()).isEqualTo(2);
        assertThat(alpha.items()).isEqualTo(4);
    }

    @Test
    void givesTheSameAlphaForScoresThatAreNotWholeAndInAnyOrder() {
        // Halving every score changes every variance by the same factor, so alpha stays the same;
        // halves are not whole, so alpha comes from centred sums instead of exact integer sums.
        final double[][] halved = new double[ITEMS.length][];
        final double[][] reversed = new double[ITEMS.length][];
        for (int r = 0; r < ITEMS.length; r++) {
            halved[r] = java.util.Arrays.stream(ITEMS[r]).map(x -> x / 2).toArray();
            reversed[r] = ITEMS[ITEMS.length - 1 - r];
        }

        // R 4.2.2: cronbach(items)
        assertMatches(CronbachAlpha.of(halved).alpha(), "cronbach");
        assertThat(CronbachAlpha.of(reversed)).isEqualTo(CronbachAlpha.of(ITEMS));
    }

    @Test
    void hasNoAlphaIfItemDeletedForTwoItems() {
        final CronbachAlpha alpha = CronbachAlpha.of(new double[][] {{1, 2}, {2, 2}, {3, 4}});

        assertThat(alpha.alphaIfItemDeleted()).allMatch(value -> value.isNaN());
    }

    @Test
    void rejectsDataWithoutAnAlpha() {
        assertThatThrownBy(() -> CronbachAlpha.of(new double[][] {{1}, {2}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronbachAlpha.of(new double[][] {{1, 2}, {N, 3}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronbachAlpha.of(new double[][] {{2, 2}, {2, 2}}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
