package org.waymark.survey.research;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.waymark.analysis.TestMethod;
import org.waymark.analysis.association.OddsRatio;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.Flag;
import org.waymark.analysis.survey.BreakdownSummary;
import org.waymark.analysis.survey.CategorySummary;
import org.waymark.analysis.survey.CellResiduals;
import org.waymark.analysis.survey.GroupSummary;
import org.waymark.analysis.survey.QuestionKind;
import org.waymark.analysis.survey.QuestionSummary;
import org.waymark.analysis.survey.SurveyReport;
import org.waymark.analysis.survey.TestSummary;

/**
 * The published form of an analysis run: the JSON of {@code GET /api/studies/{id}/analysis}, whose
 * field names are a public contract (docs/analysis.md#the-api). Extend it, never rename a field.
 *
 * <p>A figure the disclosure profile hides is {@code null}, and the object holding it has {@code
 * "suppressed": true}; a {@code null} in an object with {@code "suppressed": false} is a figure that
 * does not exist (no percentage of a base of 0, no test where too few groups have answers, no odds
 * ratio beside a larger table). Every field is always present, except {@code group} and {@code
 * label} in {@code overall} and {@code monteCarlo} in a test whose p-value was not simulated.
 */
@JsonPropertyOrder({
    "study",
    "definitionVersion",
    "responses",
    "suppressed",
    "disclosure",
    "exportable",
    "tests",
    "testsWithheld",
    "questions",
    "scales"
})
public record AnalysisJson(
        String study,
        int definitionVersion,
        Long responses,
        boolean suppressed,
        String disclosure,
        boolean exportable,
        int tests,
        int testsWithheld,
        List<QuestionJson> questions,
        List<ScaleJson> scales) {

    static AnalysisJson of(String study, int definitionVersion, SurveyReport report, DisclosedCount responses) {
        return new AnalysisJson(
                study,
                definitionVersion,
                shown(responses),
                responses.suppressed(),
                report.disclosure().id(),
                report.disclosure().isExportable(),
                report.tests(),
                withheld(report),
                report.questions().stream().map(QuestionJson::of).toList(),
                report.scales().stream().map(ScaleJson::of).toList());
    }

    /** Tests withheld under the profile: not in the family {@code tests} counts. */
    private static int withheld(SurveyReport report) {
        return (int) Stream.concat(
                        report.questions().stream().flatMap(question -> question.breakdowns().stream()),
                        report.scales().stream().flatMap(scale -> scale.breakdowns().stream()))
                .flatMap(breakdown -> breakdown.tests().stream())
                .filter(TestSummary::testWithheld)
                .count();
    }

    @JsonPropertyOrder({"question", "label", "type", "overall", "breakdowns"})
    public record QuestionJson(
            String question, String label, String type, GroupJson overall, Map<String, BreakdownJson> breakdowns) {

        static QuestionJson of(QuestionSummary summary) {
            Map<String, BreakdownJson> breakdowns = new LinkedHashMap<>();
            summary.breakdowns()
                    .forEach(breakdown ->
                            breakdowns.put(breakdown.breakdown(), BreakdownJson.of(summary.kind(), breakdown)));
            return new QuestionJson(
                    summary.question(),
                    summary.label(),
                    summary.kind().name().toLowerCase(Locale.ROOT),
                    GroupJson.of(summary.kind(), summary.overall(), false),
                    breakdowns);
        }
    }

    /**
     * One question by one grouping. {@code test} is the test of a single or scale question; a multi
     * question tests each option as yes/no, in {@code optionTests} by option code.
     */
    @JsonPropertyOrder({"label", "groups", "test", "optionTests"})
    public record BreakdownJson(
            String label, List<GroupJson> groups, TestJson test, Map<String, TestJson> optionTests) {

        static BreakdownJson of(QuestionKind kind, BreakdownSummary breakdown) {
            return of(
                    kind,
                    breakdown,
                    breakdown.groups().stream()
                            .map(group -> GroupJson.of(kind, group, true))
                            .toList());
        }

        static BreakdownJson of(QuestionKind kind, BreakdownSummary breakdown, List<GroupJson> groups) {
            if (kind == QuestionKind.MULTI) {
                Map<String, TestJson> tests = new LinkedHashMap<>();
                breakdown.tests().forEach(test -> tests.put(test.option().orElseThrow(), TestJson.of(test)));
                return new BreakdownJson(breakdown.label(), groups, null, tests);
            }
            TestJson test = breakdown.tests().isEmpty()
                    ? null
                    : TestJson.of(breakdown.tests().getFirst());
            return new BreakdownJson(breakdown.label(), groups, test, null);
        }
    }

    /**
     * A question's answers overall or in one group. {@code quartiles} exist for scale and number
     * questions and scale scores, {@code mean} and {@code sd} for number questions and scale scores; a
     * number question has no not-applicable option, so its {@code notApplicable} is 0, and a scale
     * score has neither count beside its base ({@code null}).
     */
    @JsonPropertyOrder({
        "group",
        "label",
        "base",
        "notApplicable",
        "preferNotToSay",
        "suppressed",
        "categories",
        "quartiles",
        "mean",
        "sd",
        "flags"
    })
    public record GroupJson(
            @JsonInclude(JsonInclude.Include.NON_NULL) String group,
            @JsonInclude(JsonInclude.Include.NON_NULL) String label,
            Long base,
            Long notApplicable,
            Long preferNotToSay,
            boolean suppressed,
            List<CategoryJson> categories,
            QuartilesJson quartiles,
            Double mean,
            Double sd,
            List<String> flags) {

        static GroupJson of(QuestionKind kind, GroupSummary group, boolean named) {
            boolean number = kind == QuestionKind.NUMBER;
            boolean ordered = number || kind == QuestionKind.SCALE;
            long base = group.base().value().orElse(0);
            // A group with answers but too few for derived statistics gets no quartiles: withheld.
            boolean quartilesWithheld = ordered && group.quartiles().isEmpty() && base != 0;
            boolean suppressed = group.base().suppressed()
                    || quartilesWithheld
                    || group.notApplicable().suppressed()
                    || group.preferNotToSay().suppressed();
            return new GroupJson(
                    named ? group.group() : null,
                    named ? group.label() : null,
                    shown(group.base()),
                    shown(group.notApplicable()),
                    shown(group.preferNotToSay()),
                    suppressed,
                    group.categories().stream()
                            .map(category -> CategoryJson.of(category, group.base()))
                            .toList(),
                    group.quartiles()
                            .map(q -> new QuartilesJson(q.lower(), q.median(), q.upper()))
                            .orElse(null),
                    group.mean().map(m -> finite(m.mean())).orElse(null),
                    group.mean().map(m -> finite(m.standardDeviation())).orElse(null),
                    group.flags().stream().sorted().map(AnalysisJson::flag).toList());
        }

        /** A group's scale scores: as a number question's, with nothing beside the base. */
        static GroupJson ofScores(GroupSummary group, boolean named) {
            GroupJson json = of(QuestionKind.NUMBER, group, named);
            return new GroupJson(
                    json.group(),
                    json.label(),
                    json.base(),
                    null,
                    null,
                    json.suppressed(),
                    json.categories(),
                    json.quartiles(),
                    json.mean(),
                    json.sd(),
                    json.flags());
        }
    }

    /** One answer in a group; {@code percent} and {@code ci95} are percentages to one decimal place. */
    @JsonPropertyOrder({"code", "label", "count", "percent", "ci95", "suppressed"})
    public record CategoryJson(
            String code, String label, Long count, Double percent, List<Double> ci95, boolean suppressed) {

        static CategoryJson of(CategorySummary category, DisclosedCount base) {
            Double percent = percentage(category.percent());
            List<Double> ci95 = category.ci95()
                    .map(interval -> List.of(oneDecimal(interval.lower()), oneDecimal(interval.upper())))
                    .orElse(null);
            // Percentages and intervals exist only beside a base of at least 1; any other gap is the profile's.
            boolean defined = base.value().orElse(-1) != 0;
            boolean suppressed = category.count().suppressed() || (defined && (percent == null || ci95 == null));
            return new CategoryJson(
                    category.code(), category.label(), shown(category.count()), percent, ci95, suppressed);
        }
    }

    /** Median and quartiles, R's type 7, with a scale's options scored 1, 2, 3, ... in order. */
    public record QuartilesJson(double lower, double median, double upper) {}

    /**
     * Whether a difference between groups is more than chance. {@code statistic} and {@code df} are
     * {@code null} for Fisher's test; {@code monteCarlo} is given only when the p-value was simulated.
     * {@code oddsRatio} (two groups by two answers) and {@code adjustedResiduals} come with association
     * tests only, and are withheld ({@code null}, {@code "suppressed": true}) when the profile hides a
     * cell of the tested groups. Under {@code strict-10} the whole test is withheld then: {@code
     * statistic}, {@code df}, the p-values, {@code effect} and the simulation's figures are {@code
     * null}, and the sentence says why.
     */
    @JsonPropertyOrder({
        "method",
        "statistic",
        "df",
        "pValue",
        "pHolm",
        "pBH",
        "effect",
        "oddsRatio",
        "adjustedResiduals",
        "suppressed",
        "monteCarlo",
        "groupsLeftOut",
        "sentence"
    })
    public record TestJson(
            String method,
            Double statistic,
            Integer df,
            Double pValue,
            Double pHolm,
            Double pBH,
            EffectJson effect,
            OddsRatioJson oddsRatio,
            Map<String, Map<String, Double>> adjustedResiduals,
            boolean suppressed,
            @JsonInclude(JsonInclude.Include.NON_NULL) MonteCarloJson monteCarlo,
            List<String> groupsLeftOut,
            String sentence) {

        static TestJson of(TestSummary test) {
            return new TestJson(
                    test.method().id(),
                    finite(test.statistic()),
                    degrees(test.degreesOfFreedom()),
                    finite(test.pValue()),
                    finite(test.pHolm()),
                    finite(test.pBenjaminiHochberg()),
                    test.effect()
                            .map(effect -> new EffectJson(effect.name(), finite(effect.value())))
                            .orElse(null),
                    test.oddsRatio().map(ratio -> OddsRatioJson.of(ratio, test)).orElse(null),
                    test.residuals().map(AnalysisJson::residuals).orElse(null),
                    test.cellsWithheld() || test.testWithheld(),
                    simulation(test),
                    test.groupsLeftOut(),
                    test.sentence());
        }
    }

    /** An effect size: {@code cramers-v}, {@code rank-biserial} or {@code epsilon-squared}. */
    public record EffectJson(String name, Double value) {}

    /**
     * The odds of {@code answer} (for a multi question, of ticking the option) in {@code groups[0]}
     * divided by the odds in {@code groups[1]}, with its 95% interval; {@code correction} is {@code
     * haldane-anscombe} when 0.5 was added to every cell because one was zero.
     */
    @JsonPropertyOrder({"estimate", "ci95", "correction", "answer", "groups"})
    public record OddsRatioJson(
            Double estimate, List<Double> ci95, String correction, String answer, List<String> groups) {

        static OddsRatioJson of(OddsRatio ratio, TestSummary test) {
            // The table's first column: the option of a multi question (ticked), else the first answer.
            CellResiduals table = test.residuals().orElseThrow();
            return new OddsRatioJson(
                    finite(ratio.estimate()),
                    Arrays.asList(finite(ratio.lower()), finite(ratio.upper())),
                    ratio.correction().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    test.option().orElse(table.answers().getFirst()),
                    table.groups());
        }
    }

    /** Group code to answer code to residual, in the table's order; an answer nobody gave is null. */
    private static Map<String, Map<String, Double>> residuals(CellResiduals residuals) {
        Map<String, Map<String, Double>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < residuals.groups().size(); i++) {
            Map<String, Double> byAnswer = new LinkedHashMap<>();
            for (int j = 0; j < residuals.answers().size(); j++) {
                byAnswer.put(residuals.answers().get(j), finite(residuals.value(i, j)));
            }
            byGroup.put(residuals.groups().get(i), byAnswer);
        }
        return byGroup;
    }

    /**
     * How a simulated p-value was reached, so anyone can repeat it. A withheld simulated test keeps
     * the field, every figure {@code null}: its standard error would give back the p-value.
     */
    public record MonteCarloJson(Long seed, Integer tables, Double standardError) {}

    private static MonteCarloJson simulation(TestSummary test) {
        if (test.testWithheld()) {
            return test.method() == TestMethod.FISHER_EXACT_MONTE_CARLO ? new MonteCarloJson(null, null, null) : null;
        }
        return test.monteCarlo()
                .map(mc -> new MonteCarloJson(mc.seed(), mc.tables(), mc.standardError()))
                .orElse(null);
    }

    static Long shown(DisclosedCount count) {
        return count.value().isPresent() ? count.value().getAsLong() : null;
    }

    private static Double percentage(OptionalDouble value) {
        return value.isPresent() ? oneDecimal(value.getAsDouble()) : null;
    }

    static Double oneDecimal(double value) {
        return Double.isFinite(value)
                ? BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue()
                : null;
    }

    /** JSON has no NaN or infinity; a figure that came out as one is given as {@code null}. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Double finite(OptionalDouble value) {
        return value.isPresent() ? finite(value.getAsDouble()) : null;
    }

    private static Integer degrees(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static String flag(Flag flag) {
        return flag.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
