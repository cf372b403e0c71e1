package org.waymark.survey.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.BundledStudies;
import org.waymark.survey.studies.TestDefinitions;
import org.waymark.survey.studies.ValidatedDefinition;
import tools.jackson.databind.json.JsonMapper;

class SyntheticParticipantsTests {

    private final ValidatedDefinition cpa = TestDefinitions.reader().read(BundledStudies.cpaRecoveryJson());
    private final TextFragments fragments =
            TextFragments.load(JsonMapper.builder().build());

    @Test
    void makesTheSameParticipantsFromTheSameSeed() {
        var first = new SyntheticParticipants(cpa, fragments, 42);
        var second = new SyntheticParticipants(cpa, fragments, 42);
        IntStream.range(0, 20).forEach(i -> assertThat(first.next()).isEqualTo(second.next()));
    }

    @Test
    void composesFreeTextFromTheWrittenFragments() {
        var generator = new SyntheticParticipants(cpa, fragments, 7);
        long withText = IntStream.range(0, 100)
                .mapToObj(i -> generator.next().answers().get("recovery_meaning"))
                .filter(AnswerValue.Text.class::isInstance)
                .count();
        assertThat(withText).isBetween(50L, 90L);
    }

    @Test
    void alwaysAgreesToTheRequiredConsentStatements() {
        var generator = new SyntheticParticipants(cpa, fragments, 3);
        var required = cpa.definition().consent().statements().stream()
                .filter(statement -> statement.required())
                .map(statement -> statement.id())
                .toList();
        IntStream.range(0, 50)
                .forEach(i -> assertThat(generator.next().statementsAgreed()).containsAll(required));
    }
}
