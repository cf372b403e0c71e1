package org.waymark.survey.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What intake answers after storing a response: its pseudonymous id and status, with the receipt code
 * (for withdrawal) once submitted, or the resume code while it is a draft.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(String responseId, String status, String receiptCode, String resumeCode) {}
