package org.waymark.survey.themes;

import org.springframework.security.core.Authentication;
import org.waymark.survey.security.StudyPermissions;

/**
 * Who is asking for codes, and whether they see every coder's work. Owners and researchers do; a coder
 * sees only their own codes while a blind round is on ({@link BlindRounds}).
 */
record Viewer(String name, boolean seesEveryCoder) {

    static Viewer of(Authentication me, String studyId, StudyPermissions permissions) {
        return new Viewer(me.getName(), permissions.readsRows(me, studyId));
    }
}
