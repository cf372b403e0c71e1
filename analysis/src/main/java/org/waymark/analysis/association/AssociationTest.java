package org.waymark.analysis.association;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.waymark.analysis.TestMethod;
import org.waymark.analysis.table.Table;

/**
 * Tests whether the rows and columns of a table are associated, choosing the test by a fixed,
 * documented rule:
 *
 * <ol>
 *   <li>Empty rows and columns are dropped; with fewer than two rows or columns left there is
 *       nothing to test.
 *   <li>If every expected count is at least {@linkplain #withMinimumExpected(double) 5}, Pearson's
 *       chi-square test without continuity correction (R: {@code chisq.test(m, correct = FALSE)}).
 *   <li>Otherwise Fisher's exact test (R: {@code fisher.test(m)}), summing over the tables with
 *       the same margins if that takes at most {@linkplain #withEnumerationLimit(long) a limit} of
 *       steps, else by Monte Carlo with a recorded seed, number of tables and standard error.
 * </ol>
 *
 * <p>The 2x2 case does not use Commons Statistics' {@code FisherExactTest}: in version 1.2 it
 * compares probabilities without R's tolerance, so when the observed table ties in probability
 * with the other mode it leaves that mode out (for [[1, 6], [1, 2]] it gives 0.533 where R gives
 * 1).
 *
 * <p>Instances are immutable; {@code with...} methods return a changed copy.
 */
public final class AssociationTest {
    private static final AssociationTest DEFAULT = new AssociationTest(5, 2_000_000, 10_000, 20110901L, 0.95);

    private final double minimumExpected;
    private final long enumerationLimit;
    private final int monteCarloTables;
    private final long seed;
    private final double confidenceLevel;

    private AssociationTest(
            double minimumExpected, long enumerationLimit, int monteCarloTables, long seed, double confidenceLevel) {
        this.minimumExpected = minimumExpected;
        this.enumerationLimit = enumerationLimit;
        this.monteCarloTables = monteCarloTables;
        this.seed = seed;
        this.confidenceLevel = confidenceLevel;
    }

    /**
     * Expected count at least 5 for chi-square; exact Fisher for up to two million steps (each path
     * carried into each next partial table counts as one, so time and memory are bounded); else
     * 10,000 Monte Carlo tables from a fixed seed; 95% interval for the odds ratio.
     */
    public static AssociationTest withDefaults() {
        return DEFAULT;
    }

    /** The smallest expected count at which the chi-square test is trusted. */
    public AssociationTest withMinimumExpected(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("Minimum expected count must be at least 0: " + value);
        }
        return new AssociationTest(value, enumerationLimit, monteCarloTables, seed, confidenceLevel);
    }

    /** The most steps exact enumeration may take before Monte Carlo takes over. */
    public AssociationTest withEnumerationLimit(long tables) {
        if (tables < 0) {
            throw new IllegalArgumentException("Enumeration limit cannot be negative: " + tables);
        }
        return new AssociationTest(minimumExpected, tables, monteCarloTables, seed, confidenceLevel);
    }

    /** How many random tables a Monte Carlo p-value draws, and from which seed. */
    public AssociationTest withMonteCarlo(int tables, long seed) {
        if (tables < 1) {
            throw new IllegalArgumentException("Monte Carlo needs at least one table: " + tables);
        }
        return new AssociationTest(minimumExpected, enumerationLimit, tables, seed, confidenceLevel);
    }

    /** The confidence level of the odds ratio's interval. */
    public AssociationTest withConfidenceLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("Confidence level must be between 0 and 1: " + level);
        }
        return new AssociationTest(minimumExpected, enumerationLimit, monteCarloTables, seed, level);
    }

    /**
     * Tests the table.
     *
     * @return the result, or empty when fewer than two rows or two columns have any count
     */
    public Optional<AssociationResult> test(Table table) {
        final Table reduced = table.withoutEmptyRowsAndColumns();
        if (reduced.rows() < 2 || reduced.columns() < 2) {
            return Optional.empty();
        }
        final long[][] counts = reduced.toArray();
        final double chiSquare = ChiSquareTest.withDefaults().statistic(counts);
        final double cramersV =
                Math.sqrt(chiSquare / (reduced.total() * (Math.min(reduced.rows(), reduced.columns()) - 1.0)));
        final double smallestExpected = smallestExpected(reduced);
        final Optional<OddsRatio> oddsRatio = table.rows() == 2 && table.columns() == 2
                ? Optional.of(OddsRatio.of(table, confidenceLevel))
                : Optional.empty();
        final Residuals residuals = Residuals.of(table);

        if (smallestExpected >= minimumExpected) {
            final int df = (reduced.rows() - 1) * (reduced.columns() - 1);
            return Optional.of(new AssociationResult(
                    TestMethod.PEARSON_CHI_SQUARE,
                    OptionalDouble.of(chiSquare),
                    OptionalInt.of(df),
                    ChiSquareTest.withDefaults().test(counts).getPValue(),
                    Optional.empty(),
                    smallestExpected,
                    cramersV,
                    oddsRatio,
                    residuals));
        }
        final int[][] small = toInts(counts);
        final OptionalDouble exact = FisherEnumeration.pValue(small, enumerationLimit);
        if (exact.isPresent()) {
            return Optional.of(new AssociationResult(
                    TestMethod.FISHER_EXACT,
                    OptionalDouble.empty(),
                    OptionalInt.empty(),
                    exact.getAsDouble(),
                    Optional.empty(),
                    smallestExpected,
                    cramersV,
                    oddsRatio,
                    residuals));
        }
        final FisherMonteCarlo.Estimate estimate = FisherMonteCarlo.pValue(small, monteCarloTables, seed);
        return Optional.of(new AssociationResult(
                TestMethod.FISHER_EXACT_MONTE_CARLO,
                OptionalDouble.empty(),
                OptionalInt.empty(),
                estimate.pValue(),
                Optional.of(estimate.details()),
                smallestExpected,
                cramersV,
                oddsRatio,
                residuals));
    }

    private static double smallestExpected(Table table) {
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < table.rows(); i++) {
            for (int j = 0; j < table.columns(); j++) {
                smallest = Math.min(smallest, (double) table.rowTotal(i) * table.columnTotal(j) / table.total());
            }
        }
        return smallest;
    }

    private static int[][] toInts(long[][] counts) {
        final int[][] ints = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            ints[i] = new int[counts[i].length];
            for (int j = 0; j < counts[i].length; j++) {
                ints[i][j] = Math.toIntExact(counts[i][j]);
            }
        }
        return ints;
    }
}
