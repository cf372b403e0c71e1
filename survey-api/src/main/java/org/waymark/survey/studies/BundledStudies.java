package org.waymark.survey.studies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.waymark.survey.web.ApiProblemException;

/** The studies Waymark ships with, loaded and published at first start. Loading again does nothing. */
@Component
public class BundledStudies {

    public static final String CPA_RECOVERY = "cpa-recovery";

    private static final Logger log = LoggerFactory.getLogger(BundledStudies.class);

    private final StudyService studies;
    private final StudyRepository repository;

    BundledStudies(StudyService studies, StudyRepository repository) {
        this.studies = studies;
        this.repository = repository;
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
        if (repository.exists(studyId)) {
            return false;
        }
        try {
            studies.create(json, "system");
            studies.publish(studyId, "system");
        } catch (ApiProblemException e) {
            // Another Waymark instance sharing the database loaded it first.
            return false;
        }
        log.info("Loaded the study '{}'", studyId);
        return true;
    }
}
