package org.waymark.survey.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A response sent to {@code POST /api/studies/{id}/responses}. Answers are checked against the study
 * definition by {@link ResponseValidator}; this record only holds their shape.
 *
 * @param submit true to submit now, false to keep a draft that can be resumed
 */
public record SubmissionRequest(
        @NotNull @Valid ConsentGiven consent,
        @NotNull @Size(max = 1000) Map<String, JsonNode> answers,
        @NotNull Boolean submit) {}
