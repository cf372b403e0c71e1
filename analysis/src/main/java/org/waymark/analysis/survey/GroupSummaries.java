package org.waymark.analysis.survey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.DisclosedTable;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.disclosure.Flag;
import org.waymark.analysis.ordinal.Quartiles;
import org.waymark.analysis.proportion.Proportion;
import org.waymark.analysis.table.Table;

/**
 * Turns the counts of a question within the groups of one grouping into what may be published. Each
 * table passes through the profile whole, so that secondary suppression sees its totals.
 */
final class GroupSummaries {
    private static final int LOW_BASE = 30;

    private GroupSummaries() {}

    static List<GroupSummary> of(Question question, Counts counts, List<Option> groups, DisclosureProfile profile) {
        final DisclosedTable reported = profile.apply(besideTheBase(counts));
        return question.kind() == QuestionKind.MULTI
                ? ofChoices(question, counts, groups, profile, reported)
                : ofAnswers(question, counts, groups, profile, reported);
    }

    private static List<GroupSummary> ofAnswers(
            Question question, Counts counts, List<Option> groups, DisclosureProfile profile, DisclosedTable reported) {
        final DisclosedTable table = profile.apply(Table.of(counts.categories()));
        final List<GroupSummary> summaries = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            final List<CategorySummary> categories = new ArrayList<>();
            for (int j = 0; j < question.options().size(); j++) {
                final Option option = question.options().get(j);
                final OptionalDouble percent = table.rowPercent(i, j);
                categories.add(new CategorySummary(
                        option.code(),
                        option.label(),
                        table.cell(i, j),
                        percent,
                        interval(
                                percent,
                                table.permitsDerivedStatistics(i),
                                counts.categories()[i][j],
                                counts.base()[i])));
            }
            // Quartiles say where the counts lie: not beside a hidden one where totals are exact (strict-10).
            final boolean quartiles = question.kind() == QuestionKind.SCALE
                    && counts.base()[i] > 0
                    && table.permitsDerivedStatistics(i)
                    && !(profile.withholdsDerivedStatisticsOverHiddenCells() && anyHidden(table, i));
            summaries.add(new GroupSummary(
                    groups.get(i).code(),
                    groups.get(i).label(),
                    table.rowTotal(i),
                    reported.cell(i, 0),
                    reported.cell(i, 1),
                    categories,
                    quartiles ? Optional.of(Quartiles.of(counts.categories()[i])) : Optional.empty(),
                    Optional.empty(),
                    table.flags(i)));
        }
        return summaries;
    }

    private static boolean anyHidden(DisclosedTable table, int row) {
        for (int j = 0; j < table.columns(); j++) {
            if (table.cell(row, j).suppressed()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each option of a multi question is its own yes/no table. A group's base appears in every one
     * of them, so it is hidden if any of them hides it: a base shown beside one option and worked
     * out from another would undo the hiding.
     */
    private static List<GroupSummary> ofChoices(
            Question question, Counts counts, List<Option> groups, DisclosureProfile profile, DisclosedTable reported) {
        final int k = question.options().size();
        final DisclosedTable[] tables = new DisclosedTable[k];
        for (int j = 0; j < k; j++) {
            tables[j] = profile.apply(counts.yesNo(j));
        }
        final List<GroupSummary> summaries = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            final int row = i;
            final DisclosedCount base = Arrays.stream(tables)
                    .map(table -> table.rowTotal(row))
                    .filter(DisclosedCount::suppressed)
                    .findFirst()
                    .orElse(tables[0].rowTotal(i));
            final boolean derived = !base.suppressed() && profile.permitsDerivedStatistics(counts.base()[i]);
            final List<CategorySummary> categories = new ArrayList<>();
            final Set<Flag> flags = EnumSet.noneOf(Flag.class);
            for (int j = 0; j < k; j++) {
                final OptionalDouble percent = base.suppressed() ? OptionalDouble.empty() : tables[j].rowPercent(i, 0);
                categories.add(new CategorySummary(
                        question.options().get(j).code(),
                        question.options().get(j).label(),
                        tables[j].cell(i, 0),
                        percent,
                        interval(percent, derived, counts.categories()[i][j], counts.base()[i])));
                if (counts.base()[i] > 0 && counts.categories()[i][j] == counts.base()[i]) {
                    flags.add(Flag.SINGLE_ANSWER);
                }
            }
            if (counts.base()[i] < LOW_BASE) {
                flags.add(Flag.LOW_BASE);
            }
            summaries.add(new GroupSummary(
                    groups.get(i).code(),
                    groups.get(i).label(),
                    base,
                    reported.cell(i, 0),
                    reported.cell(i, 1),
                    categories,
                    Optional.empty(),
                    Optional.empty(),
                    flags));
        }
        return summaries;
    }

    /**
     * Groups of a number question or a scale score: the base and, when allowed, the quartiles, mean
     * and standard deviation of the values (sorted), with those who preferred not to say beside the
     * base.
     */
    static List<GroupSummary> ofNumbers(
            double[][] valuesByGroup, long[] declinedByGroup, List<Option> groups, DisclosureProfile profile) {
        final long[][] bases = new long[groups.size()][];
        final long[][] beside = new long[groups.size()][];
        for (int i = 0; i < groups.size(); i++) {
            bases[i] = new long[] {valuesByGroup[i].length};
            beside[i] = new long[] {0, declinedByGroup[i]};
        }
        final DisclosedTable table = profile.apply(Table.of(bases));
        final DisclosedTable reported = profile.apply(Table.of(beside));
        final List<GroupSummary> summaries = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            final double[] values = valuesByGroup[i];
            // The quartiles of n values fall at positions set by n, so they would narrow a hidden base.
            final boolean derived = values.length > 0
                    && table.permitsDerivedStatistics(i)
                    && !(profile.withholdsDerivedStatisticsOverHiddenCells()
                            && table.rowTotal(i).suppressed());
            final Set<Flag> flags = EnumSet.noneOf(Flag.class);
            if (values.length < LOW_BASE) {
                flags.add(Flag.LOW_BASE);
            }
            summaries.add(new GroupSummary(
                    groups.get(i).code(),
                    groups.get(i).label(),
                    table.rowTotal(i),
                    reported.cell(i, 0),
                    reported.cell(i, 1),
                    List.of(),
                    derived ? Optional.of(quartiles(values)) : Optional.empty(),
                    derived ? Optional.of(MeanAndDeviation.of(values)) : Optional.empty(),
                    flags));
        }
        return summaries;
    }

    /** Quartiles of sorted values, through the count form R's type 7 definition is written in. */
    private static Quartiles quartiles(double[] sorted) {
        final double[] scores = Arrays.stream(sorted).distinct().toArray();
        final long[] counts = new long[scores.length];
        int s = 0;
        for (double value : sorted) {
            while (scores[s] != value) {
                s++;
            }
            counts[s]++;
        }
        return Quartiles.of(counts, scores);
    }

    private static Optional<PercentInterval> interval(OptionalDouble percent, boolean derived, long count, long base) {
        if (percent.isEmpty() || !derived) {
            return Optional.empty();
        }
        final Proportion proportion = Proportion.wilson(count, base);
        return Optional.of(new PercentInterval(100 * proportion.lower(), 100 * proportion.upper()));
    }

    private static Table besideTheBase(Counts counts) {
        final long[][] rows = new long[counts.base().length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new long[] {counts.notApplicable()[i], counts.preferNotToSay()[i]};
        }
        return Table.of(rows);
    }
}
