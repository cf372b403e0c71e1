package org.waymark.survey.reports;

import java.util.ArrayList;
import java.util.List;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.reports.ReportModel.Methods;

/** The methods and limitations, in plain words, for the profile and the breakdowns of a report. */
final class MethodsText {

    private MethodsText() {}

    static Methods of(DisclosureProfile profile, String responses, int tests, int withheld, String edited) {
        List<String> method = new ArrayList<>(List.of(
                "Each table counts the people who were shown a question and answered it. People who chose"
                        + " \u201cprefer not to say\u201d or a not-applicable answer are counted beside the base (N),"
                        + " not inside it, so percentages describe the people for whom the question applied and who"
                        + " chose to answer. Percentages are worked out from the exact counts.",
                "Whether answers differ between groups by more than chance was tested by a rule fixed in advance:"
                        + " Pearson's chi-square test when every expected count is at least 5, otherwise Fisher's"
                        + " exact test; for answers on an ordered scale and for numbers, the Mann-Whitney test (two"
                        + " groups) or the Kruskal-Wallis test (more). Groups too small to report were left out of"
                        + " the tests.",
                "This analysis made " + tests + " tests. Because about one test in twenty looks significant by chance"
                        + " alone, each p-value was adjusted for the number of tests by Holm's method. A key finding is"
                        + " a difference whose adjusted p-value is under 0.05."));
        if (withheld > 0) {
            method.add(withheld + (withheld == 1 ? " more test was" : " more tests were") + " withheld to protect"
                    + " small groups: each compares a number hidden in its table, and with the exact totals shown its"
                    + " result could give that number away. Withheld tests are not counted in the adjustment and"
                    + " cannot be key findings.");
        }
        List<String> suppression = new ArrayList<>();
        suppression.add(profileText(profile));
        suppression.add("A value hidden this way is shown as " + ReportModel.HIDDEN + " in tables, has no bar in"
                + " charts and is never put into words. It does not mean nobody gave that answer: 0 is shown as 0."
                + " A footnote under each table says where values are hidden.");
        List<String> limitations = new ArrayList<>();
        limitations.add("Responses included: " + responses + ". The people who took part chose to, and were reached"
                + " through the study's own networks: the figures describe them, not everyone in the same"
                + " situation.");
        limitations.add("A small p-value says a difference this large would be unlikely if group made no difference;"
                + " it does not say why the groups differ. A large p-value does not show that groups are the same:"
                + " with small groups, real differences often go undetected. Columns marked \u2020 have fewer than"
                + " 30 answers.");
        limitations.add("Groups are made by the study's own rules from participants' answers; a different grouping"
                + " could give a different picture.");
        if (edited != null) {
            limitations.add(edited);
        }
        return new Methods(method, suppression, limitations);
    }

    private static String profileText(DisclosureProfile profile) {
        return switch (profile) {
            case NHS_STANDARD ->
                "Small numbers can identify people, so this report uses the nhs-standard disclosure profile (after"
                        + " NHS England's method): counts from 1 to 7 are hidden, every other count is rounded to the"
                        + " nearest 5, percentages are worked out from the exact figures and hidden when their count"
                        + " or base is, and groups of 1 to 7 get no percentages or tests. Because counts are rounded,"
                        + " a count and its base may not give exactly the percentage shown.";
            case STRICT_10 ->
                "Small numbers can identify people, so this report uses the strict-10 disclosure profile: counts from"
                        + " 1 to 10 are hidden, and further cells are hidden where needed so that no hidden count can be"
                        + " worked out from the rest of a table and its totals. The counts shown are exact, and groups"
                        + " of 1 to 10 get no percentages or tests. Because the totals are exact, no test or median is"
                        + " given that is worked out from a hidden number.";
            case INTERNAL -> throw new IllegalArgumentException("a report never uses the internal profile");
        };
    }
}
