package org.waymark.survey.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.waymark.survey.Fuzzing;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.BundledStudies;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.TestDefinitions;
import org.waymark.survey.studies.ValidatedDefinition;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Seeded fuzzing of the intake validator with random answers to the CPA &amp; Recovery study and to a
 * test study with number and date questions: right and wrong codes, lists, text, numbers of every
 * size, dates, nulls, objects and unknown questions, in drafts and submissions. Each input is read as
 * the JSON API reads it (floating-point numbers as doubles) and as a CSV import gives it (as exact
 * decimals). The validator only ever accepts, or refuses with {@link AnswerError}s (or, for an
 * eligibility answer, {@link NotEligibleException}); what it accepts is small enough to store, and
 * reads back the same, as a draft does when it is changed. The long form runs with {@code -Pbenchmark}.
 */
class ResponseValidatorFuzzTests {

    private static final JsonMapper API_JSON = JsonMapper.builder().build();
    private static final JsonMapper EXACT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Map<String, ValidatedDefinition> STUDIES =
            Map.of("cpa", TestDefinitions.reader().read(BundledStudies.cpaRecoveryJson()), "numbers", numbersStudy());
    private static final List<String> NUMBERS = List.of(
            "0",
            "18",
            "-1",
            "17.5",
            "1e2",
            "1e400",
            "-1e400",
            "1e-400",
            "1.5e308",
            "1E+999999999",
            "1E-999999999",
            "123456789012345678901234567890123",
            "0.000000000000000000000000000000001",
            "1e30",
            "99.0000");
    private static final List<String> DATES =
            List.of("2011-09-01", "2012-02-29", "2011-02-29", "2011-13-01", "0000-00-00", "+2011-09-1", "2011-9-1", "");

    private static ValidatedDefinition numbersStudy() {
        TestDefinitions study = TestDefinitions.minimal();
        var questions = (ArrayNode) study.sections().get(0).get("questions");
        questions.add(API_JSON.readTree("""
                {"id": "age", "type": "number", "text": "Age", "integer": true, "min": 18, "max": 120}"""));
        questions.add(API_JSON.readTree("""
                {"id": "hours", "type": "number", "text": "Hours a week", "preferNotToSay": true}"""));
        questions.add(API_JSON.readTree("""
                {"id": "since", "type": "date", "text": "On CPA since", "showIf": "adult == 'yes'"}"""));
        return study.read();
    }

    @Test
    void onlyAcceptsOrListsAnswerErrors() {
        Fuzzing.run(
                "answers", Fuzzing.SHORT * 2, ResponseValidatorFuzzTests::request, ResponseValidatorFuzzTests::check);
    }

    @Test
    void replaysTheKeptInputs() {
        Fuzzing.corpus("answers").forEach(ResponseValidatorFuzzTests::check);
    }

    @Test
    @Tag("benchmark")
    void longForm() {
        Fuzzing.run(
                "answers",
                Fuzzing.longIterations(),
                ResponseValidatorFuzzTests::request,
                ResponseValidatorFuzzTests::check);
    }

    private static void check(String request) {
        check(request, API_JSON);
        check(request, EXACT_JSON);
    }

