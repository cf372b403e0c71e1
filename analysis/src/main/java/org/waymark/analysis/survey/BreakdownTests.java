package org.waymark.analysis.survey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.waymark.analysis.TestMethod;
import org.waymark.analysis.association.AssociationResult;
import org.waymark.analysis.association.AssociationTest;
import org.waymark.analysis.association.MonteCarlo;
import org.waymark.analysis.association.OddsRatio;
import org.waymark.analysis.disclosure.DisclosedTable;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.ordinal.KruskalWallis;
import org.waymark.analysis.ordinal.MannWhitney;
import org.waymark.analysis.table.Table;

/**
 * The tests of one question by one breakdown, before p-values are adjusted across the run.
 *
 * <p>Groups too small for derived statistics under the profile are left out of the test, so that a
 * test result never says something about a group whose figures are hidden; they are listed so the
 * reader knows. Unordered answers get the association rule of {@link AssociationTest}, ordered
 * scales, number questions and scale scores Mann-Whitney (two groups) or Kruskal-Wallis (more),
 * and each option of a multi question is tested as its own yes/no.
 *
 * <p>An association test also gives an odds ratio (two groups by two answers) and adjusted
 * residuals, figures cell by cell. With the margins, a residual or an odds ratio can be worked back
 * to the counts behind it, so both are withheld when any cell of the tested groups is hidden in the
 * table as published (primary or secondary suppression).
 *
 * <p>Under a profile that {@linkplain DisclosureProfile#withholdsDerivedStatisticsOverHiddenCells() withholds
 * tests over hidden cells} ({@code strict-10}), the whole test is withheld in that case too: with
 * the exact totals such a profile publishes, the statistic, the p-value or the effect size of a
 * 2x2 table pins a hidden cell to one or two values. For numbers the cells are not published, but
 * a tested group's base is, so the test is withheld when one is hidden.
 */
final class BreakdownTests {
    private BreakdownTests() {}

    /**
     * A test before adjustment.
     *
     * @param option the multi option tested, as a position, or -1
     * @param focus the option a sentence describes
     * @param tested positions of the groups in the test
     */
    record Raw(
            int option,
            TestMethod method,
            OptionalDouble statistic,
            OptionalInt degreesOfFreedom,
            double pValue,
            Effect effect,
            Optional<OddsRatio> oddsRatio,
            Optional<CellResiduals> residuals,
            boolean cellsWithheld,
            boolean testWithheld,
            Optional<MonteCarlo> monteCarlo,
            List<String> groupsLeftOut,
            int focus,
            int[] tested) {}

    static List<Raw> of(
            Question question,
            Counts counts,
            List<Option> groups,
            DisclosureProfile profile,
            AssociationTest association) {
        final Selection selection = Selection.of(counts.base(), groups, profile);
        if (selection.rows().length < 2) {
            return List.of();
        }
        final int[] rows = selection.rows();
        final List<String> leftOut = selection.leftOut();
        final List<String> testedGroups =
                Arrays.stream(rows).mapToObj(i -> groups.get(i).code()).toList();
        return switch (question.kind()) {
            case SINGLE -> {
                final Labels labels = new Labels(
                        testedGroups,
                        question.options().stream().map(Option::code).toList(),
                        anyHidden(profile.apply(Table.of(counts.categories())), rows));
                yield association(association, table(counts, rows, -1), -1, leftOut, rows, labels, profile)
                        .map(List::of)
                        .orElse(List.of());
            }
            case SCALE -> {
                final boolean hidden = anyHidden(profile.apply(Table.of(counts.categories())), rows);
                yield ranks(
                                table(counts, rows, -1),
                                leftOut,
                                rows,
                                hidden && profile.withholdsDerivedStatisticsOverHiddenCells())
                        .map(List::of)
                        .orElse(List.of());
            }
            case MULTI -> {
                final List<Raw> tests = new ArrayList<>();
                final List<DisclosedTable> published = new ArrayList<>();
                for (int j = 0; j < question.options().size(); j++) {
                    published.add(profile.apply(counts.yesNo(j)));
                }
                // A group's base is hidden if any option's table hides it (GroupSummaries), and
                // then it is not published beside this option either.
                final boolean anyBaseHidden = published.stream().anyMatch(table -> anyRowTotalHidden(table, rows));
                for (int j = 0; j < question.options().size(); j++) {
                    final Labels labels = new Labels(
                            testedGroups,
                            List.of(CellResiduals.TICKED, CellResiduals.NOT_TICKED),
                            anyBaseHidden || anyHidden(published.get(j), rows));
                    association(association, table(counts, rows, j), j, leftOut, rows, labels, profile)
                            .ifPresent(tests::add);
                }
                yield tests;
            }
            case NUMBER -> List.of();
        };
    }

