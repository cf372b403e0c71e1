package org.waymark.survey.intake;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.waymark.survey.Sha256;
import org.waymark.survey.WaymarkProperties;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.responses.ResponseStore.StoredResponse;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes responses in: validates them whole against the definition version they answer, then stores the
 * response, its answers, its consent and its index-outbox row in one transaction. A reply is sent only
 * after that commit, so an acknowledged response is never lost, and a refused one leaves nothing.
 */
@Service
public class IntakeService {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final StudyService studies;
    private final ResponseStore responses;
    private final AccessCodes codes;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final WaymarkProperties properties;

    IntakeService(
            StudyService studies,
            ResponseStore responses,
            AccessCodes codes,
            AuditLog audit,
            TransactionTemplate transaction,
            Clock clock,
            WaymarkProperties properties) {
        this.studies = studies;
        this.responses = responses;
        this.codes = codes;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Stores a new response, or answers a repeated request with the same reply: the same key with the
     * same body is a replay; with a different body it is refused.
     *
     * <p>A new key is the common case, so the key is not looked up first: the response is inserted,
     * and the database's unique key on (study, Idempotency-Key) turns a repeat, or a concurrent
     * duplicate, into a rolled-back insert, after which the stored original is read and replayed. A
     * repeat that is now refused (the study has closed, say) is replayed too, as before.
     */
    public Receipt create(String studyId, String idempotencyKey, SubmissionRequest request) {
        String requestHash = Sha256.hex(CANONICAL.writeValueAsString(request));
        boolean submit = request.submit();
        String receiptCode = submit ? codes.derived("receipt", studyId, idempotencyKey) : null;
        String resumeCode = submit ? null : codes.derived("resume", studyId, idempotencyKey);
        ResponseStore.NewResponse row;
        try {
            row = newResponse(studyId, idempotencyKey, request, requestHash, receiptCode, resumeCode);
        } catch (ApiProblemException | InvalidResponseException | NotEligibleException refused) {
            return responses
                    .findByIdempotencyKey(studyId, idempotencyKey)
                    .map(original -> replay(original, requestHash, idempotencyKey, submit))
                    .orElseThrow(() -> refused);
        }
        try {
            String pseudonym = transaction.execute(status -> {
                String inserted = responses.insert(row).pseudonym();
                // Checked after the insert, in its transaction, so a withdrawal committing meanwhile is seen.
                if (responses.keyWithdrawn(studyId, idempotencyKey)) {
                    throw keyOfAWithdrawnResponse();
                }
                return inserted;
            });
            return new Receipt(pseudonym, row.status(), receiptCode, resumeCode);
        } catch (DuplicateKeyException e) {
            // This key was used before, or by a concurrent request that committed first.
            StoredResponse original =
                    responses.findByIdempotencyKey(studyId, idempotencyKey).orElseThrow(() -> e);
            return replay(original, requestHash, idempotencyKey, submit);
        }
    }

    /** The rows for a new response, once the study is open and the response valid as a whole. */
    private ResponseStore.NewResponse newResponse(
            String studyId,
            String idempotencyKey,
            SubmissionRequest request,
            String requestHash,
            String receiptCode,
            String resumeCode) {
        StudyService.PublishedStudy study = studies.openForResponses(studyId);
        boolean submit = request.submit();
        Map<String, AnswerValue> answers = ResponseValidator.validate(
                study.definition(),
                request.consent(),
                request.answers(),
                submit ? ResponseValidator.Mode.SUBMISSION : ResponseValidator.Mode.DRAFT);
        LocalDateTime now = LocalDateTime.now(clock);
        var content = new ResponseStore.Submission(
                studyId,
                study.versionId(),
                answers,
                request.consent().version(),
                request.consent().agreed(),
                "api",
                now);
        return new ResponseStore.NewResponse(
                content,
                submit ? "submitted" : "draft",
                idempotencyKey,
                requestHash,
                resumeCode == null ? null : AccessCodes.hash(resumeCode),
                receiptCode == null ? null : AccessCodes.hash(receiptCode),
                submit ? null : now.plusDays(properties.drafts().expireAfterDays()));
    }

    private Receipt replay(StoredResponse original, String requestHash, String idempotencyKey, boolean submit) {
        if (!requestHash.equals(original.requestSha256())) {
            throw new ApiProblemException(
                    org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different response. Use a new key for a new"
                            + " response, or send exactly the same request again to get its reply.");
        }
        return submit
                ? new Receipt(
                        original.pseudonym(),
                        "submitted",
                        codes.derived("receipt", original.studyId(), idempotencyKey),
                        null)
                : new Receipt(
                        original.pseudonym(),
                        "draft",
                        null,
                        codes.derived("resume", original.studyId(), idempotencyKey));
    }

    /** A draft with its definition and typed answers, for the participant pages. */
    public record DraftState(String studyId, ValidatedDefinition definition, Map<String, AnswerValue> answers) {}

    public DraftState draftState(String resumeCode) {
        StoredResponse draft = findDraft(resumeCode);
        return new DraftState(
                draft.studyId(), studies.definitionOfVersion(draft.studyVersionId()), responses.answers(draft.id()));
    }

    /** Starts a draft for the participant pages, which have no client-chosen key: one is made here. */
    public Receipt startDraft(String studyId, ConsentGiven consent, Map<String, JsonNode> answers) {
        return create(studyId, java.util.UUID.randomUUID().toString(), new SubmissionRequest(consent, answers, false));
    }

    /** The draft a resume code opens. */
    public DraftView draft(String resumeCode) {
        StoredResponse draft = findDraft(resumeCode);
        return view(draft);
    }

    /** Changes a draft: given answers replace stored ones, {@code null} removes one. */
    public DraftView change(String resumeCode, DraftChange change) {
        return transaction.execute(status -> {
            StoredResponse draft = findDraft(resumeCode);
            responses.lock(draft.id());
            ValidatedDefinition definition = studies.definitionOfVersion(draft.studyVersionId());
            Map<String, JsonNode> merged = new LinkedHashMap<>(AnswerJson.toJson(responses.answers(draft.id())));
            change.answers().forEach((question, value) -> {
                if (value == null || value.isNull()) {
                    merged.remove(question);
                } else {
                    merged.put(question, value);
                }
            });
            ConsentGiven consent = change.consent() != null ? change.consent() : storedConsent(draft.id());
            Map<String, AnswerValue> answers =
                    ResponseValidator.validate(definition, consent, merged, ResponseValidator.Mode.DRAFT);
            responses.replaceDraft(draft.id(), answers, consent.version(), consent.agreed(), LocalDateTime.now(clock));
            return view(draft);
        });
    }

    /** Submits a draft, checking it as a whole submission first. */
    public Receipt submitDraft(String resumeCode) {
        return transaction.execute(status -> {
            StoredResponse draft = findDraft(resumeCode);
            responses.lock(draft.id());
            studies.openForResponses(draft.studyId());
            ValidatedDefinition definition = studies.definitionOfVersion(draft.studyVersionId());
            ResponseValidator.validate(
                    definition,
                    storedConsent(draft.id()),
                    AnswerJson.toJson(responses.answers(draft.id())),
                    ResponseValidator.Mode.SUBMISSION);
            String receiptCode = draft.idempotencyKey() == null
                    ? codes.random()
                    : codes.derived("receipt", draft.studyId(), draft.idempotencyKey());
            responses.markSubmitted(
                    draft.id(), draft.studyId(), AccessCodes.hash(receiptCode), LocalDateTime.now(clock));
            return new Receipt(draft.pseudonym(), "submitted", receiptCode, null);
        });
    }

    /** Withdraws a submitted response by its receipt code. */
    public void withdraw(String receiptCode) {
        transaction.executeWithoutResult(status -> {
            StoredResponse response = responses
                    .findSubmittedByReceiptCode(AccessCodes.hash(receiptCode))
                    .orElseThrow(() -> ApiProblemException.notFound(
                            "No submitted response has this receipt code. Check the code as written on your receipt;"
                                    + " if it was withdrawn already, there is nothing more to do."));
            responses.lock(response.id());
            responses.withdraw(response.id(), response.studyId(), LocalDateTime.now(clock));
            audit.record(
                    "participant", "response.withdrawn", response.studyId(), response.pseudonym(), "by receipt code");
        });
    }

    /** What a researcher's withdrawal did. */
    public record Withdrawal(String responseId, String status, boolean withdrawnNow) {}

    /**
     * Withdraws a response, submitted or draft, on its participant's request to the study team, by its
     * pseudonymous id. Withdrawing one already withdrawn changes nothing.
     */
    public Withdrawal withdrawOnRequest(String studyId, String responseId, String researcher) {
        return transaction.execute(status -> {
            StoredResponse found = responses
                    .findByPseudonym(studyId, responseId)
                    .orElseThrow(() -> ApiProblemException.notFound("Study '" + studyId + "' has no response '"
                            + responseId + "'. Use the response id the participant's receipt or your list shows."));
            responses.lock(found.id());
            StoredResponse response =
                    responses.findByPseudonym(studyId, responseId).orElseThrow();
            if (response.status().equals("withdrawn")) {
                return new Withdrawal(response.pseudonym(), "withdrawn", false);
            }
            responses.withdraw(response.id(), studyId, LocalDateTime.now(clock));
            audit.record(
                    researcher,
                    "response.withdrawn",
                    studyId,
                    response.pseudonym(),
                    "by a researcher on the participant's request (was " + response.status() + ")");
            return new Withdrawal(response.pseudonym(), "withdrawn", true);
        });
    }

    private static ApiProblemException keyOfAWithdrawnResponse() {
        return ApiProblemException.conflict("The response sent with this Idempotency-Key was withdrawn, and a"
                + " withdrawn response is never stored again. To take part again, send a new response with a new"
                + " key.");
    }

    private StoredResponse findDraft(String resumeCode) {
        return responses
                .findDraftByResumeCode(AccessCodes.hash(resumeCode))
                .filter(draft -> draft.expiresAt() == null || draft.expiresAt().isAfter(LocalDateTime.now(clock)))
                .orElseThrow(() -> ApiProblemException.notFound(
                        "No saved answers match this resume code. Check the code; saved answers are kept for "
                                + properties.drafts().expireAfterDays()
                                + " days, and a submitted response cannot be resumed."));
    }

    private ConsentGiven storedConsent(long responseId) {
        var consent = responses.consent(responseId);
        return new ConsentGiven(consent.consentVersion(), consent.agreed());
    }

    private DraftView view(StoredResponse draft) {
        ValidatedDefinition definition = studies.definitionOfVersion(draft.studyVersionId());
        return new DraftView(
                draft.pseudonym(),
                "draft",
                draft.studyId(),
                definition.version(),
                storedConsent(draft.id()),
                AnswerJson.toJson(responses.answers(draft.id())),
                draft.expiresAt());
    }
}
