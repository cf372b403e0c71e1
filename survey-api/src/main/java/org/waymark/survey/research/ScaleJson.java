package org.waymark.survey.research;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.waymark.analysis.survey.QuestionKind;
import org.waymark.analysis.survey.ScaleReliability;
import org.waymark.analysis.survey.ScaleSummary;
import org.waymark.survey.research.AnalysisJson.BreakdownJson;
import org.waymark.survey.research.AnalysisJson.GroupJson;

/**
 * One scale score of the analysis JSON, in {@code scales}: the scale's definition, its scores
 * overall and by each grouping (as a number question's, with a rank test per grouping), and
 * Cronbach's alpha of its items. Part of the same public contract as {@link AnalysisJson}.
 */
@JsonPropertyOrder({
    "scale",
    "label",
    "scoring",
    "items",
    "reversed",
    "minAnswered",
    "overall",
    "breakdowns",
    "reliability"
})
record ScaleJson(
        String scale,
        String label,
        String scoring,
        List<String> items,
        List<String> reversed,
        int minAnswered,
        GroupJson overall,
        Map<String, BreakdownJson> breakdowns,
        ReliabilityJson reliability) {

    static ScaleJson of(ScaleSummary summary) {
        Map<String, BreakdownJson> breakdowns = new LinkedHashMap<>();
        summary.breakdowns()
                .forEach(breakdown -> breakdowns.put(
                        breakdown.breakdown(),
                        BreakdownJson.of(
                                QuestionKind.NUMBER,
                                breakdown,
                                breakdown.groups().stream()
                                        .map(group -> GroupJson.ofScores(group, true))
                                        .toList())));
        var scale = summary.scale();
        return new ScaleJson(
                scale.id(),
                scale.label(),
                scale.scoring().name().toLowerCase(Locale.ROOT),
                scale.items(),
                scale.reversed(),
                scale.minAnswered(),
                GroupJson.ofScores(summary.overall(), false),
                breakdowns,
                ReliabilityJson.of(summary));
    }

    /**
     * Cronbach's alpha over the respondents who answered every item, and alpha without each item
     * (by item id; {@code null} for a scale of two items). {@code alpha} is {@code null} when it
     * cannot be worked out or is withheld ({@code "suppressed": true}) because the complete cases are
     * too few for derived statistics.
     */
    @JsonPropertyOrder({"alpha", "alphaIfItemDeleted", "completeCases", "incompleteCases", "suppressed"})
    record ReliabilityJson(
            Double alpha,
            Map<String, Double> alphaIfItemDeleted,
            Long completeCases,
            Long incompleteCases,
            boolean suppressed) {

        static ReliabilityJson of(ScaleSummary summary) {
            ScaleReliability reliability = summary.reliability();
            Map<String, Double> ifDeleted = null;
            if (reliability.alpha().isPresent()) {
                ifDeleted = new LinkedHashMap<>();
                for (int j = 0; j < summary.scale().items().size(); j++) {
                    ifDeleted.put(
                            summary.scale().items().get(j),
                            AnalysisJson.finite(reliability.alphaIfItemDeleted().get(j)));
                }
            }
            return new ReliabilityJson(
                    reliability.alpha().isPresent()
                            ? AnalysisJson.finite(reliability.alpha().getAsDouble())
                            : null,
                    ifDeleted,
                    AnalysisJson.shown(reliability.completeCases()),
                    AnalysisJson.shown(reliability.incompleteCases()),
                    reliability.withheld()
                            || reliability.completeCases().suppressed()
                            || reliability.incompleteCases().suppressed());
        }
    }
}
