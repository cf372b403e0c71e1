package org.waymark.survey.security;

import static org.waymark.survey.security.Permission.ADMIN;
import static org.waymark.survey.security.Permission.CODE_TEXT;
import static org.waymark.survey.security.Permission.MANAGE_ROLES;
import static org.waymark.survey.security.Permission.MANAGE_STUDY;
import static org.waymark.survey.security.Permission.OWN_ACCOUNT;
import static org.waymark.survey.security.Permission.PUBLIC;
import static org.waymark.survey.security.Permission.READ_AGGREGATES;
import static org.waymark.survey.security.Permission.READ_CONTACTS;
import static org.waymark.survey.security.Permission.READ_ROWS;
import static org.waymark.survey.security.Permission.SIGNED_IN;
import static org.waymark.survey.security.Permission.VIEW_STUDY;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call each route: the one table the server consults, by the route's method and pattern
 * exactly as its handler declares them. A handler whose route is not here is refused
 * ({@link RouteAccess}), and {@code RouteAccessTests} fails the build when one is missing. A
 * study's permissions are looked up for the study in the route's {@code {id}} variable.
 */
final class AccessRules {

    /** A route's rule; {@code method} is {@code *} for a handler that takes every method. */
    record Rule(String method, String pattern, Permission permission) {}

    /** The name of the path variable that holds a study's id in every study-scoped route. */
    static final String STUDY_VARIABLE = "id";

