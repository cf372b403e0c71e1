package org.waymark.survey.research;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.reports.ReportModel;
import org.waymark.survey.reports.Tables;
import org.waymark.survey.research.AnalysisJson.BreakdownJson;
import org.waymark.survey.research.AnalysisJson.CategoryJson;
import org.waymark.survey.research.AnalysisJson.QuestionJson;
import org.waymark.survey.research.AnalysisJson.TestJson;
import org.waymark.survey.studies.StudyDefinition;

/**
 * One question of an analysis as the explorer page shows it, worded from the analysis API's JSON: the
 * report's table and chart (so the page and a report print the same figures), each test's figures and
 * sentence, and what the disclosure profile hid.
 */
record AnalysisView(
        String id, String label, List<ReportModel.TablePart> tables, List<TestView> tests, String disclosure) {

    /**
     * A test as the page lists it; a figure that does not exist or was withheld is a dash.
     *
     * @param heading what was compared: the breakdown, and for a multi question the option
     */
    record TestView(
            String heading,
            String method,
            String statistic,
            String df,
            String pValue,
            String pHolm,
            String pBH,
            String effect,
            String sentence,
            boolean withheld) {}

    static final String NONE = "\u2013";

    static AnalysisView of(StudyDefinition.Question definition, QuestionJson question, DisclosureProfile profile) {
        List<ReportModel.TablePart> tables = Tables.question(definition, question, profile);
        List<TestView> tests = new ArrayList<>();
        question.breakdowns().forEach((grouping, breakdown) -> tests.addAll(tests(question, breakdown)));
        long hidden = tables.stream()
                .flatMap(table -> table.rows().stream())
                .flatMap(row -> row.cells().stream())
                .filter(ReportModel.Cell::hidden)
                .count();
        long withheld = tests.stream().filter(TestView::withheld).count();
        return new AnalysisView(
                question.question(), question.label(), tables, tests, status(profile, hidden, withheld));
    }

    private static List<TestView> tests(QuestionJson question, BreakdownJson breakdown) {
        List<TestView> tests = new ArrayList<>();
        if (breakdown.test() != null) {
            tests.add(test("By " + breakdown.label(), breakdown.test()));
        }
        if (breakdown.optionTests() != null) {
            for (Map.Entry<String, TestJson> option : breakdown.optionTests().entrySet()) {
                String label = question.overall().categories().stream()
                        .filter(category -> category.code().equals(option.getKey()))
                        .map(CategoryJson::label)
                        .findFirst()
                        .orElse(option.getKey());
                tests.add(test("By " + breakdown.label() + ": ticked \u201c" + label + "\u201d", option.getValue()));
            }
        }
        return tests;
    }

    private static TestView test(String heading, TestJson test) {
        return new TestView(
                heading,
                test.method(),
                number(test.statistic()),
                test.df() == null ? NONE : Integer.toString(test.df()),
                p(test.pValue()),
                p(test.pHolm()),
                p(test.pBH()),
                test.effect() == null || test.effect().value() == null
                        ? NONE
                        : test.effect().name() + " " + number(test.effect().value()),
                test.sentence(),
                test.suppressed());
    }

    private static String status(DisclosureProfile profile, long hidden, long withheld) {
        String where = profile.isExportable()
                ? "Shown under the " + profile.id() + " disclosure profile, so these figures may leave the platform."
                : "Shown under the internal profile, which hides nothing: these figures must not leave the"
                        + " platform.";
        String cells = hidden == 0
                ? " Nothing in these tables is hidden."
                : " " + hidden + (hidden == 1 ? " figure is" : " figures are") + " hidden (" + ReportModel.HIDDEN
                        + ") to protect participants.";
        String tests = withheld == 0
                ? ""
                : " " + withheld + (withheld == 1 ? " test is" : " tests are")
                        + " withheld because a hidden figure could be worked out from it.";
        return where + cells + tests;
    }

    /** A statistic or effect size to at most three decimals. */
    static String number(Double value) {
        return value == null
                ? NONE
                : BigDecimal.valueOf(value)
                        .setScale(3, RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString();
    }

    /** A p-value as the analysis sentences give it: three decimals, or "< 0.001". */
    static String p(Double value) {
        if (value == null) {
            return NONE;
        }
        return value < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", value);
    }
}
