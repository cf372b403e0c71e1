package org.waymark.survey.security;

import static org.waymark.survey.security.Permission.CODE_TEXT;
import static org.waymark.survey.security.Permission.MANAGE_ROLES;
import static org.waymark.survey.security.Permission.MANAGE_STUDY;
import static org.waymark.survey.security.Permission.READ_AGGREGATES;
import static org.waymark.survey.security.Permission.READ_CONTACTS;
import static org.waymark.survey.security.Permission.READ_INTERNAL;
import static org.waymark.survey.security.Permission.READ_ROWS;
import static org.waymark.survey.security.Permission.VIEW_STUDY;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A person's role in one study, and what it lets them do there. docs/security.md has the table. */
enum StudyRole {
    OWNER(EnumSet.of(
            VIEW_STUDY,
            CODE_TEXT,
            READ_AGGREGATES,
            READ_INTERNAL,
            READ_ROWS,
            READ_CONTACTS,
            MANAGE_STUDY,
            MANAGE_ROLES)),
    RESEARCHER(EnumSet.of(VIEW_STUDY, CODE_TEXT, READ_AGGREGATES, READ_INTERNAL, READ_ROWS)),
    CODER(EnumSet.of(VIEW_STUDY, CODE_TEXT)),
    ANALYST(EnumSet.of(VIEW_STUDY, READ_AGGREGATES));

    private final Set<Permission> permissions;

    StudyRole(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    boolean permits(Permission permission) {
        return permissions.contains(permission);
    }

    /** The name used in the API and stored in {@code study_role.role}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<StudyRole> fromId(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }
}