    private static final List<Rule> RULES = List.of(
            // Published studies are public; drafts and changes are the study team's.
            rule("GET", "/api/studies", PUBLIC),
            rule("GET", "/api/studies/{id}", PUBLIC),
            rule("POST", "/api/studies", SIGNED_IN),
            rule("GET", "/api/studies/{id}/versions/{version}", VIEW_STUDY),
            rule("POST", "/api/studies/{id}/versions", MANAGE_STUDY),
            rule("POST", "/api/studies/{id}/publish", MANAGE_STUDY),
            rule("POST", "/api/studies/{id}/close", MANAGE_STUDY),
            // Participants are anonymous: their codes are their only credentials.
            rule("POST", "/api/studies/{id}/responses", PUBLIC),
            rule("GET", "/api/responses/{resumeCode}", PUBLIC),
            rule("PATCH", "/api/responses/{resumeCode}", PUBLIC),
            rule("POST", "/api/responses/{resumeCode}/submit", PUBLIC),
            rule("DELETE", "/api/responses/{receiptCode}", PUBLIC),
            // Row-level data.
            rule("GET", "/api/studies/{id}/responses", READ_ROWS),
            rule("POST", "/api/studies/{id}/responses/{responseId}/withdraw", READ_ROWS),
            rule("POST", "/api/studies/{id}/imports", READ_ROWS),
            rule("GET", "/api/studies/{id}/search/consistency", READ_ROWS),
            rule("GET", "/api/studies/{id}/quotes", READ_ROWS),
            rule("POST", "/api/studies/{id}/quotes/{quote}/approve", READ_ROWS),
            rule("GET", "/api/studies/{id}/export.csv", READ_ROWS),
            rule("GET", "/api/studies/{id}/codebook.csv", READ_ROWS),
            rule("GET", "/api/studies/{id}/codebook.html", READ_ROWS),
            rule("GET", "/api/studies/{id}/export.R", READ_ROWS),
            rule("GET", "/api/studies/{id}/export.sps", READ_ROWS),
            rule("GET", "/api/studies/{id}/text.csv", READ_ROWS),
            rule("GET", "/api/studies/{id}/text.qdpx", READ_ROWS),
            // Aggregates; an unexportable disclosure profile needs READ_INTERNAL besides (RouteAccess).
            rule("GET", "/api/studies/{id}/analysis", READ_AGGREGATES),
            rule("GET", "/api/studies/{id}/progress", READ_AGGREGATES),
            rule("GET", "/api/studies/{id}/themes/matrix", READ_AGGREGATES),
            rule("GET", "/api/studies/{id}/themes/terms", READ_AGGREGATES),
            rule("GET", "/api/studies/{id}/report.html", READ_AGGREGATES),
            rule("GET", "/api/studies/{id}/report.pdf", READ_AGGREGATES),
            rule("POST", "/api/studies/{id}/reports", READ_AGGREGATES),
            rule("GET", "/api/studies/{id}/reports", READ_AGGREGATES),
            rule("GET", "/api/studies/{id}/reports/{reportId}", READ_AGGREGATES),
            rule("PUT", "/api/studies/{id}/reports/{reportId}", READ_AGGREGATES),
            rule("GET", "/api/studies/{id}/reports/{reportId}.html", READ_AGGREGATES),
            rule("GET", "/api/studies/{id}/reports/{reportId}.pdf", READ_AGGREGATES),
            // Free text for coding, with grouping labels only.
            rule("GET", "/api/studies/{id}/search", CODE_TEXT),
            rule("GET", "/api/studies/{id}/responses/{responseId}/similar", CODE_TEXT),
            rule("GET", "/api/studies/{id}/themes", CODE_TEXT),
            rule("POST", "/api/studies/{id}/themes", CODE_TEXT),
            rule("GET", "/api/studies/{id}/themes/versions/{version}", CODE_TEXT),
            rule("POST", "/api/studies/{id}/themes/frames/{frame}", CODE_TEXT),
            rule("GET", "/api/studies/{id}/themes/codebook.qdc", CODE_TEXT),
            rule("POST", "/api/studies/{id}/themes/codebook.qdc", CODE_TEXT),
            rule("POST", "/api/studies/{id}/coding/propose", CODE_TEXT),
            rule("GET", "/api/studies/{id}/coding", CODE_TEXT),
            rule("POST", "/api/studies/{id}/coding", CODE_TEXT),
            rule("POST", "/api/studies/{id}/coding/consensus", CODE_TEXT),
            rule("POST", "/api/studies/{id}/coding/{coding}/confirm", CODE_TEXT),
            rule("POST", "/api/studies/{id}/coding/{coding}/reject", CODE_TEXT),
            rule("GET", "/api/studies/{id}/coding/agreement", CODE_TEXT),
            rule("GET", "/api/studies/{id}/coding/blind", CODE_TEXT),
            // Starting or ending a blind round decides whether coders see each other's codes: the study's
            // owners and researchers, who read every code anyway (READ_ROWS), and not the coders themselves.
            rule("POST", "/api/studies/{id}/coding/blind", READ_ROWS),
            // Contact details left for follow-up: owners only, each reading audited.
            rule("GET", "/api/studies/{id}/contacts", READ_CONTACTS),
            // Roles in a study.
            rule("GET", "/api/studies/{id}/roles", MANAGE_ROLES),
            rule("PUT", "/api/studies/{id}/roles/{username}", MANAGE_ROLES),
            rule("DELETE", "/api/studies/{id}/roles/{username}", MANAGE_ROLES),
            // The audit trail: a study's is for its owners; the chain as a whole for the site admin.
            rule("GET", "/api/studies/{id}/audit", MANAGE_ROLES),
            rule("GET", "/api/audit/verify", ADMIN),
            // One's own account.
            rule("GET", "/api/me", SIGNED_IN),
            rule("PUT", "/api/me/password", OWN_ACCOUNT),
            rule("GET", "/api/me/tokens", OWN_ACCOUNT),
            rule("POST", "/api/me/tokens", OWN_ACCOUNT),
            rule("DELETE", "/api/me/tokens/{tokenId}", OWN_ACCOUNT),
            // The site.
            rule("GET", "/api/accounts", ADMIN),
            rule("POST", "/api/accounts", ADMIN),
            rule("POST", "/api/accounts/{username}/disable", ADMIN),
            rule("POST", "/api/accounts/{username}/enable", ADMIN),
            rule("POST", "/api/search/rebuild", ADMIN),
            rule("GET", "/api/openapi", PUBLIC),
            rule("GET", "/api/openapi.yaml", PUBLIC),
            // The participant pages.
            rule("GET", "/s/{studyId}", PUBLIC),
            rule("POST", "/s/{studyId}/start", PUBLIC),
            rule("GET", "/s/{studyId}/eligibility", PUBLIC),
            rule("POST", "/s/{studyId}/eligibility", PUBLIC),
            rule("GET", "/s/{studyId}/consent", PUBLIC),
            rule("POST", "/s/{studyId}/consent", PUBLIC),
            rule("GET", "/s/{studyId}/sections/{number}", PUBLIC),
            rule("POST", "/s/{studyId}/sections/{number}", PUBLIC),
            rule("GET", "/s/{studyId}/review", PUBLIC),
            rule("POST", "/s/{studyId}/submit", PUBLIC),
            // Signing in to the workspace, and out.
            rule("GET", "/sign-in", PUBLIC),
            rule("POST", "/sign-in", PUBLIC),
            rule("GET", "/sign-in/code", PUBLIC),
            rule("POST", "/sign-in/code", PUBLIC),
            rule("POST", "/sign-out", PUBLIC),
            // The workspace: researchers' pages, signed in through the sign-in page.
            rule("GET", "/workspace", SIGNED_IN),
            rule("GET", "/workspace/account", OWN_ACCOUNT),
            rule("GET", "/workspace/studies/{id}/dashboard", READ_AGGREGATES),
            rule("GET", "/workspace/studies/{id}/responses", READ_ROWS),
            rule("GET", "/workspace/studies/{id}/responses/{responseId}", READ_ROWS),
            rule("POST", "/workspace/studies/{id}/responses/{responseId}/withdraw", READ_ROWS),
            rule("GET", "/workspace/studies/{id}/responses/import", READ_ROWS),
            rule("POST", "/workspace/studies/{id}/responses/import", READ_ROWS),
            rule("GET", "/workspace/studies/{id}/audit", MANAGE_ROLES),
            rule("GET", "/workspace/studies/{id}/people", MANAGE_ROLES),
            rule("POST", "/workspace/studies/{id}/people", MANAGE_ROLES),
            rule("POST", "/workspace/studies/{id}/people/{member}/remove", MANAGE_ROLES),
            rule("GET", "/workspace/accounts", ADMIN),
            rule("POST", "/workspace/accounts", ADMIN),
            rule("POST", "/workspace/accounts/{username}/disable", ADMIN),
            rule("POST", "/workspace/accounts/{username}/enable", ADMIN),
            // As the API: an unexportable profile on the analysis page needs READ_INTERNAL besides (RouteAccess).
            rule("GET", "/workspace/studies/{id}/analysis", READ_AGGREGATES),
            rule("GET", "/workspace/studies/{id}/reports", READ_AGGREGATES),
            rule("POST", "/workspace/studies/{id}/reports", READ_AGGREGATES),
            rule("GET", "/workspace/studies/{id}/reports/{reportId}", READ_AGGREGATES),
            rule("POST", "/workspace/studies/{id}/reports/{reportId}", READ_AGGREGATES),
            rule("GET", "/workspace/studies/{id}/reports/{reportId}.html", READ_AGGREGATES),
            rule("GET", "/workspace/studies/{id}/reports/{reportId}.pdf", READ_AGGREGATES),
            rule("GET", "/workspace/studies/{id}/exports", READ_ROWS),
            rule("GET", "/workspace/studies/{id}/exports/{file}", READ_ROWS),
            rule("GET", "/workspace/studies/{id}/themes/matrix", READ_AGGREGATES),
            rule("GET", "/workspace/studies/{id}/themes/terms", READ_AGGREGATES),
            rule("GET", "/workspace/studies/{id}/quotes", READ_ROWS),
            rule("POST", "/workspace/studies/{id}/quotes/{quote}/approve", READ_ROWS),
            rule("GET", "/workspace/studies/{id}/themes", CODE_TEXT),
            rule("GET", "/workspace/studies/{id}/coding", CODE_TEXT),
            rule("POST", "/workspace/studies/{id}/coding", CODE_TEXT),
            rule("POST", "/workspace/studies/{id}/coding/consensus", CODE_TEXT),
            rule("POST", "/workspace/studies/{id}/coding/{coding}/confirm", CODE_TEXT),
            rule("POST", "/workspace/studies/{id}/coding/{coding}/reject", CODE_TEXT),
            rule("POST", "/workspace/studies/{id}/coding/blind", READ_ROWS),
            // A study's pages: the same permissions as the studies API they mirror.
            rule("GET", "/workspace/studies/new", SIGNED_IN),
            rule("POST", "/workspace/studies/new", SIGNED_IN),
            rule("GET", "/workspace/studies/{id}", VIEW_STUDY),
            rule("GET", "/workspace/studies/{id}/versions/{version}/preview", VIEW_STUDY),
            rule("GET", "/workspace/studies/{id}/versions/new", MANAGE_STUDY),
            rule("POST", "/workspace/studies/{id}/versions/new", MANAGE_STUDY),
            rule("POST", "/workspace/studies/{id}/publish", MANAGE_STUDY),
            rule("POST", "/workspace/studies/{id}/close", MANAGE_STUDY),
            rule("POST", "/workspace/account/password", OWN_ACCOUNT),
            rule("GET", "/workspace/account/second-factor", OWN_ACCOUNT),
            rule("POST", "/workspace/account/second-factor", OWN_ACCOUNT),
            rule("POST", "/workspace/account/second-factor/remove", OWN_ACCOUNT),
            rule("POST", "/workspace/account/tokens", OWN_ACCOUNT),
            rule("POST", "/workspace/account/tokens/{tokenId}/revoke", OWN_ACCOUNT),
            // The optional follow-up form: only for the session that has just submitted.
            rule("GET", "/s/{studyId}/follow-up", PUBLIC),
            rule("POST", "/s/{studyId}/follow-up", PUBLIC),
            // The participant pages' own addresses.
            rule("GET", "/resume", PUBLIC),
            rule("POST", "/resume", PUBLIC),
            rule("GET", "/withdraw", PUBLIC),
            rule("POST", "/withdraw", PUBLIC),
            rule("*", "/error", PUBLIC));

    private static final Map<String, Rule> BY_ROUTE = index();

    private AccessRules() {}

    static List<Rule> all() {
        return RULES;
    }

    /** The rule for a handler's route; a HEAD request is a GET without the body. */
    static Optional<Rule> find(String method, String pattern) {
        String asDeclared = "HEAD".equals(method) ? "GET" : method;
        Rule rule = BY_ROUTE.get(asDeclared + " " + pattern);
        return Optional.ofNullable(rule != null ? rule : BY_ROUTE.get("* " + pattern));
    }

    private static Rule rule(String method, String pattern, Permission permission) {
        return new Rule(method, pattern, permission);
    }

    private static Map<String, Rule> index() {
        Map<String, Rule> byRoute = new LinkedHashMap<>();
        for (Rule rule : RULES) {
            if (byRoute.put(rule.method() + " " + rule.pattern(), rule) != null) {
                throw new IllegalStateException("two rules for " + rule.method() + " " + rule.pattern());
            }
        }
        return byRoute;
    }
}
