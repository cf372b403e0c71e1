package org.waymark.analysis.survey;

import java.util.List;
import org.waymark.analysis.disclosure.DisclosureProfile;

/**
 * The outcome of an analysis run, with every figure already passed through the disclosure profile.
 *
 * @param disclosure the profile applied; check {@link DisclosureProfile#isExportable()} before
 *     anything leaves the platform
 * @param responses how many respondents the dataset holds
 * @param questions one summary per question, in the dataset's order
 * @param scales one summary per scale score, in the dataset's order
 * @param tests how many tests the run made, the family Holm and Benjamini-Hochberg adjust over
 */
public record SurveyReport(
        DisclosureProfile disclosure,
        int responses,
        List<QuestionSummary> questions,
        List<ScaleSummary> scales,
        int tests) {

    public SurveyReport {
        questions = List.copyOf(questions);
        scales = List.copyOf(scales);
    }
}
