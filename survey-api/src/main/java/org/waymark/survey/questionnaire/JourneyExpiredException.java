package org.waymark.survey.questionnaire;

/** The session holds no journey for this study: it expired, or the page was opened directly. */
class JourneyExpiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String studyId;

    JourneyExpiredException(String studyId) {
        super("no journey in this session");
        this.studyId = studyId;
    }

    String studyId() {
        return studyId;
    }
}
