package org.waymark.survey.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.web.ApiProblemException;

/** The intake API: responses in, drafts resumed, withdrawals; and the pseudonymous list for researchers. */
@RestController
class IntakeController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final List<String> STATUSES = List.of("submitted", "draft", "withdrawn");

    private final IntakeService intake;
    private final ResponseStore responses;
    private final StudyService studies;

    IntakeController(IntakeService intake, ResponseStore responses, StudyService studies) {
        this.intake = intake;
        this.responses = responses;
        this.studies = studies;
    }

    @PostMapping("/api/studies/{id}/responses")
    ResponseEntity<Receipt> create(
            @PathVariable String id,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody SubmissionRequest request) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new ApiProblemException(
                    HttpStatus.BAD_REQUEST,
                    "Idempotency-Key needed",
                    "Send an Idempotency-Key header: 1 to 128 letters, digits, '.', '_', ':' or '-', new for each"
                            + " response (a UUID will do). Sending the same request with the same key again is safe.");
        }
        Receipt receipt = intake.create(id, idempotencyKey, request);
        return ResponseEntity.created(URI.create("/api/studies/" + id + "/responses/" + receipt.responseId()))
                .body(receipt);
    }

    @GetMapping("/api/responses/{resumeCode}")
    DraftView draft(@PathVariable String resumeCode) {
        return intake.draft(resumeCode);
    }

    @PatchMapping("/api/responses/{resumeCode}")
    DraftView change(@PathVariable String resumeCode, @Valid @RequestBody DraftChange change) {
        return intake.change(resumeCode, change);
    }

    @PostMapping("/api/responses/{resumeCode}/submit")
    Receipt submit(@PathVariable String resumeCode) {
        return intake.submitDraft(resumeCode);
    }

    @DeleteMapping("/api/responses/{receiptCode}")
    ResponseEntity<Void> withdraw(@PathVariable String receiptCode) {
        intake.withdraw(receiptCode);
        return ResponseEntity.noContent().build();
    }

    /** A researcher withdraws a response on its participant's request, by the response's pseudonymous id. */
    @PostMapping("/api/studies/{id}/responses/{responseId}/withdraw")
    IntakeService.Withdrawal withdrawOnRequest(
            @PathVariable String id, @PathVariable String responseId, Principal researcher) {
        return intake.withdrawOnRequest(id, responseId, researcher.getName());
    }

    /** A page of a study's responses, by pseudonymous id only. */
    record ResponsePage(long total, int page, int size, List<ResponseStore.ListedResponse> items) {}

    @GetMapping("/api/studies/{id}/responses")
    ResponsePage list(
            @PathVariable String id,
            @RequestParam(defaultValue = "submitted") String status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (!STATUSES.contains(status)) {
            throw new ApiProblemException(
                    HttpStatus.BAD_REQUEST,
                    "Bad request",
                    "'status' must be one of " + String.join(", ", STATUSES) + ".");
        }
        studies.published(id);
        return new ResponsePage(responses.count(id, status), page, size, responses.list(id, status, page, size));
    }
}
