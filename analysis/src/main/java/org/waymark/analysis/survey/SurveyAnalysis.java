package org.waymark.analysis.survey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.waymark.analysis.agreement.CronbachAlpha;
import org.waymark.analysis.association.AssociationTest;
import org.waymark.analysis.disclosure.DisclosedTable;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.multiplicity.PValueAdjustment;
import org.waymark.analysis.table.Table;

/**
 * Runs the per-question analysis of a {@link Dataset}: for each question, overall and within each
 * group of each breakdown, the base, counts, percentages with Wilson intervals, the not applicable
 * and prefer not to say counts beside the base, quartiles for scales and numbers, and a test per
 * breakdown with its effect size and a sentence; the same for each scale score, reported like a
 * number, with Cronbach's alpha of its items; p-values adjusted by Holm and by Benjamini-Hochberg
 * across every test of the run; all of it through the disclosure profile.
 *
 * <p>Aggregate first: one pass over the respondents per question makes the count tables for every
 * grouping at once, and everything else is computed from the tables. Numbers and scores are sorted
 * once per group.
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
        final List<Draft> questionDrafts = new ArrayList<>();
        final List<Draft> scaleDrafts = new ArrayList<>();
        final List<BreakdownTests.Raw> tests = new ArrayList<>();
        for (int q = 0; q < dataset.questions().size(); q++) {
            questionDrafts.add(draft(dataset, q, tests));
        }
        for (int s = 0; s < dataset.scales().size(); s++) {
            final Scale scale = dataset.scales().get(s);
            scaleDrafts.add(
                    numbers(dataset, Question.number(scale.id(), scale.label()), dataset.scores(s), r -> false, tests));
        }
        final Adjusted adjusted = Adjusted.of(tests);
        final List<QuestionSummary> questions = new ArrayList<>();
        for (Draft draft : questionDrafts) {
            final Question question = draft.question();
            questions.add(new QuestionSummary(
                    question.id(),
                    question.label(),
                    question.kind(),
                    draft.overall(),
                    breakdowns(dataset, draft, tests, adjusted)));
        }
        final List<ScaleSummary> scales = new ArrayList<>();
        for (int s = 0; s < scaleDrafts.size(); s++) {
            final Draft draft = scaleDrafts.get(s);
            final Scale scale = dataset.scales().get(s);
            scales.add(new ScaleSummary(
                    scale,
                    draft.overall(),
                    breakdowns(dataset, draft, tests, adjusted),
                    reliability(ScaleScores.items(dataset, scale))));
        }
        return new SurveyReport(profile, dataset.respondents(), questions, scales, adjusted.published());
    }

    /**
     * Holm and Benjamini-Hochberg over the published tests only, by position in the run's list
     * ({@code NaN} for a withheld test). A withheld p-value in the family would move the adjusted
     * p-values of the published tests, and so let something of it out.
     */
    private record Adjusted(double[] holm, double[] bh, int published) {
        static Adjusted of(List<BreakdownTests.Raw> tests) {
            final int[] positions = IntStream.range(0, tests.size())
                    .filter(t -> !tests.get(t).testWithheld())
                    .toArray();
            final double[] p = Arrays.stream(positions)
                    .mapToDouble(t -> tests.get(t).pValue())
                    .toArray();
            final double[] holm = new double[tests.size()];
            final double[] bh = new double[tests.size()];
            Arrays.fill(holm, Double.NaN);
            Arrays.fill(bh, Double.NaN);
            final double[] holmOfPublished = PValueAdjustment.HOLM.adjust(p);
            final double[] bhOfPublished = PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p);
            for (int k = 0; k < positions.length; k++) {
                holm[positions[k]] = holmOfPublished[k];
                bh[positions[k]] = bhOfPublished[k];
            }
            return new Adjusted(holm, bh, positions.length);
        }
    }

    /** A question's or scale's summaries, with its tests as positions in the run's list of tests. */
    private record Draft(
            Question question, GroupSummary overall, List<List<GroupSummary>> groups, List<List<Integer>> tests) {}

    private List<BreakdownSummary> breakdowns(
            Dataset dataset, Draft draft, List<BreakdownTests.Raw> tests, Adjusted adjusted) {
        final List<BreakdownSummary> breakdowns = new ArrayList<>();
        for (int b = 0; b < draft.groups().size(); b++) {
            final Breakdown breakdown = dataset.breakdowns().get(b);
            final List<GroupSummary> groups = draft.groups().get(b);
            final List<TestSummary> summaries = new ArrayList<>();
            for (int t : draft.tests().get(b)) {
                summaries.add(summary(
                        draft.question(),
                        groups,
                        tests.get(t),
                        adjusted.holm()[t],
                        adjusted.bh()[t],
                        adjusted.published()));
            }
            breakdowns.add(new BreakdownSummary(breakdown.id(), breakdown.label(), groups, summaries));
        }
        return breakdowns;
    }

    private Draft draft(Dataset dataset, int q, List<BreakdownTests.Raw> tests) {
        final Question question = dataset.questions().get(q);
        if (question.kind() == QuestionKind.NUMBER) {
            return numbers(dataset, question, dataset.numbers(q), r -> dataset.declined(q, r), tests);
        }
        final List<List<GroupSummary>> groups = new ArrayList<>();
        final List<List<Integer>> positions = new ArrayList<>();
        final Counts[] counts = Counter.count(dataset, q);
        final GroupSummary overall = GroupSummaries.of(question, counts[0], List.of(EVERYONE), profile)
                .get(0);
        for (int b = 0; b < dataset.breakdowns().size(); b++) {
            final List<Option> options = dataset.breakdowns().get(b).groups();
            groups.add(GroupSummaries.of(question, counts[b + 1], options, profile));
            positions.add(add(BreakdownTests.of(question, counts[b + 1], options, profile, association), tests));
        }
        return new Draft(question, overall, groups, positions);
    }

    /** A column of numbers, a number question's or a scale's scores ({@code NaN} for none). */
    private Draft numbers(
            Dataset dataset,
            Question question,
            double[] values,
            IntPredicate declined,
            List<BreakdownTests.Raw> tests) {
        final List<List<GroupSummary>> groups = new ArrayList<>();
        final List<List<Integer>> positions = new ArrayList<>();
        final int[] everyone = new int[dataset.respondents()];
        final GroupSummary overall = GroupSummaries.ofNumbers(
                        sortedByGroup(values, everyone, 1), declined(declined, everyone, 1), List.of(EVERYONE), profile)
                .get(0);
        for (int b = 0; b < dataset.breakdowns().size(); b++) {
            final List<Option> options = dataset.breakdowns().get(b).groups();
            final int[] column = dataset.groups(b);
            final double[][] byGroup = sortedByGroup(values, column, options.size() + 1);
            groups.add(GroupSummaries.ofNumbers(
                    byGroup, declined(declined, column, options.size() + 1), options, profile));
            positions.add(add(BreakdownTests.ofNumbers(byGroup, options, profile), tests));
        }
        return new Draft(question, overall, groups, positions);
    }

    private static List<Integer> add(List<BreakdownTests.Raw> raws, List<BreakdownTests.Raw> tests) {
        final List<Integer> positions = new ArrayList<>();
        for (BreakdownTests.Raw raw : raws) {
            positions.add(tests.size());
            tests.add(raw);
        }
        return positions;
    }

    /**
     * The numbers of each group of a breakdown column (in which 0 is no group and is dropped), in
     * increasing order; a column of zeros with one position gives everyone's.
     */
    private static double[][] sortedByGroup(double[] values, int[] column, int positions) {
        final int[] sizes = new int[positions];
        for (int r = 0; r < values.length; r++) {
            if (!Double.isNaN(values[r])) {
                sizes[column[r]]++;
            }
        }
        final double[][] byGroup = new double[positions][];
        for (int g = 0; g < positions; g++) {
            byGroup[g] = new double[sizes[g]];
        }
        final int[] filled = new int[positions];
        for (int r = 0; r < values.length; r++) {
            if (!Double.isNaN(values[r])) {
                byGroup[column[r]][filled[column[r]]++] = values[r];
            }
        }
        for (double[] group : byGroup) {
            Arrays.sort(group);
        }
        return positions == 1 ? byGroup : Arrays.copyOfRange(byGroup, 1, positions);
    }

    /** How many preferred not to say in each group of a breakdown column, dropping position 0 as above. */
    private static long[] declined(IntPredicate declined, int[] column, int positions) {
        final long[] counts = new long[positions];
        for (int r = 0; r < column.length; r++) {
            if (declined.test(r)) {
                counts[column[r]]++;
            }
        }
        return positions == 1 ? counts : Arrays.copyOfRange(counts, 1, positions);
    }

    /**
     * Alpha over the complete cases, withheld when they are too few for derived statistics. The
     * complete and incomplete counts pass through the profile as one table.
     */
    private ScaleReliability reliability(double[][] items) {
        int complete = 0;
        for (int r = 0; r < items[0].length; r++) {
            boolean answered = true;
            for (double[] item : items) {
                answered &= !Double.isNaN(item[r]);
            }
            complete += answered ? 1 : 0;
        }
        final DisclosedTable cases = profile.apply(Table.ofRow(complete, items[0].length - complete));
        final boolean withheld = !profile.permitsDerivedStatistics(complete);
        if (withheld || complete < 2) {
            return new ScaleReliability(
                    cases.cell(0, 0), cases.cell(0, 1), OptionalDouble.empty(), List.of(), withheld);
        }
        try {
            final CronbachAlpha alpha = CronbachAlpha.ofItems(items);
            return new ScaleReliability(
                    cases.cell(0, 0),
                    cases.cell(0, 1),
                    OptionalDouble.of(alpha.alpha()),
                    alpha.alphaIfItemDeleted(),
                    false);
        } catch (IllegalArgumentException e) {
            // Everyone with every item answered has the same total: alpha is undefined.
            return new ScaleReliability(cases.cell(0, 0), cases.cell(0, 1), OptionalDouble.empty(), List.of(), false);
        }
    }

    private static TestSummary summary(
            Question question, List<GroupSummary> groups, BreakdownTests.Raw raw, double holm, double bh, int tests) {
        final List<GroupSummary> tested =
                Arrays.stream(raw.tested()).mapToObj(groups::get).toList();
        final Sentences.Verdict verdict = raw.testWithheld()
                ? Sentences.Verdict.withheld()
                : Sentences.Verdict.of(raw.method(), raw.pValue(), holm, tests);
        final boolean shown = !raw.testWithheld();
        return new TestSummary(
                raw.option() < 0
                        ? Optional.empty()
                        : Optional.of(question.options().get(raw.option()).code()),
                raw.method(),
                shown ? raw.statistic() : OptionalDouble.empty(),
                shown ? raw.degreesOfFreedom() : OptionalInt.empty(),
                shown ? OptionalDouble.of(raw.pValue()) : OptionalDouble.empty(),
                shown ? OptionalDouble.of(holm) : OptionalDouble.empty(),
                shown ? OptionalDouble.of(bh) : OptionalDouble.empty(),
                shown ? Optional.of(raw.effect()) : Optional.empty(),
                raw.oddsRatio(),
                raw.residuals(),
                raw.cellsWithheld(),
                raw.testWithheld(),
                shown ? raw.monteCarlo() : Optional.empty(),
                raw.groupsLeftOut(),
                question.kind() == QuestionKind.NUMBER
                        ? Sentences.describeNumbers(tested, verdict)
                        : Sentences.describe(question.kind(), tested, raw.focus(), verdict));
    }
}
