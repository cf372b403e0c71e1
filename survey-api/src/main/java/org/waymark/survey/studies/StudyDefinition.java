package org.waymark.survey.studies;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A study as data: the JSON document described in docs/study-definition.md. Field names are a public
 * contract: extend the format, never rename a field.
 */
public record StudyDefinition(
        @NotBlank @Pattern(regexp = STUDY_ID, message = STUDY_ID_MESSAGE)
        String id,

        @Min(value = 1, message = "must be 1 or more") int version,
        @NotBlank @Size(max = 300) String title,
        @Size(max = 20_000) String description,
        boolean synthetic,
        @Valid Information information,
        @NotNull @Valid Consent consent,
        List<@NotNull @Valid EligibilityRule> eligibility,
        @NotEmpty List<@NotNull @Valid Section> sections,
        List<@NotNull @Valid Grouping> groupings,
        List<@NotNull @Valid Scale> scales,
        LocalDate retainDataUntil,
        @Valid FollowUp followUp) {

    /** Not {@code new}, which names the workspace's upload page (/workspace/studies/new). */
    static final String STUDY_ID = "(?!new$)[a-z0-9][a-z0-9-]{1,63}";

    static final String STUDY_ID_MESSAGE =
            "must be 2 to 64 lower-case letters, digits or hyphens, starting with a letter or digit, and not 'new'";
    static final String ID = "[a-z][a-z0-9_]{0,63}";
    static final String ID_MESSAGE =
            "must be 1 to 64 lower-case letters, digits or underscores, starting with a letter";
    static final String CODE = "[a-z0-9][a-z0-9_]{0,63}";
    static final String CODE_MESSAGE = "must be 1 to 64 lower-case letters, digits or underscores";

    public StudyDefinition {
        eligibility = eligibility == null ? List.of() : eligibility;
        groupings = groupings == null ? List.of() : groupings;
        scales = scales == null ? List.of() : scales;
    }

    /** Whether this study asks, after submitting, for contact details for follow-up. */
    public boolean offersFollowUp() {
        return followUp != null && followUp.enabled();
    }

    /**
     * An optional offer shown after submitting: a participant may leave an email address or phone
     * number so the study team can contact them again, for the {@code purpose} given. Contact details are
     * kept apart from the answers, encrypted, and never exported (docs/security.md#contact-details).
     */
    public record FollowUp(
            boolean enabled, @Size(max = 2000) String purpose) {}

    /** The information sheet a participant reads before deciding to take part. */
    public record Information(
            @Size(max = 20_000) String takingPart,
            @Size(max = 20_000) String dataProtection,
            @Size(max = 20_000) String withdrawal,
            @Size(max = 20_000) String contact,
            List<@NotNull @Valid SupportLine> supportLines) {

        public Information {
            supportLines = supportLines == null ? List.of() : supportLines;
        }
    }

    /** Somewhere a participant can turn for support, repeated on the last page. */
    public record SupportLine(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String contact,
            @Size(max = 1000) String description) {}

    /** The consent statements, versioned so each participant's consent names what they agreed to. */
    public record Consent(
            @NotBlank @Size(max = 32) String version,
            @NotEmpty List<@NotNull @Valid Statement> statements) {}

    /**
     * One consent statement; optional ones (such as being quoted) are recorded per participant. The one
     * statement with {@code allowsQuotes} is the permission the quote bank checks.
     */
    public record Statement(
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @NotBlank @Size(max = 2000) String text,
            boolean required,
            boolean allowsQuotes) {}

    /** Who may take part: the answer to {@code question} must be one of {@code accept}. */
    public record EligibilityRule(
            @NotBlank String question,
            @NotEmpty List<@NotBlank String> accept,
            @NotBlank @Size(max = 2000) String message) {}

    /** A page of the questionnaire. A content note is shown before sensitive sections. */
    public record Section(
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @NotBlank @Size(max = 300) String title,
            @Size(max = 5000) String intro,
            @Size(max = 5000) String contentNote,
            @NotEmpty List<@NotNull @Valid Question> questions) {}

    /** One question. Which of the optional fields apply depends on the type. */
    public record Question(
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @NotNull QuestionType type,
            @NotBlank @Size(max = 2000) String text,
            @Size(max = 2000) String help,
            boolean required,
            boolean preferNotToSay,
            @Size(max = 1000) String showIf,
            List<@NotNull @Valid Option> options,
            @Valid Option notApplicable,
            Integer maxLength,
            BigDecimal min,
            BigDecimal max,
            boolean integer) {

        public Question {
            options = options == null ? List.of() : options;
        }
    }

    /** An answer option: a stable code for analysis and a label for people. */
    public record Option(
            @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE)
            String code,

            @NotBlank @Size(max = 500) String label) {}

    /**
     * Derives analysis groups from answers. Without {@code groups}, each option of {@code from} is a
     * group. The first group that matches wins; then {@code otherwise}, if given.
     */
    public record Grouping(
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @NotBlank @Size(max = 300) String label,
            String from,
            List<@NotNull @Valid Group> groups,
            @Valid Otherwise otherwise) {

        public Grouping {
            groups = groups == null ? List.of() : groups;
        }
    }

    /** A group: matched by option codes of the grouping's {@code from} question, or by a condition. */
    public record Group(
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @NotBlank @Size(max = 300) String label,
            List<@NotBlank String> codes,
            @Size(max = 1000) String when) {

        public Group {
            codes = codes == null ? List.of() : codes;
        }
    }

    /** The group for participants who answered but matched no other group. */
    public record Otherwise(
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @NotBlank @Size(max = 300) String label) {}

    /**
     * A score worked out from several {@code scale} questions of the study: each item is scored by
     * the position of its answer among the options (1 for the first), a reversed item the other way,
     * and the score is the sum or the mean of the items, for anyone who answered at least {@code
     * minAnswered} of them (all, if left out). See docs/study-definition.md#scales.
     */
    public record Scale(
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @NotBlank @Size(max = 300) String label,

            @NotNull @Size(min = 2, max = 100, message = "must list from 2 to 100 questions")
            List<@NotBlank String> items,

            @NotNull Scoring scoring,
            @Min(value = 1, message = "must be 1 or more") Integer minAnswered,
            List<@NotBlank String> reversed) {

        public Scale {
            reversed = reversed == null ? List.of() : reversed;
        }

        /** How item scores make the scale's score. */
        public enum Scoring {
            @JsonProperty("sum")
            SUM,
            @JsonProperty("mean")
            MEAN
        }
    }
}
