package org.waymark.survey.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.TestDefinitions;
import org.waymark.survey.studies.ValidatedDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResponseValidatorTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ConsentGiven CONSENT = new ConsentGiven("1", List.of("take_part"));

    private final ValidatedDefinition study = TestDefinitions.minimal().read();

    private static Map<String, JsonNode> answers(String json) {
        return JSON.readValue(json, JSON.getTypeFactory().constructMapType(Map.class, String.class, JsonNode.class));
    }

    private Map<String, AnswerValue> submit(String json) {
        return ResponseValidator.validate(study, CONSENT, answers(json), ResponseValidator.Mode.SUBMISSION);
    }

    private List<AnswerError> errorsOf(String json) {
        return errorsOf(CONSENT, json, ResponseValidator.Mode.SUBMISSION);
    }

    private List<AnswerError> errorsOf(ConsentGiven consent, String json, ResponseValidator.Mode mode) {
        try {
            ResponseValidator.validate(study, consent, answers(json), mode);
        } catch (InvalidResponseException e) {
            return e.errors();
        }
        throw new AssertionError("the response was accepted");
    }

    @Test
    void acceptsACompleteResponseAndTypesEachAnswer() {
        var answers = submit("""
                {"adult": "yes", "ethnicity": "prefer_not_to_say", "ever_detained": "yes",
                 "detained_sections": ["s37", "s2"], "support_medication": "never_had",
                 "recovery_meaning": "  Being listened to.  "}""");
        assertThat(answers)
                .containsEntry("adult", new AnswerValue.Choice("yes"))
                .containsEntry("ethnicity", new AnswerValue.PreferNotToSay())
                .containsEntry("detained_sections", new AnswerValue.Choices(List.of("s2", "s37")))
                .containsEntry("support_medication", new AnswerValue.Choice("never_had"))
                .containsEntry("recovery_meaning", new AnswerValue.Text("Being listened to."));
    }

    @Test
    void requiresRequiredQuestionsOnSubmissionButNotInADraft() {
        assertThat(errorsOf("{}")).containsExactly(new AnswerError("adult", "This question needs an answer."));
        assertThat(ResponseValidator.validate(study, CONSENT, answers("{}"), ResponseValidator.Mode.DRAFT))
                .isEmpty();
    }

    @Test
    void rejectsAnswersToQuestionsTheConditionsHide() {
        assertThat(errorsOf("{\"adult\": \"yes\", \"ever_detained\": \"no\", \"detained_sections\": [\"s2\"]}"))
                .containsExactly(new AnswerError(
                        "detained_sections",
                        "This question is not asked, given the earlier answers. Remove this answer."));
    }

    @Test
    void rejectsUnknownQuestionsAndCodes() {
        assertThat(errorsOf("{\"adult\": \"yes\", \"ethnicity\": \"martian\", \"favourite_colour\": \"blue\"}"))
                .containsExactly(
                        new AnswerError("ethnicity", "'martian' is not one of this question's options."),
                        new AnswerError("favourite_colour", "This study has no question with this id."));
    }

    @Test
    void rejectsAnswersOfTheWrongType() {
        assertThat(errorsOf("""
                        {"adult": ["yes"], "ever_detained": "yes", "detained_sections": "s2",
                         "recovery_meaning": 42}"""))
                .containsExactly(
                        new AnswerError("adult", "The answer must be one option code, as text."),
                        new AnswerError("detained_sections", "The answer must be a list of option codes."),
                        new AnswerError("recovery_meaning", "The answer must be text."));
    }

    @Test
    void rejectsPreferNotToSayWhereItIsNotOffered() {
        assertThat(errorsOf("{\"adult\": \"yes\", \"support_medication\": \"prefer_not_to_say\"}"))
                .containsExactly(
                        new AnswerError("support_medication", "This question does not offer \"prefer not to say\"."));
    }

    @Test
    void rejectsTextOverTheLimitOrWithControlCharacters() {
        String tooLong = "a".repeat(4001);
        assertThat(errorsOf("{\"adult\": \"yes\", \"recovery_meaning\": \"" + tooLong + "\"}"))
                .containsExactly(new AnswerError(
                        "recovery_meaning", "The answer is 4001 characters long; this question takes at most 4000."));
        assertThat(errorsOf("{\"adult\": \"yes\", \"recovery_meaning\": \"bell\\u0007\"}"))
                .extracting(AnswerError::question)
                .containsExactly("recovery_meaning");
    }

    @Test
    void countsCharactersNotBytesOrUtf16Units() {
        String emoji = "\uD83C\uDF31".repeat(4000);
        assertThat(submit("{\"adult\": \"yes\", \"recovery_meaning\": \"" + emoji + "\"}"))
                .containsKey("recovery_meaning");
    }

    @Test
    void keepsMarkupAsPlainText() {
        var answers = submit("{\"adult\": \"yes\", \"recovery_meaning\": \"<script>alert(1)</script>\"}");
        assertThat(answers).containsEntry("recovery_meaning", new AnswerValue.Text("<script>alert(1)</script>"));
    }

    @Test
    void rejectsAChoiceGivenTwice() {
        assertThat(errorsOf(
                        "{\"adult\": \"yes\", \"ever_detained\": \"yes\", \"detained_sections\": [\"s2\", \"s2\"]}"))
                .containsExactly(new AnswerError("detained_sections", "'s2' is chosen twice."));
    }

    @Test
    void refusesParticipantsWhoAreNotEligibleWithTheStudysMessage() {
        assertThatThrownBy(() -> submit("{\"adult\": \"no\"}"))
                .isInstanceOf(NotEligibleException.class)
                .hasMessage("Sorry, adults only.");
    }

    @Test
    void requiresTheRequiredConsentStatementsOfTheCurrentVersion() {
        assertThat(errorsOf(
                        new ConsentGiven("1", List.of("quote_me")),
                        "{\"adult\": \"yes\"}",
                        ResponseValidator.Mode.DRAFT))
                .containsExactly(
                        new AnswerError("consent", "Taking part needs agreement to the statement 'take_part'."));
        assertThat(errorsOf(new ConsentGiven("2", List.of("take_part")), "{}", ResponseValidator.Mode.DRAFT))
                .extracting(AnswerError::question)
                .containsExactly("consent");
        assertThat(errorsOf(
                        new ConsentGiven("1", List.of("take_part", "sell_my_data")),
                        "{}",
                        ResponseValidator.Mode.DRAFT))
                .containsExactly(
                        new AnswerError("consent", "'sell_my_data' is not one of this study's consent statements."));
    }

    @Test
    void echoesAtMostAShortPrintablePieceOfABadValue() {
        String hostile = "<img src=x onerror=alert(1)>" + "x".repeat(500);
        var errors = errorsOf("{\"adult\": \"yes\", \"ethnicity\": \"" + hostile + "\"}");
        assertThat(errors.getFirst().message()).hasSizeLessThan(100);
    }

    @Test
    void refusesNumbersWithMoreDigitsThanCanBeStoredWrittenOut() {
        ValidatedDefinition numbers = TestDefinitions.minimal()
                .with(root -> ((tools.jackson.databind.node.ArrayNode)
                                root.get("sections").get(0).get("questions"))
                        .add(JSON.readTree("{\"id\": \"hours\", \"type\": \"number\", \"text\": \"Hours\"}")))
                .read();
        var exactDecimals = JsonMapper.builder()
                .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        // Read as the JSON API reads them (doubles: 1e400 is infinite) and as a CSV import gives them (exact).
        // A double keeps 17 digits, so long decimals and 1E-999999999 (0) reach the validator only exactly.
        var cases = Map.of(
                JSON,
                List.of("1e400", "-1e400", "1e30"),
                exactDecimals,
                List.of("1e400", "1E+999999999", "1E-999999999", "1e30", "0.1234567890123456789012345678901"));
        cases.forEach((json, numbersSent) -> {
            for (String sent : numbersSent) {
                Map<String, JsonNode> answers = Map.of("adult", JSON.readTree("\"yes\""), "hours", json.readTree(sent));
                assertThatThrownBy(() ->
                                ResponseValidator.validate(numbers, CONSENT, answers, ResponseValidator.Mode.DRAFT))
                        .isInstanceOfSatisfying(
                                InvalidResponseException.class,
                                e -> assertThat(e.errors())
                                        .as(sent)
                                        .containsExactly(new AnswerError("hours", "The answer has too many digits.")));
            }
        });
        var accepted = ResponseValidator.validate(
                numbers,
                CONSENT,
                Map.of("adult", JSON.readTree("\"yes\""), "hours", exactDecimals.readTree("1e29")),
                ResponseValidator.Mode.DRAFT);
        assertThat(accepted.get("hours")).isEqualTo(new AnswerValue.Number(new java.math.BigDecimal("1e29")));
    }
}
