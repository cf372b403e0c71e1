package org.waymark.analysis.survey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.waymark.analysis.association.AssociationTest;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.multiplicity.PValueAdjustment;

/**
 * Runs the per-question analysis of a {@link Dataset}: for each question, overall and within each
 * group of each breakdown, the base, counts, percentages with Wilson intervals, the not applicable
 * and prefer not to say counts beside the base, quartiles for scales and numbers, and a test per
 * breakdown with its effect size and a sentence; p-values adjusted by Holm and by
 * Benjamini-Hochberg across every test of the run; all of it through the disclosure profile.
 *
 * <p>Aggregate first: one pass over the respondents per question makes the count tables for every
 * grouping at once, and everything else is computed from the tables.
 *
 * <p>Instances are immutable; {@code with...} methods return a changed copy.
 */
public final class SurveyAnalysis {
    private static final SurveyAnalysis DEFAULT =
            new SurveyAnalysis(DisclosureProfile.NHS_STANDARD, AssociationTest.withDefaults());
    private static final Option EVERYONE = Option.of("overall", "Everyone");

    private final DisclosureProfile profile;
    private final AssociationTest association;

    private SurveyAnalysis(DisclosureProfile profile, AssociationTest association) {
        this.profile = profile;
        this.association = association;
    }

    /** The {@code nhs-standard} profile and the default association rule. */
    public static SurveyAnalysis withDefaults() {
        return DEFAULT;
    }

    public SurveyAnalysis with(DisclosureProfile disclosure) {
        return new SurveyAnalysis(disclosure, association);
    }

    public SurveyAnalysis with(AssociationTest test) {
        return new SurveyAnalysis(profile, test);
    }

    public SurveyReport run(Dataset dataset) {
        final List<Draft> drafts = new ArrayList<>();
        final List<BreakdownTests.Raw> tests = new ArrayList<>();
        for (int q = 0; q < dataset.questions().size(); q++) {
            drafts.add(draft(dataset, q, tests));
        }
        final double[] p =
                tests.stream().mapToDouble(BreakdownTests.Raw::pValue).toArray();
        final double[] holm = PValueAdjustment.HOLM.adjust(p);
        final double[] bh = PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p);
        final List<QuestionSummary> questions = new ArrayList<>();
        for (Draft draft : drafts) {
            final List<BreakdownSummary> breakdowns = new ArrayList<>();
            for (int b = 0; b < draft.groups().size(); b++) {
                final Breakdown breakdown = dataset.breakdowns().get(b);
                final List<GroupSummary> groups = draft.groups().get(b);
                final List<TestSummary> summaries = new ArrayList<>();
                for (int t : draft.tests().get(b)) {
                    summaries.add(summary(draft.question(), groups, tests.get(t), holm[t], bh[t], p.length));
                }
                breakdowns.add(new BreakdownSummary(breakdown.id(), breakdown.label(), groups, summaries));
            }
            final Question question = draft.question();
            questions.add(
                    new QuestionSummary(question.id(), question.label(), question.kind(), draft.overall(), breakdowns));
        }
        return new SurveyReport(profile, dataset.respondents(), questions, p.length);
    }

    /** A question's summaries, with its tests as positions in the run's list of tests. */
    private record Draft(
            Question question, GroupSummary overall, List<List<GroupSummary>> groups, List<List<Integer>> tests) {}

    private Draft draft(Dataset dataset, int q, List<BreakdownTests.Raw> tests) {
        final Question question = dataset.questions().get(q);
        final List<List<GroupSummary>> groups = new ArrayList<>();
        final List<List<Integer>> positions = new ArrayList<>();
        if (question.kind() == QuestionKind.NUMBER) {
            final double[] values = dataset.numbers(q);
            final GroupSummary overall = GroupSummaries.ofNumbers(
                            new double[][] {sorted(values, r -> true)},
                            declined(dataset, q, new int[dataset.respondents()], 1),
                            List.of(EVERYONE),
                            profile)
                    .get(0);
            for (int b = 0; b < dataset.breakdowns().size(); b++) {
                final List<Option> options = dataset.breakdowns().get(b).groups();
                final int[] column = dataset.groups(b);
                final double[][] byGroup = new double[options.size()][];
                for (int g = 0; g < options.size(); g++) {
                    final int group = g + 1;
                    byGroup[g] = sorted(values, r -> column[r] == group);
                }
                groups.add(GroupSummaries.ofNumbers(
                        byGroup, declined(dataset, q, column, options.size() + 1), options, profile));
                positions.add(List.of());
            }
            return new Draft(question, overall, groups, positions);
        }
        final Counts[] counts = Counter.count(dataset, q);
        final GroupSummary overall = GroupSummaries.of(question, counts[0], List.of(EVERYONE), profile)
                .get(0);
        for (int b = 0; b < dataset.breakdowns().size(); b++) {
            final List<Option> options = dataset.breakdowns().get(b).groups();
            groups.add(GroupSummaries.of(question, counts[b + 1], options, profile));
            final List<Integer> mine = new ArrayList<>();
            for (BreakdownTests.Raw raw : BreakdownTests.of(question, counts[b + 1], options, profile, association)) {
                mine.add(tests.size());
                tests.add(raw);
            }
            positions.add(mine);
        }
        return new Draft(question, overall, groups, positions);
    }

    /**
     * How many chose "prefer not to say" for a number question in each group of a breakdown column
     * (in which 0 is no group and is dropped); a column of zeros with one group gives everyone.
     */
    private static long[] declined(Dataset dataset, int q, int[] column, int positions) {
        final long[] counts = new long[positions];
        for (int r = 0; r < column.length; r++) {
            if (dataset.declined(q, r)) {
                counts[column[r]]++;
            }
        }
        return positions == 1 ? counts : Arrays.copyOfRange(counts, 1, positions);
    }

    /** The numbers given by the respondents the filter keeps, in increasing order. */
    private static double[] sorted(double[] values, IntPredicate respondents) {
        final double[] kept = IntStream.range(0, values.length)
                .filter(r -> !Double.isNaN(values[r]) && respondents.test(r))
                .mapToDouble(r -> values[r])
                .toArray();
        Arrays.sort(kept);
        return kept;
    }

    private static TestSummary summary(
            Question question, List<GroupSummary> groups, BreakdownTests.Raw raw, double holm, double bh, int tests) {
        final List<GroupSummary> tested =
                Arrays.stream(raw.tested()).mapToObj(groups::get).toList();
        return new TestSummary(
                raw.option() < 0
                        ? Optional.empty()
                        : Optional.of(question.options().get(raw.option()).code()),
                raw.method(),
                raw.statistic(),
                raw.degreesOfFreedom(),
                raw.pValue(),
                holm,
                bh,
                raw.effect(),
                raw.oddsRatio(),
                raw.residuals(),
                raw.cellsWithheld(),
                raw.monteCarlo(),
                raw.groupsLeftOut(),
                Sentences.describe(question.kind(), tested, raw.focus(), raw.method(), raw.pValue(), holm, tests));
    }
}
