package org.waymark.survey.studies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.waymark.survey.web.ApiProblemException;

/** The studies Waymark ships with, loaded and published at first start. Loading again does nothing. */
@Component
public class BundledStudies {

    public static final String CPA_RECOVERY = "cpa-recovery";

    private static final Logger log = LoggerFactory.getLogger(BundledStudies.class);

    private final StudyService studies;
    private final StudyRepository repository;
    private final TransactionTemplate transaction;

    BundledStudies(StudyService studies, StudyRepository repository, TransactionTemplate transaction) {
        this.studies = studies;
        this.repository = repository;
        this.transaction = transaction;
    }

    /** The CPA &amp; Recovery study definition as shipped. */
    public static String cpaRecoveryJson() {
        try (InputStream in = new ClassPathResource("studies/" + CPA_RECOVERY + ".json").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled CPA & Recovery study is missing from the build", e);
        }
    }

    /** Creates and publishes a study unless it exists; true if this call created it. */
    public boolean loadOnce(String studyId, String json) {
        return loadOnce(studyId, json, published -> {});
    }

    /**
     * Creates and publishes a study unless it exists, then hands it to {@code alsoStore}, all in one
     * transaction: a crash part-way leaves nothing, so the next start loads it again whole.
     */
    public boolean loadOnce(String studyId, String json, Consumer<StudyService.PublishedStudy> alsoStore) {
        boolean loaded;
        try {
            loaded = Boolean.TRUE.equals(transaction.execute(status -> {
                if (repository.exists(studyId)) {
                    return false;
                }
                studies.create(json, "system");
                studies.publish(studyId, "system");
                alsoStore.accept(studies.published(studyId));
                return true;
            }));
        } catch (ApiProblemException | DataIntegrityViolationException e) {
            // Another Waymark instance sharing the database loaded it at the same moment.
            return false;
        }
        if (loaded) {
            log.info("Loaded the study '{}'", studyId);
        }
        return loaded;
    }
}