    /**
     * The rank test of numbers (a number question or a scale score) by the groups of a breakdown,
     * from each group's values in increasing order. Each distinct value becomes a column of a table
     * in increasing order, so the test is the one an ordered scale gets, ties and all.
     */
    static List<Raw> ofNumbers(double[][] sortedByGroup, List<Option> groups, DisclosureProfile profile) {
        final long[] bases =
                Arrays.stream(sortedByGroup).mapToLong(values -> values.length).toArray();
        final Selection selection = Selection.of(bases, groups, profile);
        final int[] rows = selection.rows();
        if (rows.length < 2) {
            return List.of();
        }
        final double[] distinct = Arrays.stream(rows)
                .mapToObj(i -> sortedByGroup[i])
                .flatMapToDouble(Arrays::stream)
                .sorted()
                .distinct()
                .toArray();
        final long[][] cells = new long[rows.length][distinct.length];
        for (int i = 0; i < rows.length; i++) {
            int column = 0;
            for (double value : sortedByGroup[rows[i]]) {
                while (distinct[column] != value) {
                    column++;
                }
                cells[i][column]++;
            }
        }
        // The same table of bases the group summaries publish: a tested group's base may be hidden by
        // secondary suppression, and a rank statistic with the other base would give it back.
        final long[][] baseColumn =
                Arrays.stream(bases).mapToObj(base -> new long[] {base}).toArray(long[][]::new);
        final boolean hidden = anyHidden(profile.apply(Table.of(baseColumn)), rows);
        return ranks(
                        Table.of(cells),
                        selection.leftOut(),
                        rows,
                        hidden && profile.withholdsDerivedStatisticsOverHiddenCells())
                .map(List::of)
                .orElse(List.of());
    }

    /**
     * The groups a test compares: those with answers and large enough for derived statistics under
     * the profile; the others with answers are left out, and named.
     */
    private record Selection(int[] rows, List<String> leftOut) {
        static Selection of(long[] bases, List<Option> groups, DisclosureProfile profile) {
            final List<Integer> tested = new ArrayList<>();
            final List<String> leftOut = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                if (bases[i] > 0 && profile.permitsDerivedStatistics(bases[i])) {
                    tested.add(i);
                } else if (bases[i] > 0) {
                    leftOut.add(groups.get(i).code());
                }
            }
            return new Selection(tested.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(leftOut));
        }
    }

    /** Rows and columns of a tested table, and whether its cells may be shown one by one. */
    private record Labels(List<String> groups, List<String> answers, boolean cellsWithheld) {}

    /** Whether the published table hides any cell of the tested rows. */
    private static boolean anyHidden(DisclosedTable published, int[] rows) {
        for (int i : rows) {
            for (int j = 0; j < published.columns(); j++) {
                if (published.cell(i, j).suppressed()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyRowTotalHidden(DisclosedTable published, int[] rows) {
        return Arrays.stream(rows).anyMatch(i -> published.rowTotal(i).suppressed());
    }

    /** Groups in {@code rows} by options, or by yes/no for one option of a multi question. */
    private static Table table(Counts counts, int[] rows, int option) {
        final long[][] cells = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            final long[] categories = counts.categories()[rows[i]];
            cells[i] = option < 0
                    ? categories.clone()
                    : new long[] {categories[option], counts.base()[rows[i]] - categories[option]};
        }
        return Table.of(cells);
    }

    private static Optional<Raw> association(
            AssociationTest test,
            Table table,
            int option,
            List<String> leftOut,
            int[] rows,
            Labels labels,
            DisclosureProfile profile) {
        final boolean testWithheld = labels.cellsWithheld() && profile.withholdsDerivedStatisticsOverHiddenCells();
        return test.test(table)
                .map(result -> new Raw(
                        option,
                        result.method(),
                        result.statistic(),
                        result.degreesOfFreedom(),
                        result.pValue(),
                        new Effect("cramers-v", result.cramersV()),
                        labels.cellsWithheld() ? Optional.empty() : result.oddsRatio(),
                        labels.cellsWithheld()
                                ? Optional.empty()
                                : Optional.of(new CellResiduals(
                                        labels.groups(), labels.answers(), result.adjustedResiduals())),
                        labels.cellsWithheld(),
                        testWithheld,
                        result.monteCarlo(),
                        leftOut,
                        // The answer that strays furthest is read from the residuals: not for a withheld test.
                        option >= 0 ? option : testWithheld ? 0 : drivingColumn(table, result),
                        rows));
    }

    /**
     * The answer whose cells stray furthest from independence, which a sentence should name. Ties,
     * such as the two columns of a 2x2 table whose residuals differ only by rounding, go to the
     * earlier answer.
     */
    private static int drivingColumn(Table table, AssociationResult result) {
        int best = 0;
        double largest = -1;
        for (int j = 0; j < table.columns(); j++) {
            for (int i = 0; i < table.rows(); i++) {
                final double residual = Math.abs(result.adjustedResiduals().get(i, j));
                if (residual > largest * (1 + 1e-9)) {
                    largest = residual;
                    best = j;
                }
            }
        }
        return best;
    }

    private static Optional<Raw> ranks(Table table, List<String> leftOut, int[] rows, boolean withheld) {
        if (rows.length == 2) {
            return MannWhitney.withDefaults()
                    .test(table)
                    .map(result -> new Raw(
                            -1,
                            TestMethod.MANN_WHITNEY,
                            OptionalDouble.of(result.u()),
                            OptionalInt.empty(),
                            result.pValue(),
                            new Effect("rank-biserial", result.rankBiserial()),
                            Optional.empty(),
                            Optional.empty(),
                            false,
                            withheld,
                            Optional.empty(),
                            leftOut,
                            0,
                            rows));
        }
        return KruskalWallis.withDefaults()
                .test(table)
                .map(result -> new Raw(
                        -1,
                        TestMethod.KRUSKAL_WALLIS,
                        OptionalDouble.of(result.statistic()),
                        OptionalInt.of(result.degreesOfFreedom()),
                        result.pValue(),
                        new Effect("epsilon-squared", result.epsilonSquared()),
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        withheld,
                        Optional.empty(),
                        leftOut,
                        0,
                        rows));
    }
}
