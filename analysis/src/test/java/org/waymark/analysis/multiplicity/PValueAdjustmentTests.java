package org.waymark.analysis.multiplicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PValueAdjustmentTests {
    private static final double[] P = {0.01, 0.04, 0.03, 0.005, 0.2, 0.049};
    private static final double[] TIES = {0.02, 0.02, 0.5, 0.001};

    @Test
    void holmMatchesPAdjust() {
        // R 4.2.2: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.049), "holm")
        assertAll(PValueAdjustment.HOLM.adjust(P), "holm");
        // R 4.2.2: p.adjust(c(0.02, 0.02, 0.5, 0.001), "holm")
        assertAll(PValueAdjustment.HOLM.adjust(TIES), "holm_ties");
    }

    @Test
    void benjaminiHochbergMatchesPAdjust() {
        // R 4.2.2: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.049), "BH")
        assertAll(PValueAdjustment.BENJAMINI_HOCHBERG.adjust(P), "bh");
        // R 4.2.2: p.adjust(c(0.02, 0.02, 0.5, 0.001), "BH")
        assertAll(PValueAdjustment.BENJAMINI_HOCHBERG.adjust(TIES), "bh_ties");
    }

    @Test
    void adjustedValuesAreValidPValuesNoSmallerThanTheOriginals() {
        final SplittableRandom random = new SplittableRandom(20240407L);
        for (int k = 0; k < 200; k++) {
            final double[] p = random.doubles(random.nextInt(1, 20)).toArray();
            for (PValueAdjustment adjustment : PValueAdjustment.values()) {
                final double[] adjusted = adjustment.adjust(p);
                for (int i = 0; i < p.length; i++) {
                    assertThat(adjusted[i]).isBetween(p[i], 1.0);
                }
            }
            // Holm controls more strictly than BH, so it never adjusts less.
            final double[] holm = PValueAdjustment.HOLM.adjust(p);
            final double[] bh = PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p);
            for (int i = 0; i < p.length; i++) {
                assertThat(holm[i]).isGreaterThanOrEqualTo(bh[i]);
            }
        }
    }

    @Test
    void rejectsWhatIsNotAPValue() {
        assertThatThrownBy(() -> PValueAdjustment.HOLM.adjust(0.5, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertAll(double[] adjusted, String key) {
        for (int i = 0; i < adjusted.length; i++) {
            assertMatches(adjusted[i], key, i + 1);
        }
    }
}
