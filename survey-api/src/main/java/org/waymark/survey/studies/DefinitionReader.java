package org.waymark.survey.studies;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.waymark.survey.web.JsonPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a study definition and checks it in three steps: the JSON's shape (strictly: unknown fields,
 * wrong types and duplicate keys are errors), Bean Validation on the records, and the semantic checks
 * that need the whole document. Every error carries the JSONPath where it was found.
 */
@Component
public final class DefinitionReader {

    /** Definitions larger than this are refused before parsing. */
    public static final int MAX_DEFINITION_CHARS = 2_000_000;

    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A missing true-or-false field means false, so primitives must accept absence.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Validator validator;

    public DefinitionReader(Validator validator) {
        this.validator = validator;
    }

    /**
     * Reads and checks a definition.
     *
     * @throws InvalidDefinitionException listing every problem, if there is any
     */
    public ValidatedDefinition read(String json) {
        if (json.length() > MAX_DEFINITION_CHARS) {
            throw new InvalidDefinitionException(List.of(new DefinitionError(
                    "$", "The definition is larger than " + MAX_DEFINITION_CHARS + " characters.")));
        }
        StudyDefinition definition;
        try {
            definition = STRICT_JSON.readValue(json, StudyDefinition.class);
        } catch (JacksonException e) {
            throw new InvalidDefinitionException(List.of(describe(e)));
        }
        if (definition == null) {
            throw new InvalidDefinitionException(
                    List.of(new DefinitionError("$", "The definition is empty: send a JSON object.")));
        }
        List<DefinitionError> errors = validator.validate(definition).stream()
                .map(DefinitionReader::describe)
                .sorted(Comparator.comparing(DefinitionError::path).thenComparing(DefinitionError::message))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return SemanticValidator.check(definition, json);
    }

    /** Writes a definition as JSON in the published format. */
    public static String toJson(StudyDefinition definition) {
        return STRICT_JSON.writeValueAsString(definition);
    }

    private static DefinitionError describe(ConstraintViolation<?> violation) {
        return new DefinitionError(jsonPath(violation.getPropertyPath()), violation.getMessage());
    }

    private static String jsonPath(Path path) {
        // Hibernate Validator puts a list index on the node after the list: sections, questions[0], id[1]
        // stands for $.sections[0].questions[1].id.
        StringBuilder json = new StringBuilder("$");
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null) {
                json.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                json.append('.').append(name);
            }
        }
        return json.toString();
    }

    private static DefinitionError describe(JacksonException e) {
        if (e instanceof StreamReadException && !(e instanceof MismatchedInputException)) {
            var location = e.getLocation();
            String where =
                    location == null ? "" : " near line " + location.getLineNr() + ", column " + location.getColumnNr();
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            String problem = original.toLowerCase(java.util.Locale.ROOT).contains("duplicate")
                    ? "a field appears twice in the same object"
                    : "the text is not valid JSON";
            return new DefinitionError(
                    JsonPaths.of(e), "The definition could not be read" + where + ": " + problem + ".");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new DefinitionError(
                    JsonPaths.of(e),
                    "'" + unknown.getPropertyName() + "' is not a field of the study-definition format here."
                            + " Check its spelling against docs/study-definition.md.");
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            return new DefinitionError(JsonPaths.of(e), "must be " + expected(format.getTargetType()) + ".");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new DefinitionError(JsonPaths.of(e), "must be " + expected(mismatch.getTargetType()) + ".");
        }
        return new DefinitionError(JsonPaths.of(e), "has a value of the wrong kind.");
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> "'" + constant.toString().toLowerCase(java.util.Locale.ROOT) + "'")
                            .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "text in double quotes";
        }
        if (type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == java.math.BigDecimal.class) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list in square brackets";
        }
        return "an object in curly braces";
    }
}
