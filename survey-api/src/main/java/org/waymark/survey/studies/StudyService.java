package org.waymark.survey.studies;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.studies.StudyRepository.StoredVersion;
import org.waymark.survey.web.ApiProblemException;

/**
 * The life of a study definition: a draft is uploaded and may be replaced; publishing makes it
 * immutable; any later change is a new version. Each response records the version it answered.
 */
@Service
public class StudyService {

    /** What an upload or a publication did. */
    public record VersionResult(String id, int version, String status, boolean created) {}

    private final StudyRepository studies;
    private final DefinitionReader reader;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Map<Long, ValidatedDefinition> publishedCache = new ConcurrentHashMap<>();

    StudyService(
            StudyRepository studies,
            DefinitionReader reader,
            AuditLog audit,
            Clock clock,
            ApplicationEventPublisher events) {
        this.studies = studies;
        this.reader = reader;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** Uploads the first version of a new study as a draft; the uploader becomes its owner. */
    @Transactional
    public VersionResult create(String json, String actor) {
        ValidatedDefinition definition = reader.read(json);
        if (definition.version() != 1) {
            throw new InvalidDefinitionException(
                    List.of(new DefinitionError("$.version", "must be 1 for a new study.")));
        }
        if (studies.exists(definition.id())) {
            throw alreadyExists(definition.id());
        }
        LocalDateTime now = LocalDateTime.now(clock);
        try {
            studies.insertStudy(definition.id(), definition.definition().synthetic(), now);
        } catch (DuplicateKeyException e) {
            throw alreadyExists(definition.id());
        }
        studies.insertVersion(definition, "draft", now);
        audit.record(actor, "study.draft-uploaded", definition.id(), "version " + definition.version(), null);
        events.publishEvent(new StudyCreated(definition.id(), actor));
        return new VersionResult(definition.id(), definition.version(), "draft", true);
    }

    /**
     * Uploads a new version of an existing study, or replaces the draft of a version not yet published.
     */
    @Transactional
    public VersionResult uploadVersion(String studyId, String json, String actor) {
        ValidatedDefinition definition = reader.read(json);
        if (!definition.id().equals(studyId)) {
            throw new InvalidDefinitionException(
                    List.of(new DefinitionError("$.id", "must be '" + studyId + "', the study named in the address.")));
        }
        StoredVersion latest = studies.latestVersionForUpdate(studyId).orElseThrow(() -> notFound(studyId));
        boolean draftOpen = latest.status().equals("draft");
        int expected = draftOpen ? latest.version() : latest.version() + 1;
        if (definition.version() != expected) {
            String why = draftOpen
                    ? "version " + expected + " is a draft that can still be changed; upload it as version " + expected
                    : "version " + latest.version() + " is published and cannot change; a new version must be "
                            + expected;
            throw new InvalidDefinitionException(
                    List.of(new DefinitionError("$.version", "must be " + expected + ": " + why + ".")));
        }
        if (draftOpen) {
            studies.replaceDraft(definition);
            audit.record(actor, "study.draft-replaced", studyId, "version " + expected, null);
            return new VersionResult(studyId, expected, "draft", false);
        }
        studies.insertVersion(definition, "draft", LocalDateTime.now(clock));
        audit.record(actor, "study.draft-uploaded", studyId, "version " + expected, null);
        return new VersionResult(studyId, expected, "draft", true);
    }

    /**
     * Publishes the study's draft version, which from then on never changes. Publishing a new version
     * of a closed study opens it again.
     */
    @Transactional
    public VersionResult publish(String studyId, String actor) {
        StoredVersion latest = studies.latestVersionForUpdate(studyId).orElseThrow(() -> notFound(studyId));
        if (!latest.status().equals("draft")) {
            throw ApiProblemException.conflict("Version " + latest.version() + " of study '" + studyId
                    + "' is already published. Upload a new version to change the study.");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        studies.markPublished(latest.id(), now);
        studies.setStatus(studyId, "published", now);
        audit.record(actor, "study.published", studyId, "version " + latest.version(), null);
        return new VersionResult(studyId, latest.version(), "published", false);
    }

    /** Closes a published study to new responses; its data stays for analysis. */
    @Transactional
    public VersionResult close(String studyId, String actor) {
        if (!studies.exists(studyId)) {
            throw notFound(studyId);
        }
        StoredVersion published = studies.publishedVersion(studyId)
                .orElseThrow(() -> ApiProblemException.conflict(
                        "Study '" + studyId + "' has never been published, so there is nothing to close."));
        if (studies.status(studyId).equals("closed")) {
            throw ApiProblemException.conflict("Study '" + studyId + "' is closed already.");
        }
        studies.setStatus(studyId, "closed", LocalDateTime.now(clock));
        audit.record(actor, "study.closed", studyId, null, null);
        return new VersionResult(studyId, published.version(), "closed", false);
    }

    /**
     * A version of a study as the workspace lists it.
     *
     * @param status {@code draft} or {@code published}
     * @param publishedAt when it was published, or {@code null} for a draft
     */
    public record StudyVersion(int version, String status, LocalDateTime uploadedAt, LocalDateTime publishedAt) {

        public boolean draft() {
            return status.equals("draft");
        }
    }

    /** Every version of the study, newest first; empty for a study that does not exist. */
    public List<StudyVersion> versions(String studyId) {
        return studies.versions(studyId);
    }

    /** Any version, draft included, checked and compiled (not cached: a draft may still be replaced). */
    public ValidatedDefinition versionDefinition(String studyId, int version) {
        return reader.read(versionJson(studyId, version));
    }

    public List<StudySummary> listPublished() {
        return studies.listPublished();
    }

    /** The JSON of the study's current published version. */
    public String publishedJson(String studyId) {
        return studies.publishedVersion(studyId)
                .map(StoredVersion::definitionJson)
                .orElseThrow(() -> notFound(studyId));
    }

    /** Any version, draft included, for researchers. */
    public String versionJson(String studyId, int version) {
        return studies.version(studyId, version)
                .map(StoredVersion::definitionJson)
                .orElseThrow(
                        () -> ApiProblemException.notFound("Study '" + studyId + "' has no version " + version + "."));
    }

    /** The current published definition, checked and compiled; cached, since published versions never change. */
    public PublishedStudy published(String studyId) {
        var current = studies.currentVersion(studyId).orElseThrow(() -> notFound(studyId));
        return new PublishedStudy(current.versionId(), definitionOfVersion(current.versionId()));
    }

    /** The current published definition, if the study is open to new responses. */
    public PublishedStudy openForResponses(String studyId) {
        var current = studies.currentVersion(studyId).orElseThrow(() -> notFound(studyId));
        if (current.studyStatus().equals("closed")) {
            throw ApiProblemException.conflict(
                    "Study '" + studyId + "' is closed and takes no new responses. Thank you for your interest.");
        }
        return new PublishedStudy(current.versionId(), definitionOfVersion(current.versionId()));
    }

    /** The definition of a version by its database id, as responses record it. */
    public ValidatedDefinition definitionOfVersion(long versionId) {
        return publishedCache.computeIfAbsent(
                versionId,
                id -> reader.read(studies.versionById(id)
                        .map(StoredVersion::definitionJson)
                        .orElseThrow(() -> new IllegalStateException("a response refers to a missing study version"))));
    }

    /** A published definition and the database id of its version, which responses refer to. */
    public record PublishedStudy(long versionId, ValidatedDefinition definition) {}

    private static ApiProblemException notFound(String studyId) {
        return ApiProblemException.notFound("There is no study '" + studyId + "'. GET /api/studies lists them.");
    }

    private static ApiProblemException alreadyExists(String studyId) {
        return ApiProblemException.conflict("A study with the id '" + studyId + "' exists already. To change it,"
                + " upload a new version with POST /api/studies/" + studyId + "/versions.");
    }
}
