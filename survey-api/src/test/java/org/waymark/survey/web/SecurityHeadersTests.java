package org.waymark.survey.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;

/** The browser protections on the responses a real client gets, of every kind, errors included. */
@WaymarkIntegrationTest
class SecurityHeadersTests {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String ADMIN = "Basic "
            + Base64.getEncoder().encodeToString(("admin:" + TestApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    private record Case(String what, String method, String path, String accept, String authorization, int status) {}

    private static final List<Case> CASES = List.of(
            new Case("a participant page", "GET", "/s/cpa-recovery", PageClient.BROWSER_ACCEPT, null, 200),
            new Case("the resume page", "GET", "/resume", PageClient.BROWSER_ACCEPT, null, 200),
            new Case("a public API reply", "GET", "/api/studies", JSON, null, 200),
            new Case("a signed-in API reply", "GET", "/api/accounts", JSON, ADMIN, 200),
            new Case("the OpenAPI document", "GET", "/api/openapi", JSON, null, 200),
            new Case("the health check", "GET", "/actuator/health", JSON, null, 200),
            new Case("a page that does not exist", "GET", "/no-such-page", PageClient.BROWSER_ACCEPT, null, 404),
            new Case("an API refusal", "GET", "/api/studies/cpa-recovery/responses", JSON, null, 401),
            new Case("an unknown study", "GET", "/api/studies/no-such-study", JSON, null, 404),
            new Case(
                    "a form without its CSRF token",
                    "POST",
                    "/s/cpa-recovery/start",
                    PageClient.BROWSER_ACCEPT,
                    null,
                    403),
            new Case("an unknown resume code", "GET", "/api/responses/no-such-code", JSON, null, 404),
            new Case("the sign-in page", "GET", "/sign-in", PageClient.BROWSER_ACCEPT, null, 200),
            new Case("a workspace page, not signed in", "GET", "/workspace", PageClient.BROWSER_ACCEPT, null, 302),
            new Case(
                    "the sign-in form without its CSRF token",
                    "POST",
                    "/sign-in",
                    PageClient.BROWSER_ACCEPT,
                    null,
                    403));

    @Test
    void everyKindOfResponseCarriesEachProtectionOnceWithOneValue() {
        for (Case c : CASES) {
            HttpResponse<String> reply = send(c.method(), c.path(), c.accept(), c.authorization());
            assertThat(reply.statusCode()).as(c.what()).isEqualTo(c.status());
            assertProtections(c.what(), reply.headers());
        }
    }

    @Test
    void theSignedInWorkspacePagesCarryEachProtectionAndAreNeverCached() {
        TestAccounts.signedIn(port, "headers-researcher");
        PageClient researcher = PageClient.on(port);
        var signIn = researcher.post(
                "/sign-in",
                researcher.get("/sign-in").csrfToken(),
                List.of(Map.entry("username", "headers-researcher"), Map.entry("password", TestAccounts.PASSWORD)));
        assertThat(signIn.status()).isEqualTo(302);
        for (String page : List.of("/workspace", "/workspace/account", "/workspace/account/second-factor")) {
            var reply = researcher.get(page);
            assertThat(reply.status()).as(page).isEqualTo(200);
            assertProtections(page, reply.headers());
        }
    }

    private static void assertProtections(String what, HttpHeaders headers) {
        assertThat(headers.allValues("Content-Security-Policy"))
                .as(what)
                .containsExactly(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(headers.allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
        assertThat(headers.allValues("Referrer-Policy")).as(what).containsExactly("no-referrer");
        assertThat(headers.allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(headers.allValues("Cache-Control")).as(what).containsExactly("no-store");
        assertThat(headers.allValues("Strict-Transport-Security"))
                .as(what + ": no HSTS over plain HTTP")
                .isEmpty();
    }

    @Test
    void theStylesheetsMayBeCachedButKeepTheOtherProtections() {
        for (String sheet : List.of("/waymark.css", "/workspace.css")) {
            HttpResponse<String> css = send("GET", sheet, "text/css,*/*;q=0.1", null);
            assertThat(css.statusCode()).as(sheet).isEqualTo(200);
            assertThat(css.headers().allValues("Cache-Control")).as(sheet).doesNotContain("no-store");
            assertThat(css.headers().allValues("Content-Security-Policy"))
                    .as(sheet)
                    .containsExactly(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(css.headers().allValues("X-Content-Type-Options"))
                    .as(sheet)
                    .containsExactly("nosniff");
        }
    }

    @Test
    void thePolicyForbidsScriptsFramingAndForeignFormTargets() {
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'")
                .contains("frame-ancestors 'none'", "form-action 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void theSessionCookieIsOutOfScriptsReachAndStaysOnThisSite() {
        HttpResponse<String> page = send("GET", "/s/cpa-recovery", PageClient.BROWSER_ACCEPT, null);
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies).as("the page's form token lives in the session").isNotEmpty();
        assertThat(cookies)
                .filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax"));
    }

    @Test
    void onlyTheHealthEndpointIsExposedAndWithoutDetails() {
        HttpResponse<String> health = send("GET", "/actuator/health", JSON, ADMIN);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "db");
        for (String endpoint : List.of(
                "/actuator",
                "/actuator/env",
                "/actuator/info",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/loggers",
                "/actuator/metrics",
                "/actuator/mappings",
                "/actuator/heapdump",
                "/actuator/threaddump",
                "/actuator/health/db",
                "/actuator/health/diskSpace")) {
            for (String authorization : new String[] {null, ADMIN}) {
                int status = send("GET", endpoint, JSON, authorization).statusCode();
                assertThat(status)
                        .as(endpoint + (authorization == null ? "" : " as admin"))
                        .isIn(401, 403, 404);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String accept, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
