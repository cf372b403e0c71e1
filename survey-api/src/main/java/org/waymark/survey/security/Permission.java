package org.waymark.survey.security;

/**
 * What a route needs. Every route in {@link AccessRules} names one; a route without one is refused.
 * Study permissions come from a role in the study named by the route's {@code {id}}.
 */
enum Permission {
    /** Anyone, signed in or not: published studies and the participants' own endpoints. */
    PUBLIC,
    /** Any signed-in account, by password or by a personal access token. */
    SIGNED_IN,
    /** A signed-in account using its password: not a token, so a leaked token cannot make more tokens. */
    OWN_ACCOUNT,
    /** Any role in the study: its definition, drafts included. */
    VIEW_STUDY,
    /** Free text for coding, with grouping labels only: search, similar answers, themes and coding. */
    CODE_TEXT,
    /** Aggregates under a protected (exportable) disclosure profile: analysis, theme matrix, terms. */
    READ_AGGREGATES,
    /** The unprotected {@code internal} view of aggregates, which can never be exported. */
    READ_INTERNAL,
    /** Row-level data: the list of responses, the quote bank, imports, the index's consistency. */
    READ_ROWS,
    /** Contact details participants left for follow-up: the study's owners only, never the site admin. */
    READ_CONTACTS,
    /** The study's definition and life: new versions, publishing, closing. */
    MANAGE_STUDY,
    /** Who holds which role in the study, and its audit trail: its owners, and the site admin. */
    MANAGE_ROLES,
    /** The site: accounts, and upkeep that spans studies. Never by a token. */
    ADMIN;

    boolean concernsAStudy() {
        return switch (this) {
            case VIEW_STUDY,
                    CODE_TEXT,
                    READ_AGGREGATES,
                    READ_INTERNAL,
                    READ_ROWS,
                    READ_CONTACTS,
                    MANAGE_STUDY,
                    MANAGE_ROLES -> true;
            case PUBLIC, SIGNED_IN, OWN_ACCOUNT, ADMIN -> false;
        };
    }
}
