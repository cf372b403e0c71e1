package org.waymark.survey.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.ValidatedDefinition;
import tools.jackson.databind.JsonNode;

/**
 * Checks a whole response against the definition version it answers: consent, known questions, each
 * answer's type, codes, range and length, answers to questions the conditions hide, required questions
 * and eligibility. Questions are taken in the definition's order, so conditions see the answers before
 * them. Every problem is reported, not only the first.
 */
public final class ResponseValidator {

    /** A draft may leave required questions for later; a submission may not. */
    public enum Mode {
        DRAFT,
        SUBMISSION
    }

    static final int DEFAULT_TEXT_LENGTH = 4_000;

    /** The most digits a number answer may have, written out in full. */
    static final int MAX_DIGITS = 30;

    private ResponseValidator() {}

    /**
     * @return the answers, typed
     * @throws InvalidResponseException listing every problem
     * @throws NotEligibleException if an eligibility question was answered with a code it does not accept
     */
    public static Map<String, AnswerValue> validate(
            ValidatedDefinition study, ConsentGiven consent, Map<String, JsonNode> raw, Mode mode) {
        List<AnswerError> errors = new ArrayList<>();
        checkConsent(study.definition().consent(), consent, errors);
        Set<String> known = new HashSet<>();
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        for (StudyDefinition.Section section : study.definition().sections()) {
            for (Question question : section.questions()) {
                known.add(question.id());
                JsonNode value = raw.get(question.id());
                boolean given = value != null && !value.isNull();
                if (!study.isShown(question.id(), answers)) {
                    if (given) {
                        errors.add(new AnswerError(
                                question.id(),
                                "This question is not asked, given the earlier answers. Remove this answer."));
                    }
                    continue;
                }
                if (!given) {
                    if (mode == Mode.SUBMISSION && question.required()) {
                        errors.add(new AnswerError(question.id(), "This question needs an answer."));
                    }
                    continue;
                }
                String problem = parse(question, value, answers);
                if (problem != null) {
                    errors.add(new AnswerError(question.id(), problem));
                }
            }
        }
        raw.keySet().stream()
                .filter(id -> !known.contains(id))
                .sorted()
                .forEach(id -> errors.add(new AnswerError(id, "This study has no question with this id.")));
        if (!errors.isEmpty()) {
            throw new InvalidResponseException(errors);
        }
        checkEligibility(study, answers);
        return answers;
    }

    private static void checkConsent(StudyDefinition.Consent expected, ConsentGiven given, List<AnswerError> errors) {
        if (!expected.version().equals(given.version())) {
            errors.add(new AnswerError(
                    "consent",
                    "The consent was given to version " + given.version() + " of the statements, but this study"
                            + " asks for version " + expected.version() + ". Show the current statements again."));
            return;
        }
        Set<String> statements = new HashSet<>();
        expected.statements().forEach(statement -> statements.add(statement.id()));
        for (String agreed : given.agreed()) {
            if (!statements.contains(agreed)) {
                errors.add(
                        new AnswerError("consent", "'" + agreed + "' is not one of this study's consent statements."));
            }
        }
        for (StudyDefinition.Statement statement : expected.statements()) {
            if (statement.required() && !given.agreed().contains(statement.id())) {
                errors.add(new AnswerError(
                        "consent", "Taking part needs agreement to the statement '" + statement.id() + "'."));
            }
        }
    }

    private static void checkEligibility(ValidatedDefinition study, Map<String, AnswerValue> answers) {
        for (StudyDefinition.EligibilityRule rule : study.definition().eligibility()) {
            AnswerValue answer = answers.get(rule.question());
            if (answer != null && answer.codes().stream().noneMatch(rule.accept()::contains)) {
                throw new NotEligibleException(rule.message());
            }
        }
    }

    /** Reads one answer into {@code answers}; returns what is wrong with it, or null. */
    private static String parse(Question question, JsonNode value, Map<String, AnswerValue> answers) {
        if (value.isString() && AnswerValue.PREFER_NOT_TO_SAY.equals(value.asString())) {
            if (!question.preferNotToSay()) {
                return "This question does not offer \"prefer not to say\".";
            }
            answers.put(question.id(), new AnswerValue.PreferNotToSay());
            return null;
        }
        return switch (question.type()) {
            case SINGLE, SCALE -> choice(question, value, answers);
            case MULTI -> choices(question, value, answers);
            case TEXT -> text(question, value, answers);
            case NUMBER -> number(question, value, answers);
            case DATE -> date(question, value, answers);
        };
    }

