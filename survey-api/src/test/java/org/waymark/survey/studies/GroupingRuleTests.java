package org.waymark.survey.studies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupingRuleTests {

    private final ValidatedDefinition study = TestDefinitions.minimal().read();

    private Optional<String> group(String grouping, Map<String, AnswerValue> answers) {
        return study.grouping(grouping).orElseThrow().assign(answers).map(GroupingRule.Group::id);
    }

    private static AnswerValue choice(String code) {
        return new AnswerValue.Choice(code);
    }

    @Test
    void mapsListedCodesToTheirGroup() {
        assertThat(group("community", Map.of("ethnicity", choice("black_caribbean"))))
                .contains("african_caribbean");
        assertThat(group("community", Map.of("ethnicity", choice("black_african"))))
                .contains("african_caribbean");
    }

    @Test
    void placesOtherAnswersInTheOtherwiseGroup() {
        assertThat(group("community", Map.of("ethnicity", choice("white_british"))))
                .contains("other_communities");
    }

    @Test
    void givesNoGroupForNoAnswerOrPreferNotToSay() {
        assertThat(group("community", Map.of())).isEmpty();
        assertThat(group("community", Map.of("ethnicity", new AnswerValue.PreferNotToSay())))
                .isEmpty();
    }

    @Test
    void makesOneGroupPerOptionWhenNoGroupsAreListed() {
        var rule = study.grouping("detained").orElseThrow();
        assertThat(rule.groups()).extracting(GroupingRule.Group::id).containsExactly("yes", "no");
        assertThat(group("detained", Map.of("ever_detained", choice("no")))).contains("no");
    }

    @Test
    void letsTheFirstChosenOptionOfAMultiQuestionWin() {
        var answers = Map.<String, AnswerValue>of("detained_sections", new AnswerValue.Choices(List.of("s37", "s3")));
        // Options are s2, s3, s37 in the definition: s3 comes first.
        assertThat(group("sections", answers)).contains("s3");
    }

    @Test
    void evaluatesConditionGroupsInOrder() {
        var partThree = Map.<String, AnswerValue>of(
                "ever_detained", choice("yes"), "detained_sections", new AnswerValue.Choices(List.of("s2", "s37")));
        var civil = Map.<String, AnswerValue>of(
                "ever_detained", choice("yes"), "detained_sections", new AnswerValue.Choices(List.of("s2")));
        assertThat(group("history", partThree)).contains("part_iii");
        assertThat(group("history", civil)).contains("civil");
        assertThat(group("history", Map.of("ever_detained", choice("no")))).isEmpty();
    }

    @Test
    void derivesTheCpaStudysGroupings() {
        ValidatedDefinition cpa = TestDefinitions.reader().read(BundledStudies.cpaRecoveryJson());
        var answers = Map.<String, AnswerValue>of(
                "ethnicity", choice("mixed_white_black_caribbean"),
                "gender", choice("self_describe"),
                "ever_detained", choice("yes"),
                "detained_sections", new AnswerValue.Choices(List.of("s3", "s37_41")),
                "on_cto", choice("no"));
        assertThat(assign(cpa, "community", answers)).contains("african_caribbean");
        assertThat(assign(cpa, "gender", answers))
                .as("self-described gender is never a group")
                .isEmpty();
        assertThat(assign(cpa, "compulsory", answers)).contains("detained");
        assertThat(assign(cpa, "detention_history", answers)).contains("part_iii");
        var onCto = new java.util.HashMap<>(answers);
        onCto.put("on_cto", choice("yes"));
        assertThat(assign(cpa, "detention_history", onCto)).contains("current_cto");
    }

    private static Optional<String> assign(
            ValidatedDefinition definition, String grouping, Map<String, AnswerValue> answers) {
        return definition.grouping(grouping).orElseThrow().assign(answers).map(GroupingRule.Group::id);
    }
}
