package org.waymark.survey.studies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionReaderTests {

    private static List<DefinitionError> errorsOf(String json) {
        try {
            TestDefinitions.reader().read(json);
        } catch (InvalidDefinitionException e) {
            return e.errors();
        }
        throw new AssertionError("the definition was accepted");
    }

    private static List<DefinitionError> errorsOf(TestDefinitions definition) {
        return errorsOf(definition.json());
    }

    @Test
    void readsTheBundledCpaRecoveryStudy() {
        String json = BundledStudies.cpaRecoveryJson();
        List<DefinitionError> errors;
        try {
            ValidatedDefinition definition = TestDefinitions.reader().read(json);
            assertThat(definition.id()).isEqualTo("cpa-recovery");
            assertThat(definition.definition().synthetic()).isFalse();
            assertThat(definition.groupings())
                    .extracting(GroupingRule::id)
                    .contains("community", "gender", "compulsory", "detention_history");
            assertThat(definition.question("detained_sections")).isPresent();
            errors = List.of();
        } catch (InvalidDefinitionException e) {
            errors = e.errors();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void readsTheMinimalTestStudy() {
        ValidatedDefinition definition = TestDefinitions.minimal().read();
        assertThat(definition.id()).isEqualTo("test-study");
        assertThat(definition.sha256()).hasSize(64);
    }

    @Test
    void rejectsMalformedJsonWithItsPosition() {
        assertThat(errorsOf("{\"id\": \"x\",\n \"version\": }"))
                .singleElement()
                .satisfies(
                        error -> assertThat(error.message()).contains("line 2").contains("not valid JSON"));
    }

    @Test
    void rejectsAnEmptyBody() {
        assertThat(errorsOf(""))
                .singleElement()
                .extracting(DefinitionError::path)
                .isEqualTo("$");
    }

    @Test
    void rejectsUnknownFieldsWithTheirPath() {
        var definition = TestDefinitions.minimal().with(root -> {});
        definition.question(1, 0).put("colour", "blue");
        assertThat(errorsOf(definition))
                .containsExactly(new DefinitionError(
                        "$.sections[1].questions[0].colour",
                        "'colour' is not a field of the study-definition format here."
                                + " Check its spelling against docs/study-definition.md."));
    }

    @Test
    void bracketsAnUnknownFieldWhoseNameIsNotAPlainWord() {
        // Found by DefinitionFuzzTests: a name with '[' or '.' in it made a path that pointed elsewhere.
        var definition = TestDefinitions.minimal().with(root -> {});
        definition.question(1, 0).put("lab[el.x's", "blue");
        assertThat(errorsOf(definition))
                .extracting(DefinitionError::path)
                .containsExactly("$.sections[1].questions[0]['lab[el.x\\'s']");
    }

    @Test
    void rejectsAnUnknownQuestionType() {
        var definition = TestDefinitions.minimal();
        definition.question(0, 1).put("type", "slider");
        assertThat(errorsOf(definition)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$.sections[0].questions[1].type");
            assertThat(error.message()).contains("'single'", "'multi'", "'scale'", "'text'");
        });
    }

    @Test
    void rejectsAVersionGivenAsText() {
        var definition = TestDefinitions.minimal().with(root -> root.put("version", "1"));
        assertThat(errorsOf(definition)).containsExactly(new DefinitionError("$.version", "must be a whole number."));
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThat(errorsOf("{\"id\": \"a-study\", \"id\": \"b-study\"}"))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("appears twice"));
    }

    @Test
    void reportsEveryMissingOrMalformedFieldAtOnce() {
        var definition = TestDefinitions.minimal().with(root -> {
            root.put("id", "Not An Id");
            root.remove("title");
        });
        definition.question(1, 1).put("text", "");
        definition.question(0, 0).put("id", "9lives");
        assertThat(errorsOf(definition))
                .extracting(DefinitionError::path)
                .containsExactly("$.id", "$.sections[0].questions[0].id", "$.sections[1].questions[1].text", "$.title");
    }

    @Test
    void refusesTheStudyIdNewWhichNamesTheUploadPageButNotIdsThatMerelyContainIt() {
        assertThat(errorsOf(TestDefinitions.minimal().with(root -> root.put("id", "new"))))
                .singleElement()
                .satisfies(error -> {
                    assertThat(error.path()).isEqualTo("$.id");
                    assertThat(error.message()).contains("not 'new'");
                });
        for (String id : List.of("new-study", "renew")) {
            assertThat(TestDefinitions.reader()
                            .read(TestDefinitions.minimal()
                                    .with(root -> root.put("id", id))
                                    .json())
                            .id())
                    .isEqualTo(id);
        }
    }

    @Test
    void rejectsARepeatedQuestionId() {
        var definition = TestDefinitions.minimal();
        definition.question(1, 3).put("id", "ethnicity");
        assertThat(errorsOf(definition))
                .contains(new DefinitionError(
                        "$.sections[1].questions[3].id",
                        "repeats the question id 'ethnicity', first used at $.sections[0].questions[1]."));
    }

    @Test
    void rejectsAQuestionIdThatIsAWordOfTheConditionLanguage() {
        var definition = TestDefinitions.minimal();
        definition.question(1, 3).put("id", "answered");
        assertThat(errorsOf(definition))
                .containsExactly(new DefinitionError(
                        "$.sections[1].questions[3].id",
                        "'answered' is a word of the condition language; choose another id."));
    }

    @Test
    void rejectsAChoiceQuestionWithoutOptions() {
        var definition = TestDefinitions.minimal();
        definition.question(0, 1).remove("options");
        assertThat(errorsOf(definition))
                .contains(new DefinitionError(
                        "$.sections[0].questions[1].options", "a single question needs at least 2 option(s)."));
    }

    @Test
    void rejectsOptionsOnATextQuestion() {
        var definition = TestDefinitions.minimal();
        definition
                .question(1, 3)
                .putArray("options")
                .addObject()
                .put("code", "a")
                .put("label", "A");
        assertThat(errorsOf(definition))
                .containsExactly(new DefinitionError(
                        "$.sections[1].questions[3].options", "only single, multi and scale questions have options."));
    }

    @Test
    void rejectsTheReservedPreferNotToSayCode() {
        var definition = TestDefinitions.minimal();
        ((tools.jackson.databind.node.ObjectNode)
                        definition.question(0, 1).get("options").get(2))
                .put("code", "prefer_not_to_say");
        assertThat(errorsOf(definition))
                .singleElement()
                .extracting(DefinitionError::path)
                .isEqualTo("$.sections[0].questions[1].options[2].code");
    }

    @Test
    void rejectsAConditionOnAQuestionThatDoesNotExist() {
        var definition = TestDefinitions.minimal();
        definition.question(1, 1).put("showIf", "was_detained == 'yes'");
        assertThat(errorsOf(definition)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$.sections[1].questions[1].showIf");
            assertThat(error.message()).contains("'was_detained'").contains("earlier questions");
        });
    }

    @Test
    void rejectsAConditionOnALaterQuestion() {
        var definition = TestDefinitions.minimal();
        definition.question(1, 0).put("showIf", "answered(recovery_meaning)");
        assertThat(errorsOf(definition))
                .singleElement()
                .extracting(DefinitionError::path)
                .isEqualTo("$.sections[1].questions[0].showIf");
    }

    @Test
    void rejectsAConditionWithAnUnknownOptionCode() {
        var definition = TestDefinitions.minimal();
        definition.question(1, 1).put("showIf", "ever_detained == 'maybe'");
        assertThat(errorsOf(definition))
                .containsExactly(new DefinitionError(
                        "$.sections[1].questions[1].showIf", "'maybe' is not an option of question 'ever_detained'."));
    }

    @Test
    void rejectsAConditionWithBadSyntax() {
        var definition = TestDefinitions.minimal();
        definition.question(1, 1).put("showIf", "ever_detained = 'yes'");
        assertThat(errorsOf(definition)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$.sections[1].questions[1].showIf");
            assertThat(error.message()).contains("character 15");
        });
    }

    @Test
    void rejectsAnEligibilityRuleOnAMissingQuestionOrCode() {
        var definition = TestDefinitions.minimal().with(root -> {
            var rules = root.withArray("eligibility");
            rules.addObject()
                    .put("question", "lives_in_london")
                    .put("message", "x")
                    .putArray("accept")
                    .add("yes");
            rules.addObject()
                    .put("question", "adult")
                    .put("message", "x")
                    .putArray("accept")
                    .add("probably");
        });
        assertThat(errorsOf(definition))
                .containsExactly(
                        new DefinitionError(
                                "$.eligibility[1].question",
                                "refers to a question that does not exist: 'lives_in_london'."),
                        new DefinitionError(
                                "$.eligibility[2].accept", "'probably' is not an option of question 'adult'."));
    }

    @Test
    void rejectsAGroupingFromAMissingQuestionOrWithUnknownCodes() {
        var definition = TestDefinitions.minimal().with(root -> {
            var groupings = root.withArray("groupings");
            ((tools.jackson.databind.node.ObjectNode) groupings.get(0)).put("from", "race");
            ((tools.jackson.databind.node.ArrayNode) groupings.get(3).get("groups"))
                    .addObject()
                    .put("id", "odd")
                    .put("label", "Odd")
                    .putArray("codes")
                    .add("x");
        });
        assertThat(errorsOf(definition))
                .containsExactly(
                        new DefinitionError("$.groupings[0].from", "refers to a question that does not exist: 'race'."),
                        new DefinitionError(
                                "$.groupings[3].groups[2].codes", "codes need the grouping's 'from' question."));
    }

    @Test
    void rejectsAConsentWithoutARequiredStatement() {
        var definition = TestDefinitions.minimal()
                .with(root -> ((tools.jackson.databind.node.ObjectNode)
                                root.get("consent").get("statements").get(0))
                        .put("required", false));
        assertThat(errorsOf(definition))
                .containsExactly(new DefinitionError(
                        "$.consent.statements",
                        "must include at least one required statement (agreeing to take part)."));
    }

    @Test
    void allowsQuotesOnlyOnOneOptionalStatement() {
        var onRequired = TestDefinitions.minimal()
                .with(root -> ((tools.jackson.databind.node.ObjectNode)
                                root.get("consent").get("statements").get(0))
                        .put("allowsQuotes", true));
        assertThat(errorsOf(onRequired))
                .containsExactly(
                        new DefinitionError(
                                "$.consent.statements[0].allowsQuotes",
                                "must be on an optional statement: people can take part without agreeing to be quoted."),
                        new DefinitionError("$.consent.statements", "may mark only one statement with allowsQuotes."));
    }

    @Test
    void readsAScaleMadeOfTheStudysScaleQuestions() {
        var definition = TestDefinitions.minimal().with(root -> {
            ((tools.jackson.databind.node.ArrayNode) root.get("sections").get(1).get("questions"))
                    .add(TestDefinitions.JSON.readTree("""
                            {"id": "support_peers", "type": "scale", "text": "Peers helped",
                             "options": [{"code": "a_lot", "label": "A lot"}, {"code": "not_at_all", "label": "Not at all"}]}
                            """));
            root.set("scales", TestDefinitions.JSON.readTree("""
                    [{"id": "support", "label": "Support", "items": ["support_medication", "support_peers"],
                      "scoring": "mean", "minAnswered": 1, "reversed": ["support_peers"]}]
                    """));
        });
        var scale = definition.read().definition().scales().getFirst();
        assertThat(scale.items()).containsExactly("support_medication", "support_peers");
        assertThat(scale.scoring()).isEqualTo(StudyDefinition.Scale.Scoring.MEAN);
        assertThat(scale.minAnswered()).isEqualTo(1);
        assertThat(scale.reversed()).containsExactly("support_peers");
    }

    @Test
    void rejectsAScaleWhoseItemsAreMissingRepeatedOrNotScaleQuestions() {
        var definition = TestDefinitions.minimal().with(root -> root.set("scales", TestDefinitions.JSON.readTree("""
                        [{"id": "support", "label": "Support", "scoring": "sum", "minAnswered": 5,
                          "items": ["support_medication", "ethnicity", "nope", "support_medication"],
                          "reversed": ["adult"]},
                         {"id": "support", "label": "Again", "scoring": "mean",
                          "items": ["support_medication", "support_medication"]}]
                        """)));
        assertThat(errorsOf(definition))
                .containsExactly(
                        new DefinitionError(
                                "$.scales[0].items[1]",
                                "'ethnicity' is a single question; a scale's items must be scale questions, whose"
                                        + " options are in order."),
                        new DefinitionError(
                                "$.scales[0].items[2]", "refers to a question that does not exist: 'nope'."),
                        new DefinitionError("$.scales[0].items[3]", "repeats the question 'support_medication'."),
                        new DefinitionError(
                                "$.scales[0].minAnswered", "must not be more than the number of items (4)."),
                        new DefinitionError("$.scales[0].reversed[0]", "'adult' is not one of the scale's items."),
                        new DefinitionError("$.scales[1].id", "repeats the scale id 'support'."),
                        new DefinitionError("$.scales[1].items[1]", "repeats the question 'support_medication'."));
    }

    @Test
    void rejectsAScaleWithoutItemsOrWithAnUnknownScoring() {
        assertThat(errorsOf(
                        TestDefinitions.minimal().with(root -> root.set("scales", TestDefinitions.JSON.readTree("""
                                [{"id": "support", "label": "Support", "scoring": "median",
                                  "items": ["support_medication"]}]
                                """)))))
                .containsExactly(new DefinitionError("$.scales[0].scoring", "must be one of 'sum', 'mean'."));
        assertThat(errorsOf(
                        TestDefinitions.minimal().with(root -> root.set("scales", TestDefinitions.JSON.readTree("""
                                [{"id": "support", "label": "Support", "scoring": "sum",
                                  "items": ["support_medication"], "minAnswered": 0}]
                                """)))))
                .containsExactly(
                        new DefinitionError("$.scales[0].items", "must list from 2 to 100 questions"),
                        new DefinitionError("$.scales[0].minAnswered", "must be 1 or more"));
    }

    @Test
    void rejectsNumberSettingsOnOtherTypes() {
        var definition = TestDefinitions.minimal();
        definition.question(1, 3).put("min", 1).put("maxLength", 50_000);
        assertThat(errorsOf(definition))
                .containsExactlyInAnyOrder(
                        new DefinitionError("$.sections[1].questions[3].maxLength", "must be between 1 and 20000."),
                        new DefinitionError(
                                "$.sections[1].questions[3]", "only number questions have min, max or integer."));
    }

    @Test
    void refusesADefinitionOverTheSizeLimit() {
        String huge = "{\"title\": \"" + "x".repeat(DefinitionReader.MAX_DEFINITION_CHARS) + "\"}";
        assertThatThrownBy(() -> TestDefinitions.reader().read(huge))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("1 problem");
    }

    @Test
    void readsAnOfferOfFollowUpAndStaysBackwardCompatibleWithout() {
        ValidatedDefinition offering =
                TestDefinitions.minimal().with(TestDefinitions.FOLLOW_UP).read();
        assertThat(offering.definition().offersFollowUp()).isTrue();
        assertThat(offering.definition().followUp().purpose()).contains("follow-up interview");
        assertThat(TestDefinitions.minimal().read().definition().offersFollowUp())
                .as("a definition written before the field existed")
                .isFalse();
        assertThat(TestDefinitions.reader()
                        .read(BundledStudies.cpaRecoveryJson())
                        .definition()
                        .offersFollowUp())
                .as("the bundled study's information sheet says no contact details are asked for")
                .isFalse();
        var off = TestDefinitions.minimal()
                .with(root -> root.set("followUp", TestDefinitions.JSON.readTree("{\"enabled\": false}")));
        assertThat(off.read().definition().offersFollowUp()).isFalse();
        ValidatedDefinition again = TestDefinitions.reader().read(DefinitionReader.toJson(offering.definition()));
        assertThat(again.definition().followUp())
                .isEqualTo(offering.definition().followUp());
    }

    @Test
    void rejectsAnOfferOfFollowUpWithoutAPurposeOrWithUnknownFields() {
        var noPurpose = TestDefinitions.minimal()
                .with(root -> root.set("followUp", TestDefinitions.JSON.readTree("{\"enabled\": true}")));
        assertThat(errorsOf(noPurpose))
                .containsExactly(new DefinitionError(
                        "$.followUp.purpose",
                        "must say, in plain words, why the study team would contact people who leave their details."));
        var misspelt = TestDefinitions.minimal()
                .with(root ->
                        root.set("followUp", TestDefinitions.JSON.readTree("{\"enabled\": true, \"reason\": \"x\"}")));
        assertThat(errorsOf(misspelt)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$.followUp.reason");
            assertThat(error.message()).contains("'reason' is not a field");
        });
        var tooLong = TestDefinitions.minimal()
                .with(root -> root.set(
                        "followUp",
                        TestDefinitions.JSON.readTree(
                                "{\"enabled\": true, \"purpose\": \"" + "x".repeat(2001) + "\"}")));
        assertThat(errorsOf(tooLong)).extracting(DefinitionError::path).containsExactly("$.followUp.purpose");
    }
}
