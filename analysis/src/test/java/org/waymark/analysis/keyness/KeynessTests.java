package org.waymark.analysis.keyness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;

import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.GTest;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeynessTests {

    // R 4.2.2: keyness(a, n1, b, n2) in reference-values.R: G2 over the four cells, its p-value, log ratio
    @ParameterizedTest
    @CsvSource({"keyness_a, 120, 50000, 40, 60000", "keyness_b, 3, 900, 11, 1200", "keyness_zero, 9, 2000, 0, 2500"})
    void matchesTheFormulasEvaluatedInR(String key, long inFirst, long firstSize, long inSecond, long secondSize) {
        final Keyness keyness = Keyness.of(inFirst, firstSize, inSecond, secondSize);

        assertMatches(keyness.logLikelihood(), key, 1);
        assertMatches(keyness.pValue(), key, 2);
        assertMatches(keyness.logRatio(), key, 3);
    }

    @Test
    void saysWhenAZeroFrequencyWasTakenAsAHalf() {
        assertThat(Keyness.of(9, 2000, 0, 2500).correction()).isEqualTo(Keyness.ZeroCorrection.HALF_FOR_ZERO);
        assertThat(Keyness.of(9, 2000, 1, 2500).correction()).isEqualTo(Keyness.ZeroCorrection.NONE);
        // Twice as common in the first group: log ratio 1.
        assertThat(Keyness.of(20, 1000, 10, 1000).logRatio()).isCloseTo(1.0, Offset.offset(1e-15));
    }

    @Test
    void agreesWithCommonsStatisticsGTestAndIsSymmetric() {
        final SplittableRandom random = new SplittableRandom(20240412L);
        for (int k = 0; k < 300; k++) {
            final long firstSize = random.nextLong(1, 5000);
            final long secondSize = random.nextLong(1, 5000);
            final long inFirst = random.nextLong(0, firstSize + 1);
            final long inSecond = random.nextLong(inFirst == 0 ? 1 : 0, secondSize + 1);
            final Keyness keyness = Keyness.of(inFirst, firstSize, inSecond, secondSize);
            final Keyness swapped = Keyness.of(inSecond, secondSize, inFirst, firstSize);
            final double expected = GTest.withDefaults().statistic(new long[][] {
                {inFirst, inSecond}, {firstSize - inFirst, secondSize - inSecond}
            });

            assertThat(keyness.logLikelihood()).isCloseTo(expected, Offset.offset(1e-9 * (1 + expected)));
            assertThat(swapped.logLikelihood()).isCloseTo(keyness.logLikelihood(), Offset.offset(1e-9));
            assertThat(swapped.logRatio()).isCloseTo(-keyness.logRatio(), Offset.offset(1e-12));
            assertThat(keyness.pValue()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> Keyness.of(0, 10, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keyness.of(11, 10, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keyness.of(1, 0, 1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
