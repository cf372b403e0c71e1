package org.waymark.survey.security;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.waymark.survey.security.StudyAccess.Decision;

/**
 * What a signed-in viewer may do in a study, for features whose answer depends on more than the route:
 * the same decision {@link RouteAccess} makes, asked about one permission.
 */
@Component
public class StudyPermissions {

    private final StudyAccess access;

    StudyPermissions(StudyAccess access) {
        this.access = access;
    }

    /** Whether the viewer may read the study's row-level data: its owners and researchers. */
    public boolean readsRows(Authentication viewer, String studyId) {
        return access.decide(viewer, Permission.READ_ROWS, studyId) == Decision.ALLOW;
    }
}
