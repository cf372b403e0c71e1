package org.waymark.survey.studies;

/**
 * Published, in the creating transaction, when a study is uploaded for the first time; the security
 * package makes the uploader its owner.
 *
 * @param studyId the new study
 * @param actor who uploaded it: a username, or {@code system} for the studies Waymark ships
 */
public record StudyCreated(String studyId, String actor) {}
