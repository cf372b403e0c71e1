package org.waymark.analysis.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.commons.statistics.distribution.HypergeometricDistribution;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.TestMethod;
import org.waymark.analysis.table.Table;
import org.waymark.analysis.testing.RandomTables;

class AssociationPropertyTests {
    private final AssociationTest test =
            AssociationTest.withDefaults().withEnumerationLimit(20_000).withMonteCarlo(200, 1);

    @Test
    void pValuesLieBetweenZeroAndOne() {
        final RandomTables tables = RandomTables.seeded(20240401L);
        for (int k = 0; k < 300; k++) {
            final Table table = tables.next(1, 4, 1, 5, 8);
            test.test(table).ifPresent(result -> {
                assertThat(result.pValue()).as("%s", table).isBetween(0.0, 1.0);
                assertThat(result.cramersV()).as("%s", table).isBetween(0.0, 1.0 + 1e-12);
            });
        }
    }

    @Test
    void resultsDoNotDependOnTheOrderOrOrientationOfTheTable() {
        final RandomTables tables = RandomTables.seeded(20240402L);
        for (int k = 0; k < 200; k++) {
            final Table table = tables.next(2, 4, 2, 4, 7);
            final Optional<AssociationResult> original = test.test(table);
            for (Table variant :
                    new Table[] {tables.shuffle(table), table.transpose(), tables.shuffle(table.transpose())}) {
                final Optional<AssociationResult> other = test.test(variant);
                assertThat(other.isPresent()).isEqualTo(original.isPresent());
                original.ifPresent(expected -> {
                    final AssociationResult actual = other.orElseThrow();
                    assertThat(actual.method()).as("%s vs %s", table, variant).isEqualTo(expected.method());
                    if (expected.method() != TestMethod.FISHER_EXACT_MONTE_CARLO) {
                        assertThat(actual.pValue())
                                .as("%s vs %s", table, variant)
                                .isCloseTo(expected.pValue(), Offset.offset(1e-12 + 1e-9 * expected.pValue()));
                    }
                    assertThat(actual.cramersV()).isCloseTo(expected.cramersV(), Offset.offset(1e-12));
                });
            }
        }
    }

    @Test
    void enumerationAgreesWithTheHypergeometricSumOnTwoByTwo() {
        final RandomTables tables = RandomTables.seeded(20240403L);
        for (int k = 0; k < 300; k++) {
            final Table table = tables.next(2, 2, 2, 2, 20);
            if (table.withoutEmptyRowsAndColumns().rows() < 2
                    || table.withoutEmptyRowsAndColumns().columns() < 2) {
                continue;
            }
            final int[][] counts = {
                {(int) table.count(0, 0), (int) table.count(0, 1)}, {(int) table.count(1, 0), (int) table.count(1, 1)}
            };

            assertThat(FisherEnumeration.pValue(counts, Long.MAX_VALUE).orElseThrow())
                    .as("%s", table)
                    .isCloseTo(twoSidedByDefinition(table), Offset.offset(1e-12));
        }
    }

    // R's definition written out over the values of the top-left cell, independently of the class.
    private static double twoSidedByDefinition(Table table) {
        final int n = (int) table.total();
        final int firstRow = (int) table.rowTotal(0);
        final int firstColumn = (int) table.columnTotal(0);
        final HypergeometricDistribution cell = HypergeometricDistribution.of(n, firstRow, firstColumn);
        final double observed = cell.probability((int) table.count(0, 0));
        double p = 0;
        for (int x = cell.getSupportLowerBound(); x <= cell.getSupportUpperBound(); x++) {
            if (cell.probability(x) <= observed * (1 + 1e-7)) {
                p += cell.probability(x);
            }
        }
        return Math.min(1, p);
    }

    @Test
    void monteCarloLandsWithinFourStandardErrorsOfTheExactValue() {
        final RandomTables tables = RandomTables.seeded(20240404L);
        for (int k = 0; k < 20; k++) {
            final Table table = tables.next(2, 4, 3, 4, 8);
            final Table reduced = table.withoutEmptyRowsAndColumns();
            if (reduced.rows() < 2 || reduced.columns() < 2) {
                continue;
            }
            final AssociationTest exactOnly = AssociationTest.withDefaults().withMinimumExpected(Double.MAX_VALUE);
            final AssociationTest simulated = exactOnly.withEnumerationLimit(0).withMonteCarlo(4_000, k);
            final double exact = exactOnly.test(table).orElseThrow().pValue();
            final AssociationResult estimate = simulated.test(table).orElseThrow();
            if (reduced.rows() == 2 && reduced.columns() == 2) {
                continue; // a 2x2 is always exact
            }

            final double standardError =
                    Math.max(estimate.monteCarlo().orElseThrow().standardError(), 1.0 / 4_000);
            assertThat(estimate.pValue()).as("%s", table).isCloseTo(exact, Offset.offset(4 * standardError));
        }
    }
}
