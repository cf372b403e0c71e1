package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;

/**
 * Every route has a declared access rule, and every role gets what that rule promises. The expected
 * answers below are written out by hand, route by route, from the roles table in docs/security.md;
 * they are not derived from {@link AccessRules}, so a wrong rule there fails here.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteAccessTests {

    private static final String A = "access-matrix-a";
    private static final String B = "access-matrix-b";

    /** The columns of the expected answers, in this order. */
    private static final List<String> WHO =
            List.of("anonymous", "admin", "coder", "analyst", "researcher", "owner", "outsider");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<String, TestApi> clients = new LinkedHashMap<>();
    /** The same people in the workspace pages, each signed in through the sign-in form (anonymous not). */
    private final Map<String, PageClient> pageClients = new LinkedHashMap<>();

    private String responseA;

    @BeforeAll
    void studiesAndPeople() {
        TestApi owner = TestAccounts.signedIn(port, "matrix-owner");
        TestApi outsider = TestAccounts.signedIn(port, "matrix-outsider");
        responseA = AccessStudies.publishWithAnswers(port, owner, A, "Kind staff.", "Kind nurses.")
                .getFirst();
        AccessStudies.publishWithAnswers(port, outsider, B, "Kind people.");
        clients.put("anonymous", TestApi.on(port));
        clients.put("admin", TestApi.on(port).asAdmin());
        for (String role : List.of("coder", "analyst", "researcher")) {
            clients.put(role, TestAccounts.signedIn(port, "matrix-" + role));
            var granted = owner.put("/api/studies/" + A + "/roles/matrix-" + role, "{\"role\": \"" + role + "\"}");
            assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        }
        clients.put("owner", owner);
        clients.put("outsider", outsider);
        pageClients.put("anonymous", PageClient.on(port));
        pageClients.put("admin", WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD));
        for (String who : List.of("coder", "analyst", "researcher", "owner", "outsider")) {
            pageClients.put(who, WorkspaceSignIn.signedIn(port, "matrix-" + who, TestAccounts.PASSWORD));
        }
    }

    /**
     * A request to one route, and the status each of {@link #WHO} gets, in that order. A page row is sent
     * from each person's signed-in page session, a form with the session's CSRF token.
     */
    private record Row(String route, String path, String contentType, String body, int[] expected, boolean page) {

        String method() {
            return route.substring(0, route.indexOf(' '));
        }
    }

    private static Row row(String route, String path, String expected) {
        return send(route, path, null, null, expected);
    }

    private static Row send(String route, String path, String contentType, String body, String expected) {
        int[] statuses = Arrays.stream(expected.trim().split(" +"))
                .mapToInt(Integer::parseInt)
                .toArray();
        return new Row(route, path, contentType, body, statuses, false);
    }

    /** A workspace page or form, opened or sent as a browser does. */
    private static Row page(String route, String path, String expected) {
        Row row = send(route, path, null, null, expected);
        return new Row(row.route(), row.path(), null, null, row.expected(), true);
    }

    private static final String JSON = "application/json";
    private static final String S = "/api/studies/" + A;
    private static final String P = "/s/" + A;
    private static final String W = "/workspace/studies/" + A;
    private static final String NO_CODING =
            "{\"responseId\": \"NOPE\", \"question\": \"recovery_meaning\", \"theme\": \"warmth\"}";
    private static final String BAD_CODEBOOK = "{\"themes\": [{\"code\": \"warmth\"}, {\"code\": \"warmth\"}]}";
    private static final String TERMS = "/themes/terms?by=community&group=african_caribbean";
    private static final String WRONG_PASSWORD = "{\"current\": \"wrong\", \"password\": \"a new long passphrase\"}";

    // Columns: anonymous, admin (no study role), coder, analyst, researcher, owner, outsider (owner of study B).
    private List<Row> rows() {
        return List.of(
                row("GET /api/studies", "/api/studies", "200 200 200 200 200 200 200"),
                row("GET /api/studies/{id}", S, "200 200 200 200 200 200 200"),
                row("GET /api/studies/{id}/versions/{version}", S + "/versions/1", "401 403 200 200 200 200 403"),
                send("POST /api/studies", "/api/studies", JSON, "{}", "401 422 422 422 422 422 422"),
                send("POST /api/studies/{id}/versions", S + "/versions", JSON, "{}", "401 403 403 403 403 422 403"),
                send("POST /api/studies/{id}/publish", S + "/publish", JSON, "", "401 403 403 403 403 409 403"),
                // The participants' endpoints are public: everyone gets the endpoint's own answer.
                send("POST /api/studies/{id}/responses", S + "/responses", JSON, "", "400 400 400 400 400 400 400"),
                row("GET /api/responses/{resumeCode}", "/api/responses/no-code", "404 404 404 404 404 404 404"),
                send(
                        "PATCH /api/responses/{resumeCode}",
                        "/api/responses/no-code",
                        JSON,
                        "",
                        "400 400 400 400 400 400 400"),
                send(
                        "POST /api/responses/{resumeCode}/submit",
                        "/api/responses/no-code/submit",
                        JSON,
                        "",
                        "404 404 404 404 404 404 404"),
                row("DELETE /api/responses/{receiptCode}", "/api/responses/no-code", "404 404 404 404 404 404 404"),
                // Row-level data: owners and researchers.
                row("GET /api/studies/{id}/responses", S + "/responses", "401 403 403 403 200 200 403"),
                send(
                        "POST /api/studies/{id}/responses/{responseId}/withdraw",
                        S + "/responses/NO-SUCH-RESPONSE/withdraw",
                        JSON,
                        "",
                        "401 403 403 403 404 404 403"),
                send(
                        "POST /api/studies/{id}/imports",
                        S + "/imports",
                        "text/csv",
                        "not,a\nheader,row",
                        "401 403 403 403 422 422 403"),
                row(
                        "GET /api/studies/{id}/search/consistency",
                        S + "/search/consistency",
                        "401 403 403 403 200 200 403"),
                row("GET /api/studies/{id}/quotes", S + "/quotes", "401 403 403 403 200 200 403"),
                row("GET /api/studies/{id}/export.csv", S + "/export.csv", "401 403 403 403 200 200 403"),
                row("GET /api/studies/{id}/codebook.csv", S + "/codebook.csv", "401 403 403 403 200 200 403"),
                row("GET /api/studies/{id}/codebook.html", S + "/codebook.html", "401 403 403 403 200 200 403"),
                row("GET /api/studies/{id}/export.R", S + "/export.R", "401 403 403 403 200 200 403"),
                row("GET /api/studies/{id}/export.sps", S + "/export.sps", "401 403 403 403 200 200 403"),
                row("GET /api/studies/{id}/text.csv", S + "/text.csv", "401 403 403 403 200 200 403"),
                row("GET /api/studies/{id}/text.qdpx", S + "/text.qdpx", "401 403 403 403 200 200 403"),
                send(
                        "POST /api/studies/{id}/quotes/{quote}/approve",
                        S + "/quotes/999999999/approve",
                        JSON,
                        "{\"text\": \"x\"}",
                        "401 403 403 403 404 404 403"),
                // Aggregates: analysts too, but the internal view only for those who may see the rows.
                row("GET /api/studies/{id}/analysis", S + "/analysis", "401 403 403 200 200 200 403"),
                row("GET /api/studies/{id}/progress", S + "/progress", "401 403 403 200 200 200 403"),
                row(
                        "GET /api/studies/{id}/analysis",
                        S + "/analysis?disclosure=internal",
                        "401 403 403 403 200 200 403"),
                row(
                        "GET /api/studies/{id}/themes/matrix",
                        S + "/themes/matrix?by=community",
                        "401 403 403 200 200 200 403"),
                row(
                        "GET /api/studies/{id}/themes/matrix",
                        S + "/themes/matrix?by=community&disclosure=internal",
                        "401 403 403 403 200 200 403"),
                row("GET /api/studies/{id}/themes/terms", S + TERMS, "401 403 403 200 200 200 403"),
                row("GET /api/studies/{id}/report.html", S + "/report.html", "401 403 403 200 200 200 403"),
                row("GET /api/studies/{id}/report.pdf", S + "/report.pdf", "401 403 403 200 200 200 403"),
                send("POST /api/studies/{id}/reports", S + "/reports", JSON, "{}", "401 403 403 400 400 400 403"),
                row("GET /api/studies/{id}/reports", S + "/reports", "401 403 403 200 200 200 403"),
                row(
                        "GET /api/studies/{id}/reports/{reportId}",
                        S + "/reports/999999999",
                        "401 403 403 404 404 404 403"),
                send(
                        "PUT /api/studies/{id}/reports/{reportId}",
                        S + "/reports/999999999",
                        JSON,
                        "{}",
                        "401 403 403 400 400 400 403"),
                row(
                        "GET /api/studies/{id}/reports/{reportId}.html",
                        S + "/reports/999999999.html",
                        "401 403 403 404 404 404 403"),
                row(
                        "GET /api/studies/{id}/reports/{reportId}.pdf",
                        S + "/reports/999999999.pdf",
                        "401 403 403 404 404 404 403"),
                row(
                        "GET /api/studies/{id}/themes/terms",
                        S + TERMS + "&disclosure=internal",
                        "401 403 403 403 200 200 403"),
                // Free text for coding: coders too, analysts not.
                row("GET /api/studies/{id}/search", S + "/search?q=kind", "401 403 200 403 200 200 403"),
                row(
                        "GET /api/studies/{id}/responses/{responseId}/similar",
                        S + "/responses/" + responseA + "/similar?question=recovery_meaning",
                        "401 403 200 403 200 200 403"),
                row("GET /api/studies/{id}/themes", S + "/themes", "401 403 200 403 200 200 403"),
                send("POST /api/studies/{id}/themes", S + "/themes", JSON, BAD_CODEBOOK, "401 403 422 403 422 422 403"),
                row(
                        "GET /api/studies/{id}/themes/versions/{version}",
                        S + "/themes/versions/1",
                        "401 403 200 403 200 200 403"),
                send(
                        "POST /api/studies/{id}/themes/frames/{frame}",
                        S + "/themes/frames/no-such-frame",
                        JSON,
                        "",
                        "401 403 404 403 404 404 403"),
                row(
                        "GET /api/studies/{id}/themes/codebook.qdc",
                        S + "/themes/codebook.qdc",
                        "401 403 200 403 200 200 403"),
                send(
                        "POST /api/studies/{id}/themes/codebook.qdc",
                        S + "/themes/codebook.qdc",
                        "application/xml",
                        "not xml",
                        "401 403 422 403 422 422 403"),
                send(
                        "POST /api/studies/{id}/coding/propose",
                        S + "/coding/propose",
                        JSON,
                        "",
                        "401 403 200 403 200 200 403"),
                row("GET /api/studies/{id}/coding", S + "/coding", "401 403 200 403 200 200 403"),
                send("POST /api/studies/{id}/coding", S + "/coding", JSON, NO_CODING, "401 403 404 403 404 404 403"),
                send(
                        "POST /api/studies/{id}/coding/consensus",
                        S + "/coding/consensus",
                        JSON,
                        NO_CODING,
                        "401 403 404 403 404 404 403"),
                send(
                        "POST /api/studies/{id}/coding/{coding}/confirm",
                        S + "/coding/999999999/confirm",
                        JSON,
                        "",
                        "401 403 409 403 409 409 403"),
                send(
                        "POST /api/studies/{id}/coding/{coding}/reject",
                        S + "/coding/999999999/reject",
                        JSON,
                        "",
                        "401 403 409 403 409 409 403"),
                row(
                        "GET /api/studies/{id}/coding/agreement",
                        S + "/coding/agreement?coders=matrix-coder,matrix-owner",
                        "401 403 200 403 200 200 403"),
                row("GET /api/studies/{id}/coding/blind", S + "/coding/blind", "401 403 200 403 200 200 403"),
                // Starting or ending a blind round: owners and researchers (an empty request is refused).
                send(
                        "POST /api/studies/{id}/coding/blind",
                        S + "/coding/blind",
                        JSON,
                        "",
                        "401 403 403 403 400 400 403"),
                // Contact details left for follow-up: the study's owners only, not the site admin.
                row("GET /api/studies/{id}/contacts", S + "/contacts", "401 403 403 403 403 200 403"),
                // Roles in the study: its owners and the site admin.
                row("GET /api/studies/{id}/audit", S + "/audit", "401 200 403 403 403 200 403"),
                row("GET /api/audit/verify", "/api/audit/verify", "401 200 403 403 403 403 403"),
                row("GET /api/studies/{id}/roles", S + "/roles", "401 200 403 403 403 200 403"),
                send(
                        "PUT /api/studies/{id}/roles/{username}",
                        S + "/roles/nobody-at-all",
                        JSON,
                        "{\"role\": \"coder\"}",
                        "401 404 403 403 403 404 403"),
                row(
                        "DELETE /api/studies/{id}/roles/{username}",
                        S + "/roles/nobody-at-all",
                        "401 404 403 403 403 404 403"),
                // One's own account.
                row("GET /api/me", "/api/me", "401 200 200 200 200 200 200"),
                send("PUT /api/me/password", "/api/me/password", JSON, WRONG_PASSWORD, "401 400 400 400 400 400 400"),
                row("GET /api/me/tokens", "/api/me/tokens", "401 200 200 200 200 200 200"),
                send("POST /api/me/tokens", "/api/me/tokens", JSON, "{}", "401 400 400 400 400 400 400"),
                row("DELETE /api/me/tokens/{tokenId}", "/api/me/tokens/999999999", "401 404 404 404 404 404 404"),
                // The site: the admin only.
                row("GET /api/accounts", "/api/accounts", "401 200 403 403 403 403 403"),
                send("POST /api/accounts", "/api/accounts", JSON, "{}", "401 400 403 403 403 403 403"),
                send(
                        "POST /api/accounts/{username}/disable",
                        "/api/accounts/nobody-at-all/disable",
                        JSON,
                        "",
                        "401 404 403 403 403 403 403"),
                send(
                        "POST /api/accounts/{username}/enable",
                        "/api/accounts/nobody-at-all/enable",
                        JSON,
                        "",
                        "401 404 403 403 403 403 403"),
                send("POST /api/search/rebuild", "/api/search/rebuild", JSON, "", "401 200 403 403 403 403 403"),
                row("GET /api/openapi", "/api/openapi", "200 200 200 200 200 200 200"),
                row("GET /api/openapi.yaml", "/api/openapi.yaml", "200 200 200 200 200 200 200"),
                // The participant pages are public. A page of the journey without one in the session says so
                // (400); a form sent without its CSRF token is refused (403), whoever sends it.
                row("GET /s/{studyId}", P, "200 200 200 200 200 200 200"),
                send("POST /s/{studyId}/start", P + "/start", null, "", "403 403 403 403 403 403 403"),
                row("GET /s/{studyId}/eligibility", P + "/eligibility", "400 400 400 400 400 400 400"),
                send("POST /s/{studyId}/eligibility", P + "/eligibility", null, "", "403 403 403 403 403 403 403"),
                row("GET /s/{studyId}/consent", P + "/consent", "400 400 400 400 400 400 400"),
                send("POST /s/{studyId}/consent", P + "/consent", null, "", "403 403 403 403 403 403 403"),
                row("GET /s/{studyId}/sections/{number}", P + "/sections/1", "400 400 400 400 400 400 400"),
                send("POST /s/{studyId}/sections/{number}", P + "/sections/1", null, "", "403 403 403 403 403 403 403"),
                row("GET /s/{studyId}/review", P + "/review", "400 400 400 400 400 400 400"),
                send("POST /s/{studyId}/submit", P + "/submit", null, "", "403 403 403 403 403 403 403"),
                // The follow-up form is only for a session that has just submitted: without one, a kind 400.
                row("GET /s/{studyId}/follow-up", P + "/follow-up", "400 400 400 400 400 400 400"),
                send("POST /s/{studyId}/follow-up", P + "/follow-up", null, "", "403 403 403 403 403 403 403"),
                row("GET /resume", "/resume", "200 200 200 200 200 200 200"),
                send("POST /resume", "/resume", null, "", "403 403 403 403 403 403 403"),
                row("GET /withdraw", "/withdraw", "200 200 200 200 200 200 200"),
                send("POST /withdraw", "/withdraw", null, "", "403 403 403 403 403 403 403"),
                // Signing in: the form for anyone (someone signed in is sent on to the workspace); the code page
                // only after a right password, so everyone here is sent back to sign in.
                page("GET /sign-in", "/sign-in", "200 302 302 302 302 302 302"),
                page("POST /sign-in", "/sign-in", "400 400 400 400 400 400 400"),
                page("GET /sign-in/code", "/sign-in/code", "302 302 302 302 302 302 302"),
                page("POST /sign-in/code", "/sign-in/code", "302 302 302 302 302 302 302"),
                // The workspace: anyone signed in (by the form) sees their own; anonymous visitors are sent to
                // sign in. Forms sent empty come back with their errors (400).
                page("GET /workspace", "/workspace", "302 200 200 200 200 200 200"),
                page("GET /workspace/account", "/workspace/account", "302 200 200 200 200 200 200"),
                // A study's dashboard: aggregates, so analysts too; its responses and imports: rows.
                page(
                        "GET /workspace/studies/{id}/dashboard",
                        "/workspace/studies/" + A + "/dashboard",
                        "302 403 403 200 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/responses",
                        "/workspace/studies/" + A + "/responses",
                        "302 403 403 403 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/responses/{responseId}",
                        "/workspace/studies/" + A + "/responses/" + responseA,
                        "302 403 403 403 200 200 403"),
                // Sent without confirm=yes, the form asks again and changes nothing.
                page(
                        "POST /workspace/studies/{id}/responses/{responseId}/withdraw",
                        "/workspace/studies/" + A + "/responses/" + responseA + "/withdraw",
                        "302 403 403 403 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/responses/import",
                        "/workspace/studies/" + A + "/responses/import",
                        "302 403 403 403 200 200 403"),
                page(
                        "POST /workspace/studies/{id}/responses/import",
                        "/workspace/studies/" + A + "/responses/import",
                        "302 403 403 403 422 422 403"),
                page(
                        "GET /workspace/studies/{id}/audit",
                        "/workspace/studies/" + A + "/audit",
                        "302 200 403 403 403 200 403"),
                page(
                        "GET /workspace/studies/{id}/people",
                        "/workspace/studies/" + A + "/people",
                        "302 200 403 403 403 200 403"),
                page(
                        "POST /workspace/studies/{id}/people",
                        "/workspace/studies/" + A + "/people",
                        "302 400 403 403 403 400 403"),
                page(
                        "POST /workspace/studies/{id}/people/{member}/remove",
                        "/workspace/studies/" + A + "/people/nobody-here/remove",
                        "302 404 403 403 403 404 403"),
                // The site admin's accounts page; empty forms come back with their errors.
                page("GET /workspace/accounts", "/workspace/accounts", "302 200 403 403 403 403 403"),
                page("POST /workspace/accounts", "/workspace/accounts", "302 400 403 403 403 403 403"),
                page(
                        "POST /workspace/accounts/{username}/disable",
                        "/workspace/accounts/nobody-here/disable",
                        "302 404 403 403 403 403 403"),
                page(
                        "POST /workspace/accounts/{username}/enable",
                        "/workspace/accounts/nobody-here/enable",
                        "302 404 403 403 403 403 403"),
                // The analysis, reports and exports pages: as their API routes, and the internal view as there.
                page("GET /workspace/studies/{id}/analysis", W + "/analysis", "302 403 403 200 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/analysis",
                        W + "/analysis?question=adult&disclosure=internal",
                        "302 403 403 403 200 200 403"),
                page("GET /workspace/studies/{id}/reports", W + "/reports", "302 403 403 200 200 200 403"),
                page("POST /workspace/studies/{id}/reports", W + "/reports", "302 403 403 400 400 400 403"),
                page(
                        "GET /workspace/studies/{id}/reports/{reportId}",
                        W + "/reports/999999999",
                        "302 403 403 404 404 404 403"),
                page(
                        "POST /workspace/studies/{id}/reports/{reportId}",
                        W + "/reports/999999999",
                        "302 403 403 404 404 404 403"),
                page(
                        "GET /workspace/studies/{id}/reports/{reportId}.html",
                        W + "/reports/999999999.html",
                        "302 403 403 404 404 404 403"),
                page(
                        "GET /workspace/studies/{id}/reports/{reportId}.pdf",
                        W + "/reports/999999999.pdf",
                        "302 403 403 404 404 404 403"),
                page("GET /workspace/studies/{id}/exports", W + "/exports", "302 403 403 403 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/exports/{file}",
                        W + "/exports/export.csv",
                        "302 403 403 403 200 200 403"),
                // The theme explorer: the matrix and terms as the API's aggregates, quotes as its rows. The form
                // sent empty comes back with its error (400).
                page(
                        "GET /workspace/studies/{id}/themes/matrix",
                        "/workspace/studies/" + A + "/themes/matrix",
                        "302 403 403 200 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/themes/matrix",
                        "/workspace/studies/" + A + "/themes/matrix?disclosure=internal",
                        "302 403 403 403 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/themes/terms",
                        "/workspace/studies/" + A + "/themes/terms?pick=community:african_caribbean",
                        "302 403 403 200 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/quotes",
                        "/workspace/studies/" + A + "/quotes",
                        "302 403 403 403 200 200 403"),
                page(
                        "POST /workspace/studies/{id}/quotes/{quote}/approve",
                        "/workspace/studies/" + A + "/quotes/999999999/approve",
                        "302 403 403 403 400 400 403"),
                // Theme search and coding: owners, researchers and coders, as the API's CODE_TEXT routes.
                page("GET /workspace/studies/{id}/themes", W + "/themes", "302 403 200 403 200 200 403"),
                page("GET /workspace/studies/{id}/coding", W + "/coding", "302 403 200 403 200 200 403"),
                page("POST /workspace/studies/{id}/coding", W + "/coding", "302 403 400 403 400 400 403"),
                page(
                        "POST /workspace/studies/{id}/coding/consensus",
                        W + "/coding/consensus",
                        "302 403 400 403 400 400 403"),
                page(
                        "POST /workspace/studies/{id}/coding/{coding}/confirm",
                        W + "/coding/999999999/confirm",
                        "302 403 409 403 409 409 403"),
                page(
                        "POST /workspace/studies/{id}/coding/{coding}/reject",
                        W + "/coding/999999999/reject",
                        "302 403 409 403 409 409 403"),
                // A blind round is switched by owners and researchers only (an empty form is refused).
                page("POST /workspace/studies/{id}/coding/blind", W + "/coding/blind", "302 403 403 403 400 400 403"),
                // A study's pages: uploading a new study is for anyone signed in (an empty form comes back
                // with its error, 422); the overview and previews for any role in the study; changing the
                // study for its owners only (an empty form, without the box ticked, comes back with 422).
                page("GET /workspace/studies/new", "/workspace/studies/new", "302 200 200 200 200 200 200"),
                page("POST /workspace/studies/new", "/workspace/studies/new", "302 422 422 422 422 422 422"),
                page("GET /workspace/studies/{id}", "/workspace/studies/" + A, "302 403 200 200 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/versions/{version}/preview",
                        "/workspace/studies/" + A + "/versions/1/preview",
                        "302 403 200 200 200 200 403"),
                page(
                        "GET /workspace/studies/{id}/versions/new",
                        "/workspace/studies/" + A + "/versions/new",
                        "302 403 403 403 403 200 403"),
                page(
                        "POST /workspace/studies/{id}/versions/new",
                        "/workspace/studies/" + A + "/versions/new",
                        "302 403 403 403 403 422 403"),
                page(
                        "POST /workspace/studies/{id}/publish",
                        "/workspace/studies/" + A + "/publish",
                        "302 403 403 403 403 422 403"),
                page(
                        "POST /workspace/studies/{id}/close",
                        "/workspace/studies/" + A + "/close",
                        "302 403 403 403 403 422 403"),
                page("POST /workspace/account/password", "/workspace/account/password", "302 400 400 400 400 400 400"),
                page(
                        "GET /workspace/account/second-factor",
                        "/workspace/account/second-factor",
                        "302 200 200 200 200 200 200"),
                page(
                        "POST /workspace/account/second-factor",
                        "/workspace/account/second-factor",
                        "302 400 400 400 400 400 400"),
                page(
                        "POST /workspace/account/second-factor/remove",
                        "/workspace/account/second-factor/remove",
                        "302 400 400 400 400 400 400"),
                page("POST /workspace/account/tokens", "/workspace/account/tokens", "302 400 400 400 400 400 400"),
                page(
                        "POST /workspace/account/tokens/{tokenId}/revoke",
                        "/workspace/account/tokens/999999999/revoke",
                        "302 404 404 404 404 404 404"),
                // The error page, opened directly, has no error to show: a bad request.
                row("* /error", "/error", "400 400 400 400 400 400 400"),
                // Last, since it closes study A.
                send("POST /api/studies/{id}/close", S + "/close", JSON, "", "401 403 403 403 403 200 403"),
                // Last of all, since it ends the page sessions.
                page("POST /sign-out", "/sign-out", "302 302 302 302 302 302 302"));
    }

    @Test
    void everyHandlerHasADeclaredAccessRule() {
        Set<String> missing = new TreeSet<>();
        routes().forEach(route -> {
            String method = route.substring(0, route.indexOf(' '));
            String pattern = route.substring(route.indexOf(' ') + 1);
            if (AccessRules.find(method, pattern).isEmpty()) {
                missing.add(route);
            }
        });
        assertThat(missing).as("routes with no rule in AccessRules").isEmpty();
    }

    @Test
    void everyRuleIsForARouteThatExists() {
        Set<String> routes = routes();
        assertThat(AccessRules.all())
                .allSatisfy(rule -> assertThat(routes).contains(rule.method() + " " + rule.pattern()));
    }

    @Test
    void everyRoleAndAnonymousGetTheExpectedAnswerOnEveryRoute() {
        List<Row> rows = rows();
        assertThat(rows.stream().map(Row::route).distinct().toList())
                .as("the table below covers every route")
                .containsExactlyInAnyOrderElementsOf(routes());
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            assertThat(row.expected()).as(row.route()).hasSize(WHO.size());
            for (int i = 0; i < WHO.size(); i++) {
                if (row.page()) {
                    int status = pageStatus(pageClients.get(WHO.get(i)), row);
                    if (status != row.expected()[i]) {
                        wrong.add(
                                row.route() + " as " + WHO.get(i) + ": " + status + ", expected " + row.expected()[i]);
                    }
                    continue;
                }
                TestApi client = clients.get(WHO.get(i));
                var reply = row.body() == null
                        ? client.sendBytes(row.method(), row.path(), null, null)
                        : client.sendBytes(
                                row.method(),
                                row.path(),
                                row.contentType(),
                                row.body().getBytes(StandardCharsets.UTF_8));
                if (reply.status() != row.expected()[i]) {
                    wrong.add(row.method() + " " + row.path() + " as " + WHO.get(i) + ": " + reply.status()
                            + ", expected " + row.expected()[i]);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static int pageStatus(PageClient client, Row row) {
        if (row.method().equals("GET")) {
            return client.get(row.path()).status();
        }
        var form = client.get("/workspace");
        String csrf =
                form.status() == 200 ? form.csrfToken() : client.get("/sign-in").csrfToken();
        return client.post(row.path(), csrf, List.of()).status();
    }

    /** Every handler's routes as "METHOD pattern", "*" for a handler that takes any method. */
    private Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add("* " + pattern);
                } else {
                    methods.forEach(method -> routes.add(method.name() + " " + pattern));
                }
            }
        });
        return routes;
    }
}
