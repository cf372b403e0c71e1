package org.waymark.analysis.proportion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProportionTests {

    // R 4.2.2: prop.test(x, n, correct = FALSE)$conf.int, keys wilson_<x>_<n> in reference-values.csv
    @ParameterizedTest
    @CsvSource({"48, 81", "23, 40", "0, 10", "10, 10", "1, 3"})
    void wilsonIntervalMatchesPropTestWithoutCorrection(long count, long base) {
        final Proportion proportion = Proportion.wilson(count, base);

        assertMatches(proportion.lower(), "wilson_" + count + "_" + base, 1);
        assertMatches(proportion.upper(), "wilson_" + count + "_" + base, 2);
        assertThat(proportion.estimate()).isEqualTo((double) count / base);
    }

    @Test
    void reportsThePublishedMedicationFigureAsAPercentage() {
        // 48 of 81 is the study's published 59% who said medication helped "a lot".
        assertThat(Proportion.wilson(48, 81).percent()).isCloseTo(59.259, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void rejectsAnEmptyBase() {
        assertThatThrownBy(() -> Proportion.wilson(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
