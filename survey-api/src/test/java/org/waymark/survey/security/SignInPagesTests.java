package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.MovableClock;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;

/**
 * Signing in to the workspace with the form, on the real application and database: the session id
 * renewed, the session cookie's attributes, CSRF, the throttle and the audit trail, the timeouts,
 * signing out, and what anonymous requests get.
 */
@DefaultSignInRules
class SignInPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accountService;

    private DirectAccounts direct() {
        return new DirectAccounts(accountService, port);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock applicationClock;

    private long audited(String actor, String action, String detail) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = ? AND detail = ?")
                .params(actor, action, detail)
                .query(Long.class)
                .single();
    }

    @Test
    void signingInRenewsTheSessionIdAndTheOldIdSignsNobodyIn() {
        direct().signedIn("form-renewal");
        PageClient visitor = PageClient.on(port);
        String csrf = visitor.get("/sign-in").csrfToken();
        String before = visitor.cookie("JSESSIONID");
        assertThat(before).as("the sign-in form's token lives in a session").isNotNull();
        var signIn = visitor.post(
                "/sign-in",
                csrf,
                List.of(Map.entry("username", "form-renewal"), Map.entry("password", TestAccounts.PASSWORD)));
        assertThat(signIn.status()).isEqualTo(302);
        assertThat(signIn.location()).isEqualTo("/workspace");
        assertThat(signIn.headers().allValues("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax"));
        String after = visitor.cookie("JSESSIONID");
        assertThat(after).isNotEqualTo(before);

        var home = visitor.get("/workspace");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Your studies", "form-renewal");
        assertThat(home.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(audited("form-renewal", "login.succeeded", "password")).isEqualTo(1);

        var planted = PageClient.on(port).withCookie("JSESSIONID", before).get("/workspace");
        assertThat(planted.status()).isEqualTo(302);
        assertThat(planted.location()).isEqualTo("/sign-in");
    }

    @Test
    void theFormIsRefusedWithoutItsCsrfToken() {
        direct().signedIn("form-csrf");
        PageClient visitor = PageClient.on(port);
        visitor.get("/sign-in");
        var refused = visitor.post(
                "/sign-in",
                null,
                List.of(Map.entry("username", "form-csrf"), Map.entry("password", TestAccounts.PASSWORD)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Sorry, that form had expired");
        assertThat(visitor.get("/workspace").status()).isEqualTo(302);
        var forged = visitor.post(
                "/sign-in",
                "not-the-token",
                List.of(Map.entry("username", "form-csrf"), Map.entry("password", TestAccounts.PASSWORD)));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(audited("form-csrf", "login.succeeded", "password")).isZero();
    }

    @Test
    void aMissingFieldOrAWrongPasswordComesBackWithAnErrorSummary() {
        direct().signedIn("form-errors");
        PageClient visitor = PageClient.on(port);
        var empty = visitor.post("/sign-in", visitor.get("/sign-in").csrfToken(), List.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body())
                .contains("<title>Error: Sign in - Waymark workspace</title>", "There is a problem")
                .contains("href=\"#username\"", "Enter your username", "href=\"#password\"", "Enter your password");
        var wrong = WorkspaceSignIn.password(visitor, "form-errors", "not the password at all");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("The username or the password is not right");
        assertThat(audited("form-errors", "login.failed", "password")).isEqualTo(1);
        // Entered text comes back escaped.
        var odd = WorkspaceSignIn.password(visitor, "<b>x</b>", "whatever it is");
        assertThat(odd.body()).contains("value=\"&lt;b&gt;x&lt;/b&gt;\"").doesNotContain("<b>x</b>");
        assertThat(audited("unknown", "login.failed", "password")).isPositive();
    }

    @Test
    void repeatedWrongPasswordsMakeEvenTheRightOneWait() {
        direct().signedIn("form-guessed");
        PageClient guesser = PageClient.on(port);
        // The default allowance: 5 failures for one account (WaymarkProperties.SignIn).
        for (int i = 0; i < 5; i++) {
            assertThat(WorkspaceSignIn.password(guesser, "form-guessed", "wrong guess " + i)
                            .status())
                    .isEqualTo(400);
        }
        var waiting = WorkspaceSignIn.password(PageClient.on(port), "form-guessed", TestAccounts.PASSWORD);
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
        assertThat(waiting.body()).contains("too many failed sign-ins");
        assertThat(audited("form-guessed", "login.failed", "password")).isEqualTo(5);
    }

    @Test
    void pagesSendAnonymousVisitorsToSignInButTheApiAnswers401() {
        PageClient anonymous = PageClient.on(port);
        for (String page : List.of("/workspace", "/workspace/account", "/workspace/account/second-factor")) {
            var reply = anonymous.get(page);
            assertThat(reply.status()).as(page).isEqualTo(302);
            assertThat(reply.location()).as(page).isEqualTo("/sign-in");
        }
        var api = TestApi.on(port).get("/api/me");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.contentType()).isEqualTo("application/problem+json");
        assertThat(api.location()).isNull();
    }

    @Test
    void aSignedInSessionDoesNotReachTheApi() {
        direct().signedIn("form-no-api");
        PageClient researcher = WorkspaceSignIn.signedIn(port, "form-no-api", TestAccounts.PASSWORD);
        var api = researcher.get("/api/me", "application/json");
        assertThat(api.status())
                .as("the API is signed in per request, never by the cookie")
                .isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSession() {
        direct().signedIn("form-sign-out");
        PageClient researcher = WorkspaceSignIn.signedIn(port, "form-sign-out", TestAccounts.PASSWORD);
        String session = researcher.cookie("JSESSIONID");
        var out = researcher.post("/sign-out", researcher.get("/workspace").csrfToken(), List.of());
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.location()).isEqualTo("/sign-in?signed-out");
        assertThat(researcher.get("/sign-in?signed-out").body()).contains("You have signed out.");
        assertThat(researcher.get("/workspace").status()).isEqualTo(302);
        assertThat(PageClient.on(port)
                        .withCookie("JSESSIONID", session)
                        .get("/workspace")
                        .status())
                .isEqualTo(302);
    }

    @Test
    void aSessionLeftIdleEnds() {
        direct().signedIn("form-idle");
        PageClient researcher = WorkspaceSignIn.signedIn(port, "form-idle", TestAccounts.PASSWORD);
        assertThat(researcher.get("/workspace").status()).isEqualTo(200);
        // The idle timeout here is 3 seconds, the absolute one 8 (DefaultSignInRules). Used 2 seconds later
        // the session goes on, and that use starts the wait again (4 seconds after sign-in it would
        // otherwise have ended); then left 3 seconds, 7 after sign-in, it ends for being idle.
        MovableClock clock = (MovableClock) applicationClock;
        try {
            clock.moveOn(Duration.ofSeconds(2));
            assertThat(researcher.get("/workspace").status()).isEqualTo(200);
            clock.moveOn(Duration.ofSeconds(2));
            assertThat(researcher.get("/workspace").status()).isEqualTo(200);
            clock.moveOn(Duration.ofSeconds(3));
            var after = researcher.get("/workspace");
            assertThat(after.status()).isEqualTo(302);
            assertThat(after.location()).isEqualTo("/sign-in");
            assertThat(researcher.get("/workspace").location())
                    .as("the session is gone, not only refused once")
                    .isEqualTo("/sign-in");
        } finally {
            clock.putBack();
        }
    }

    @Test
    void aBusySessionEndsAtTheAbsoluteTimeout() throws Exception {
        direct().signedIn("form-absolute");
        long signedIn = System.nanoTime();
        PageClient researcher = WorkspaceSignIn.signedIn(port, "form-absolute", TestAccounts.PASSWORD);
        // Used every second, so never idle for the 3-second idle timeout; ended 8 seconds after sign-in.
        PageClient.Page[] reply = {researcher.get("/workspace")};
        await("the session ended")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> (reply[0] = researcher.get("/workspace")).status() != 200);
        double seconds = (System.nanoTime() - signedIn) / 1e9;
        assertThat(reply[0].status()).isEqualTo(302);
        assertThat(reply[0].location()).isEqualTo("/sign-in?ended");
        assertThat(seconds).as("ended at the absolute timeout, not before").isGreaterThanOrEqualTo(8.0);
        assertThat(researcher.get("/sign-in?ended").body()).contains("Your session ended");
        assertThat(researcher.get("/workspace").status()).isEqualTo(302);
    }
}