    private static void check(String request, JsonMapper json) {
        JsonNode root = json.readTree(request);
        ValidatedDefinition study = STUDIES.get(root.get("study").asString());
        var mode = ResponseValidator.Mode.valueOf(root.get("mode").asString());
        List<String> agreed = new ArrayList<>();
        root.get("consent").get("agreed").values().forEach(code -> agreed.add(code.asString()));
        var consent = new ConsentGiven(root.get("consent").get("version").asString(), agreed);
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        root.get("answers").properties().forEach(entry -> answers.put(entry.getKey(), entry.getValue()));
        Map<String, AnswerValue> accepted;
        try {
            accepted = ResponseValidator.validate(study, consent, answers, mode);
        } catch (InvalidResponseException refused) {
            assertThat(refused.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.question())
                        .as("the question, or the unknown id as sent")
                        .isNotNull();
                assertThat(error.message()).isNotBlank().doesNotContain("Exception", "java.");
            });
            return;
        } catch (NotEligibleException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        accepted.values().forEach(ResponseValidatorFuzzTests::storable);
        assertThat(ResponseValidator.validate(
                        study, consent, AnswerJson.toJson(accepted), ResponseValidator.Mode.DRAFT))
                .as("accepted answers, read back as a stored draft is")
                .isEqualTo(accepted);
    }

    /** A number is stored written out in full, so it must have a sensible number of digits. */
    private static void storable(AnswerValue answer) {
        if (answer instanceof AnswerValue.Number(BigDecimal value)) {
            long integerDigits = (long) value.precision() - value.scale();
            assertThat(integerDigits).as("digits before the point of %s", value).isLessThanOrEqualTo(40);
            assertThat(value.scale()).as("digits after the point of %s", value).isLessThanOrEqualTo(40);
        }
    }

    /** A request as JSON text: the study, the mode, a consent and random answers. */
    private static String request(Random random) {
        String studyName = random.nextInt(3) == 0 ? "numbers" : "cpa";
        StudyDefinition definition = STUDIES.get(studyName).definition();
        StringBuilder json =
                new StringBuilder("{\"study\": \"").append(studyName).append("\", \"mode\": \"");
        json.append(random.nextInt(3) == 0 ? "DRAFT" : "SUBMISSION").append("\", \"consent\": {\"version\": ");
        json.append(random.nextInt(10) == 0 ? "\"2\"" : "\"1\"").append(", \"agreed\": [");
        List<String> statements = new ArrayList<>();
        definition.consent().statements().forEach(statement -> {
            if (random.nextInt(8) != 0) {
                statements.add(quoted(statement.id()));
            }
        });
        if (random.nextInt(10) == 0) {
            statements.add(quoted(Fuzzing.oddText(random)));
        }
        json.append(String.join(", ", statements)).append("]}, \"answers\": {");
        List<String> answers = new ArrayList<>();
        boolean dense = random.nextBoolean();
        for (var section : definition.sections()) {
            for (var question : section.questions()) {
                if (random.nextInt(dense ? 10 : 2) != 0) {
                    answers.add(quoted(question.id()) + ": " + value(random, question));
                }
            }
        }
        if (random.nextInt(10) == 0) {
            answers.add(quoted(Fuzzing.oddText(random)) + ": \"yes\"");
        }
        return json.append(String.join(", ", answers)).append("}}").toString();
    }

    /** Mostly a plausible answer for the question's type, otherwise anything at all. */
    private static String value(Random random, StudyDefinition.Question question) {
        List<String> codes = new ArrayList<>();
        question.options().forEach(option -> codes.add(option.code()));
        if (question.notApplicable() != null) {
            codes.add(question.notApplicable().code());
        }
        int kind = random.nextInt(4) == 0 ? random.nextInt(9) : -1;
        return switch (kind) {
            case 0 -> "null";
            case 1 -> quoted(AnswerValue.PREFER_NOT_TO_SAY);
            case 2 -> quoted(Fuzzing.oddText(random));
            case 3 -> Fuzzing.pick(random, NUMBERS);
            case 4 -> "[" + quoted("yes") + ", 1, null, [], {}]";
            case 5 -> "{\"code\": \"yes\"}";
            case 6 -> random.nextBoolean() ? "true" : "[]";
            case 7 -> quoted(Fuzzing.pick(random, DATES));
            case 8 -> codes.isEmpty() ? "[]" : "[" + quoted(codes.getFirst()) + ", " + quoted(codes.getFirst()) + "]";
            default ->
                switch (question.type()) {
                    case SINGLE, SCALE -> quoted(Fuzzing.pick(random, codes));
                    case MULTI -> {
                        List<String> chosen = new ArrayList<>();
                        codes.forEach(code -> {
                            if (random.nextInt(3) == 0) {
                                chosen.add(quoted(code));
                            }
                        });
                        yield "[" + String.join(", ", chosen) + "]";
                    }
                    case TEXT -> quoted("Synthetic answer " + Fuzzing.oddText(random));
                    case NUMBER -> Fuzzing.pick(random, NUMBERS);
                    case DATE -> quoted(Fuzzing.pick(random, DATES));
                };
        };
    }

    private static String quoted(String text) {
        return API_JSON.writeValueAsString(text);
    }
}
