package org.waymark.analysis.ordinal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.table.Table;
import org.waymark.analysis.testing.RandomTables;

class OrdinalPropertyTests {

    @Test
    void mannWhitneyFromCountsAgreesWithCommonsStatisticsOnTheAnswers() {
        final MannWhitneyUTest commons =
                MannWhitneyUTest.withDefaults().with(PValueMethod.ASYMPTOTIC).with(ContinuityCorrection.ENABLED);
        final RandomTables tables = RandomTables.seeded(20240405L);
        for (int k = 0; k < 300; k++) {
            final Table table = tables.next(2, 2, 2, 6, 15);
            MannWhitney.withDefaults().test(table).ifPresent(result -> {
                final MannWhitneyUTest.Result expected = commons.test(answers(table, 0), answers(table, 1));

                assertThat(result.u()).as("%s", table).isEqualTo(expected.getStatistic());
                assertThat(result.pValue())
                        .as("%s", table)
                        .isCloseTo(expected.getPValue(), Offset.offset(1e-12 + 1e-9 * expected.getPValue()));
                assertThat(result.rankBiserial()).isBetween(-1.0, 1.0);
            });
        }
    }

    @Test
    void kruskalWallisDoesNotDependOnTheOrderOfGroupsAndAgreesWithMannWhitneyForTwo() {
        final RandomTables tables = RandomTables.seeded(20240406L);
        for (int k = 0; k < 300; k++) {
            final Table table = tables.next(2, 5, 2, 5, 12);
            final var result = KruskalWallis.withDefaults().test(table);
            final Table reordered = Table.of(IntStream.range(0, table.rows())
                    .map(i -> table.rows() - 1 - i)
                    .mapToObj(table::row)
                    .toArray(long[][]::new));
            final var other = KruskalWallis.withDefaults().test(reordered);

            assertThat(other.isPresent()).isEqualTo(result.isPresent());
            result.ifPresent(expected -> {
                assertThat(expected.pValue()).isBetween(0.0, 1.0);
                assertThat(other.orElseThrow().statistic())
                        .isCloseTo(expected.statistic(), Offset.offset(1e-9 * (1 + expected.statistic())));
            });
            if (table.rows() == 2 && result.isPresent()) {
                // With two groups H is the square of the uncorrected Mann-Whitney z.
                final double z = MannWhitney.withDefaults()
                        .with(MannWhitney.ContinuityCorrection.DISABLED)
                        .test(table)
                        .orElseThrow()
                        .z();
                assertThat(result.orElseThrow().statistic()).isCloseTo(z * z, Offset.offset(1e-9 * (1 + z * z)));
            }
        }
    }

    private static double[] answers(Table table, int row) {
        return IntStream.range(0, table.columns())
                .flatMap(j -> IntStream.generate(() -> j + 1).limit(table.count(row, j)))
                .asDoubleStream()
                .toArray();
    }
}