    private static String choice(Question question, JsonNode value, Map<String, AnswerValue> answers) {
        if (!value.isString()) {
            return "The answer must be one option code, as text.";
        }
        String code = value.asString();
        if (!optionCodes(question).contains(code)) {
            return "'" + shorten(code) + "' is not one of this question's options.";
        }
        answers.put(question.id(), new AnswerValue.Choice(code));
        return null;
    }

    private static String choices(Question question, JsonNode value, Map<String, AnswerValue> answers) {
        if (!value.isArray()) {
            return "The answer must be a list of option codes.";
        }
        if (value.isEmpty()) {
            return "Choose at least one option, or leave the question out.";
        }
        Set<String> options = optionCodes(question);
        Set<String> chosen = new HashSet<>();
        for (JsonNode element : value) {
            if (!element.isString() || !options.contains(element.asString())) {
                return "'" + shorten(element.toString()) + "' is not one of this question's options.";
            }
            if (!chosen.add(element.asString())) {
                return "'" + element.asString() + "' is chosen twice.";
            }
        }
        // Kept in the definition's order, so equal answers are stored the same way.
        List<String> ordered = question.options().stream()
                .map(StudyDefinition.Option::code)
                .filter(chosen::contains)
                .toList();
        answers.put(question.id(), new AnswerValue.Choices(ordered));
        return null;
    }

    private static String text(Question question, JsonNode value, Map<String, AnswerValue> answers) {
        if (!value.isString()) {
            return "The answer must be text.";
        }
        String text = value.asString().strip();
        int limit = question.maxLength() == null ? DEFAULT_TEXT_LENGTH : question.maxLength();
        int length = text.codePointCount(0, text.length());
        if (length > limit) {
            return "The answer is " + length + " characters long; this question takes at most " + limit + ".";
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            return "The answer contains control characters; send plain text.";
        }
        if (text.isEmpty()) {
            return "The answer is empty; leave the question out instead.";
        }
        answers.put(question.id(), new AnswerValue.Text(text));
        return null;
    }

    private static String number(Question question, JsonNode value, Map<String, AnswerValue> answers) {
        if (!value.isNumber()) {
            return "The answer must be a number.";
        }
        // JSON such as 1e400 is read as an infinite double, which has no decimal value.
        if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
            return "The answer has too many digits.";
        }
        BigDecimal number = value.decimalValue();
        if (writtenOutDigits(number) > MAX_DIGITS) {
            // Stored written out in full, so 1E+999999999, a single digit, would be a billion characters.
            return "The answer has too many digits.";
        }
        if (question.integer() && number.stripTrailingZeros().scale() > 0) {
            return "The answer must be a whole number.";
        }
        if (question.min() != null && number.compareTo(question.min()) < 0) {
            return "The answer must be at least " + question.min().toPlainString() + ".";
        }
        if (question.max() != null && number.compareTo(question.max()) > 0) {
            return "The answer must be at most " + question.max().toPlainString() + ".";
        }
        answers.put(question.id(), new AnswerValue.Number(number));
        return null;
    }

    /** The digits of a number written out in full, as it is stored, without trailing zeros after the point. */
    private static long writtenOutDigits(BigDecimal number) {
        BigDecimal plain = number.stripTrailingZeros();
        long beforePoint = Math.max(1L, (long) plain.precision() - plain.scale());
        long afterPoint = Math.max(0, plain.scale());
        return Math.max(plain.precision(), beforePoint + afterPoint);
    }

    private static String date(Question question, JsonNode value, Map<String, AnswerValue> answers) {
        if (!value.isString() || value.asString().length() != 10) {
            return "The answer must be a date written as YYYY-MM-DD.";
        }
        try {
            answers.put(question.id(), new AnswerValue.Date(LocalDate.parse(value.asString())));
            return null;
        } catch (DateTimeParseException e) {
            return "The answer must be a real date written as YYYY-MM-DD.";
        }
    }

    private static Set<String> optionCodes(Question question) {
        Set<String> codes = new HashSet<>();
        question.options().forEach(option -> codes.add(option.code()));
        if (question.notApplicable() != null) {
            codes.add(question.notApplicable().code());
        }
        return codes;
    }

    /** Echoes at most a few characters of what was sent, so a huge or hostile value is not repeated back. */
    private static String shorten(String sent) {
        String printable = sent.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() < sent.length() ? printable + "…" : printable;
    }
}
