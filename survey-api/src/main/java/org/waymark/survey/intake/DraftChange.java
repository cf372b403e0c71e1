package org.waymark.survey.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A change to a draft: each answer given replaces the stored one, and {@code null} removes it.
 *
 * @param consent a new consent, or null to keep the stored one
 */
public record DraftChange(
        @NotNull @Size(max = 1000) Map<String, JsonNode> answers,
        @Valid ConsentGiven consent) {}
