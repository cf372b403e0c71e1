package org.waymark.survey.questionnaire;

import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one participant is in a study, kept in their session: the eligibility answers (held only
 * until consent, then stored with the draft) and the resume code of their draft. Nothing else about
 * them lives in the session.
 */
final class Journey implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final String ATTRIBUTE = "waymark.journey";

    private final String studyId;
    private final LinkedHashMap<String, String> eligibility = new LinkedHashMap<>();
    private String resumeCode;

    private Journey(String studyId) {
        this.studyId = studyId;
    }

    static Journey start(HttpSession session, String studyId) {
        Journey journey = new Journey(studyId);
        session.setAttribute(ATTRIBUTE, journey);
        return journey;
    }

    static Journey resume(HttpSession session, String studyId, String resumeCode) {
        Journey journey = start(session, studyId);
        journey.resumeCode = resumeCode;
        return journey;
    }

    /** The journey in this session for this study, if there is one. */
    static java.util.Optional<Journey> of(HttpSession session, String studyId) {
        return session.getAttribute(ATTRIBUTE) instanceof Journey journey && journey.studyId.equals(studyId)
                ? java.util.Optional.of(journey)
                : java.util.Optional.empty();
    }

    static void end(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }

    Map<String, String> eligibility() {
        return eligibility;
    }

    void setEligibility(Map<String, String> answers) {
        eligibility.clear();
        eligibility.putAll(answers);
    }

    boolean hasDraft() {
        return resumeCode != null;
    }

    String resumeCode() {
        return resumeCode;
    }

    void setResumeCode(String resumeCode) {
        this.resumeCode = resumeCode;
    }
}
