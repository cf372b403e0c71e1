package org.waymark.analysis.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.waymark.analysis.testing.ReferenceValues.assertMatches;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.waymark.analysis.table.Table;
import org.waymark.analysis.testing.RandomTables;

class CohensKappaTests {

    // The tables of reference-values.R, row by row (R's matrix() fills column by column).
    static Table table(String key) {
        return switch (key) {
            case "kappa_sas" -> Table.of(new long[][] {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}});
            case "kappa_3x3" -> Table.of(new long[][] {{75, 1, 4}, {5, 4, 1}, {0, 0, 10}});
            case "kappa_2x2" -> Table.of(new long[][] {{20, 10}, {5, 15}});
            default -> throw new IllegalArgumentException(key);
        };
    }

    // R 4.2.2: kappa_fce(m) in reference-values.R, the formulas of Fleiss, Cohen and Everitt (1969)
    @ParameterizedTest
    @ValueSource(strings = {"kappa_sas", "kappa_3x3", "kappa_2x2"})
    void matchesTheFleissCohenEverittFormulasEvaluatedInR(String key) {
        final CohensKappa kappa = CohensKappa.of(table(key));

        assertMatches(kappa.kappa(), key, 1);
        assertMatches(kappa.standardError(), key, 2);
        assertMatches(kappa.nullStandardError(), key, 3);
        assertMatches(kappa.z(), key, 4);
        assertMatches(kappa.pValue(), key, 5);
        assertMatches(kappa.lower(), key, 6);
        assertMatches(kappa.upper(), key, 7);
    }

    @Test
    void matchesTheSasPrintoutOfTheSameTable() {
        // SAS PROC FREQ (AGREE) for [[0, 4, 1], [0, 8, 0], [0, 1, 5]], as printed in statsmodels'
        // stats/tests/test_inter_rater.py (UnweightedCohens): kappa 0.4842, ASE 0.1380,
        // 95% limits 0.2137 to 0.7547, ASE under H0 0.1484, Z 3.2626, two-sided p 0.0011.
        final CohensKappa kappa = CohensKappa.of(table("kappa_sas"));
        final Offset<Double> fourDecimals = Offset.offset(0.00005);

        assertThat(kappa.kappa()).isCloseTo(0.4842, fourDecimals);
        assertThat(kappa.standardError()).isCloseTo(0.1380, fourDecimals);
        assertThat(kappa.lower()).isCloseTo(0.2137, fourDecimals);
        assertThat(kappa.upper()).isCloseTo(0.7547, fourDecimals);
        assertThat(kappa.nullStandardError()).isCloseTo(0.1484, fourDecimals);
        assertThat(kappa.z()).isCloseTo(3.2626, fourDecimals);
        assertThat(kappa.pValue()).isCloseTo(0.0011, fourDecimals);
    }

    @Test
    void isOneForPerfectAgreementAndTheSameWhicheverCoderComesFirst() {
        assertThat(CohensKappa.of(Table.of(new long[][] {{7, 0}, {0, 3}})).kappa())
                .isEqualTo(1.0);
        final RandomTables tables = RandomTables.seeded(20240410L);
        for (int k = 0; k < 200; k++) {
            final int size = tables.random().nextInt(2, 5);
            final Table table = tables.next(size, size, size, size, 20);
            if (table.total() == 0 || chanceAgreementIsOne(table)) {
                continue;
            }
            final CohensKappa kappa = CohensKappa.of(table);
            final CohensKappa swapped = CohensKappa.of(table.transpose());

            assertThat(swapped.kappa()).isCloseTo(kappa.kappa(), Offset.offset(1e-12));
            assertThat(swapped.standardError()).isCloseTo(kappa.standardError(), Offset.offset(1e-12));
            assertThat(swapped.nullStandardError()).isCloseTo(kappa.nullStandardError(), Offset.offset(1e-12));
            assertThat(kappa.pValue()).isBetween(0.0, 1.0);
            assertThat(kappa.kappa()).isBetween(-1.0, 1.0);
        }
    }

    @Test
    void rejectsTablesWhereKappaIsUndefined() {
        assertThatThrownBy(() -> CohensKappa.of(Table.of(new long[][] {{1, 2, 3}, {4, 5, 6}})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CohensKappa.of(Table.of(new long[][] {{5, 0}, {0, 0}})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean chanceAgreementIsOne(Table table) {
        for (int i = 0; i < table.rows(); i++) {
            if (table.rowTotal(i) == table.total() && table.columnTotal(i) == table.total()) {
                return true;
            }
        }
        return false;
    }
}
