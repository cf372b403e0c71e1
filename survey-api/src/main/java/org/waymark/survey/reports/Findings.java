package org.waymark.survey.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.waymark.survey.reports.ReportModel.Finding;
import org.waymark.survey.research.AnalysisJson;
import org.waymark.survey.research.AnalysisJson.TestJson;

/**
 * The key findings: the differences between groups that stand out once the number of tests is
 * allowed for, that is whose Holm-adjusted p-value is under 0.05, in the analysis module's own
 * words ({@code TestSummary.sentence}, which never holds a hidden figure), smallest adjusted p-value
 * first. An author can replace any of them by its key.
 */
final class Findings {

    static final double THRESHOLD = 0.05;
    static final int MOST = 12;

    private Findings() {}

    private record Candidate(String key, double pHolm, String sentence) {}

    static List<Finding> of(AnalysisJson analysis, ReportOptions.Resolved options, Map<String, String> edits) {
        List<Candidate> candidates = new ArrayList<>();
        for (AnalysisJson.QuestionJson question : analysis.questions()) {
            if (!options.includes(question.question())) {
                continue;
            }
            question.breakdowns().forEach((breakdown, json) -> {
                String key = "finding:" + question.question() + ":" + breakdown;
                if (json.test() != null) {
                    add(candidates, key, json.test());
                }
                if (json.optionTests() != null) {
                    json.optionTests().forEach((option, test) -> add(candidates, key + ":" + option, test));
                }
            });
        }
        return candidates.stream()
                .sorted(Comparator.comparingDouble(Candidate::pHolm).thenComparing(Candidate::key))
                .limit(MOST)
                .map(candidate -> edits.containsKey(candidate.key())
                        ? new Finding(candidate.key(), edits.get(candidate.key()), true)
                        : new Finding(candidate.key(), candidate.sentence(), false))
                .toList();
    }

    private static void add(List<Candidate> candidates, String key, TestJson test) {
        if (test.pHolm() != null && test.pHolm() < THRESHOLD && test.sentence() != null) {
            candidates.add(new Candidate(key, test.pHolm(), test.sentence()));
        }
    }
}
