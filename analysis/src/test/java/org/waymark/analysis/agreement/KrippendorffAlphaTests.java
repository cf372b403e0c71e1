package org.waymark.analysis.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.agreement.KrippendorffAlpha.Level;

class KrippendorffAlphaTests {
    private static final double N = Double.NaN;

    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example of 4 observers
    // (rows) coding 12 units (columns) with missing data; kripp_2011 in reference-values.R.
    private static final double[][] EXAMPLE = {
        {1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N},
        {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3},
        {N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N},
        {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N}
    };

    @Test
    void reproducesThePublishedWorkedExampleWithMissingData() {
        // Krippendorff (2011) reports alpha 0.743 (nominal), 0.815 (ordinal), 0.849 (interval), 0.797 (ratio).
        final Offset<Double> threeDecimals = Offset.offset(0.0005);
        assertThat(alpha(Level.NOMINAL).alpha()).isCloseTo(0.743, threeDecimals);
        assertThat(alpha(Level.ORDINAL).alpha()).isCloseTo(0.815, threeDecimals);
        assertThat(alpha(Level.INTERVAL).alpha()).isCloseTo(0.849, threeDecimals);
        assertThat(alpha(Level.RATIO).alpha()).isCloseTo(0.797, threeDecimals);
    }

    @Test
    void matchesTheFormulaEvaluatedInR() {
        // R 4.2.2: kripp_alpha(kripp_2011, level) in reference-values.R
        assertMatches(alpha(Level.NOMINAL).alpha(), "kripp_nominal");
        assertMatches(alpha(Level.ORDINAL).alpha(), "kripp_ordinal");
        assertMatches(alpha(Level.INTERVAL).alpha(), "kripp_interval");
        assertMatches(alpha(Level.RATIO).alpha(), "kripp_ratio");
    }

    @Test
    void leavesOutUnitsCodedOnceAndCountsOnlyPairableValues() {
        final KrippendorffAlpha.Result result = alpha(Level.NOMINAL);

        // Unit 12 has a single value; Krippendorff (2011) counts n = 40 pairable values in 11 units.
        assertThat(result.pairableUnits()).isEqualTo(11);
        assertThat(result.pairableValues()).isEqualTo(40);
    }

    @Test
    void reproducesThePublishedBinaryExample() {
        // Krippendorff (2011), two observers, ten units, binary data: alpha 0.095.
        final double[][] binary = {{0, 1, 0, 0, 0, 0, 0, 0, 1, 0}, {1, 1, 1, 0, 0, 1, 0, 0, 0, 0}};
        final double alpha =
                KrippendorffAlpha.of(Level.NOMINAL).alpha(binary).orElseThrow().alpha();

        assertThat(alpha).isCloseTo(0.095, Offset.offset(0.0005));
        // R 4.2.2: kripp_alpha(rbind(...), 'nominal') in reference-values.R
        assertMatches(alpha, "kripp_binary");
    }

    @Test
    void isUndefinedWithoutVariationOrPairs() {
        assertThat(KrippendorffAlpha.of(Level.NOMINAL).alpha(new double[][] {{2, 2, N}, {2, 2, 2}}))
                .isEmpty();
        assertThat(KrippendorffAlpha.of(Level.INTERVAL).alpha(new double[][] {{1, N}, {N, 2}}))
                .isEmpty();
    }

    @Test
    void doesNotDependOnTheOrderOfCodersOrUnitsAndIsOneForPerfectAgreement() {
        final SplittableRandom random = new SplittableRandom(20240411L);
        for (int k = 0; k < 100; k++) {
            final int coders = random.nextInt(2, 5);
            final int units = random.nextInt(3, 15);
            final double[][] data = new double[coders][units];
            final double[][] reordered = new double[coders][units];
            for (int c = 0; c < coders; c++) {
                for (int u = 0; u < units; u++) {
                    data[c][u] = random.nextInt(5) == 0 ? N : random.nextInt(1, 5);
                }
            }
            for (int c = 0; c < coders; c++) {
                for (int u = 0; u < units; u++) {
                    reordered[coders - 1 - c][units - 1 - u] = data[c][u];
                }
            }
            for (Level level : Level.values()) {
                final var result = KrippendorffAlpha.of(level).alpha(data);
                final var other = KrippendorffAlpha.of(level).alpha(reordered);
                assertThat(other.isPresent()).isEqualTo(result.isPresent());
                result.ifPresent(expected ->
                        assertThat(other.orElseThrow().alpha()).isCloseTo(expected.alpha(), Offset.offset(1e-12)));
            }
        }
        final double[][] agreed = {{1, 2, 3, N}, {1, 2, 3, 4}, {N, 2, 3, 4}};
        for (Level level : Level.values()) {
            assertThat(KrippendorffAlpha.of(level).alpha(agreed).orElseThrow().alpha())
                    .isEqualTo(1.0);
        }
    }

    private static KrippendorffAlpha.Result alpha(Level level) {
        return KrippendorffAlpha.of(level).alpha(EXAMPLE).orElseThrow();
    }
}
