package org.waymark.survey.intake;

import java.time.LocalDateTime;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A draft as its participant sees it when they come back with their resume code. */
public record DraftView(
        String responseId,
        String status,
        String studyId,
        int definitionVersion,
        ConsentGiven consent,
        Map<String, JsonNode> answers,
        LocalDateTime expiresAt) {}
