package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;

/**
 * The second factor on the real application and database, with the default rule that site admins
 * must have one: setting it up, signing in with it, codes used once, wrong codes throttled and audited,
 * an admin held at enrolment, HTTP Basic refused and tokens still working.
 */
@DefaultSignInRules
class SecondFactorTests {

    private static final String STUDY = "cpa-recovery-demo";

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
    AccountRepository accounts;

    private void makeAdmin(String username) {
        direct().make(username, true);
    }

    @Test
    void signingInWithAFactorNeedsTheCodeAndEachCodeWorksOnce() {
        direct().signedIn("factor-holder");
        byte[] secret = WorkspaceSignIn.enrol(WorkspaceSignIn.signedIn(port, "factor-holder", TestAccounts.PASSWORD));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = 'factor-holder'"
                                + " AND action = 'account.second-factor-added'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        PageClient visitor = PageClient.on(port);
        var password = WorkspaceSignIn.password(visitor, "factor-holder", TestAccounts.PASSWORD);
        assertThat(password.status()).isEqualTo(302);
        assertThat(password.location()).isEqualTo("/sign-in/code");
        assertThat(visitor.get("/workspace").status())
                .as("not signed in before the code")
                .isEqualTo(302);
        assertThat(visitor.get("/workspace/account").location()).isEqualTo("/sign-in");

        var wrong = WorkspaceSignIn.code(
                visitor, "000000".equals(WorkspaceSignIn.codeFor(secret, 1)) ? "111111" : "000000");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("There is a problem", "href=\"#code\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = 'factor-holder' AND action ="
                                + " 'login.failed' AND detail = 'second factor'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // The enrolment used the code of this step, so the next one is the app's next code (inside the window).
        String code = WorkspaceSignIn.codeFor(secret, 1);
        String before = visitor.cookie("JSESSIONID");
        var signedIn = WorkspaceSignIn.code(visitor, code);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).isEqualTo("/workspace");
        assertThat(visitor.cookie("JSESSIONID")).as("renewed again at the code").isNotEqualTo(before);
        assertThat(visitor.get("/workspace").status()).isEqualTo(200);

        PageClient replay = PageClient.on(port);
        assertThat(WorkspaceSignIn.password(replay, "factor-holder", TestAccounts.PASSWORD)
                        .location())
                .isEqualTo("/sign-in/code");
        assertThat(WorkspaceSignIn.code(replay, code).status())
                .as("a used code")
                .isEqualTo(400);
        assertThat(WorkspaceSignIn.code(replay, WorkspaceSignIn.codeFor(secret, 0))
                        .status())
                .as("an earlier code")
                .isEqualTo(400);
        assertThat(replay.get("/workspace").status()).isEqualTo(302);
    }

    @Test
    void wrongCodesAreThrottled() {
        direct().signedIn("factor-guessed");
        byte[] secret = WorkspaceSignIn.enrol(WorkspaceSignIn.signedIn(port, "factor-guessed", TestAccounts.PASSWORD));
        PageClient guesser = PageClient.on(port);
        WorkspaceSignIn.password(guesser, "factor-guessed", TestAccounts.PASSWORD);
        String right = WorkspaceSignIn.codeFor(secret, 1);
        String wrong = right.equals("123456") ? "654321" : "123456";
        // The account's allowance is 5 failures (WaymarkProperties.SignIn); then even the right code waits.
        for (int i = 0; i < 5; i++) {
            assertThat(WorkspaceSignIn.code(guesser, wrong).status()).isEqualTo(400);
        }
        var waiting = WorkspaceSignIn.code(guesser, right);
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
        // Nor does a right password reset the count, so codes cannot be guessed five at a time.
        assertThat(WorkspaceSignIn.password(PageClient.on(port), "factor-guessed", TestAccounts.PASSWORD)
                        .status())
                .isEqualTo(429);
    }

    @Test
    void anAdminWithoutAFactorReachesNothingButEnrolment() {
        makeAdmin("factor-admin");
        PageClient admin = WorkspaceSignIn.signedIn(port, "factor-admin", TestAccounts.PASSWORD);
        for (String page : List.of("/workspace", "/workspace/account", "/sign-in")) {
            var reply = admin.get(page);
            assertThat(reply.status()).as(page).isEqualTo(302);
        }
        assertThat(admin.get("/workspace").location()).isEqualTo("/workspace/account/second-factor");
        var tokenForm = admin.post(
                "/workspace/account/tokens",
                admin.get("/workspace/account/second-factor").csrfToken(),
                List.of(Map.entry("name", "sneaky"), Map.entry("siteAdmin", "yes")));
        assertThat(tokenForm.status()).isEqualTo(302);
        assertThat(tokenForm.location()).isEqualTo("/workspace/account/second-factor");
        var enrolPage = admin.get("/workspace/account/second-factor");
        assertThat(enrolPage.body()).contains("must have a second factor before you can use the workspace");

        var basic = TestApi.on(port).as("factor-admin", TestAccounts.PASSWORD).get("/api/accounts");
        assertThat(basic.status()).as("an admin never uses Basic").isEqualTo(401);
        assertThat(basic.json().get("detail").asString()).contains("personal access token");

        byte[] secret = WorkspaceSignIn.enrol(admin);
        assertThat(admin.get("/workspace").status()).isEqualTo(200);
        String token = WorkspaceSignIn.makeToken(admin, "admin script", List.of(), true);
        var accountsList = TestApi.on(port).withToken(token).get("/api/accounts");
        assertThat(accountsList.status()).as("a site administration token").isEqualTo(200);
        assertThat(TestApi.on(port).withToken(token).get("/api/me/tokens").status())
                .as("but it never manages the account")
                .isEqualTo(403);
        assertThat(secret).hasSize(Totp.SECRET_BYTES);
    }

    @Test
    void httpBasicIsRefusedOnceAFactorIsSetUpButATokenKeepsWorking() {
        TestApi basic = direct().signedIn("factor-scripter");
        direct().grant(STUDY, "factor-scripter", "analyst");
        assertThat(basic.get("/api/me").status()).isEqualTo(200);
        PageClient page = WorkspaceSignIn.signedIn(port, "factor-scripter", TestAccounts.PASSWORD);
        String token = WorkspaceSignIn.makeToken(page, "analysis script", List.of(STUDY), false);
        WorkspaceSignIn.enrol(page);

        var refused = basic.get("/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("second factor", "personal access token");
        var byToken = TestApi.on(port).withToken(token).get("/api/studies/" + STUDY + "/analysis");
        assertThat(byToken.status()).isEqualTo(200);
        var notAdmin = TestApi.on(port).withToken(token).get("/api/accounts");
        assertThat(notAdmin.status()).isEqualTo(403);
    }

    @Test
    void theFirstAdminIsRefusedHttpBasicFromTheStartAndWorksThroughThePagesAndATokenInstead() {
        var basic = TestApi.on(port).asAdmin().get("/api/accounts");
        assertThat(basic.status())
                .as("the account made at the first start has no exception: HTTP Basic cannot carry a code")
                .isEqualTo(401);
        assertThat(basic.json().get("detail").asString()).contains("personal access token");

        PageClient admin = WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD);
        assertThat(admin.get("/workspace").location()).isEqualTo("/workspace/account/second-factor");
        WorkspaceSignIn.enrol(admin);
        try {
            assertThat(admin.get("/workspace/accounts").status()).isEqualTo(200);
            String token = WorkspaceSignIn.makeToken(admin, "first admin script", List.of(), true);
            assertThat(TestApi.on(port).withToken(token).get("/api/accounts").status())
                    .isEqualTo(200);
            assertThat(TestApi.on(port).asAdmin().get("/api/accounts").status())
                    .as("still refused once the factor is set up")
                    .isEqualTo(401);
        } finally {
            // Other tests in this context sign in to the pages as the admin with its password alone.
            accounts.removeSecondFactor("admin");
        }
    }

    @Test
    void theAccountPageChangesThePasswordAndRemovesTheFactor() {
        direct().signedIn("factor-changer");
        PageClient page = WorkspaceSignIn.signedIn(port, "factor-changer", TestAccounts.PASSWORD);
        var account = page.get("/workspace/account");
        var wrong = page.post(
                "/workspace/account/password",
                account.csrfToken(),
                List.of(Map.entry("current", "not my password"), Map.entry("password", "a brand new passphrase")));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("href=\"#current\"", "Enter your present password");
        var weak = page.post(
                "/workspace/account/password",
                account.csrfToken(),
                List.of(Map.entry("current", TestAccounts.PASSWORD), Map.entry("password", "short")));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("href=\"#password\"", "at least 12 characters");
        String next = "a brand new synthetic passphrase";
        var changed = page.post(
                "/workspace/account/password",
                account.csrfToken(),
                List.of(Map.entry("current", TestAccounts.PASSWORD), Map.entry("password", next)));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(page.get("/workspace/account?done=password").body()).contains("Your password has been changed.");

        byte[] secret = WorkspaceSignIn.enrol(page);
        var remove = page.post(
                "/workspace/account/second-factor/remove",
                page.get("/workspace/account").csrfToken(),
                List.of(Map.entry("current", next), Map.entry("code", WorkspaceSignIn.codeFor(secret, 1))));
        assertThat(remove.status()).as(remove.body()).isEqualTo(302);
        assertThat(accounts.findByUsername("factor-changer").orElseThrow().hasSecondFactor())
                .isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = 'factor-changer' AND action IN"
                                + " ('account.password-changed', 'account.second-factor-removed')")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void tokensAreListedAndRevokedOnTheAccountPage() {
        direct().signedIn("factor-tokens");
        direct().grant(STUDY, "factor-tokens", "researcher");
        PageClient page = WorkspaceSignIn.signedIn(port, "factor-tokens", TestAccounts.PASSWORD);
        String token = WorkspaceSignIn.makeToken(page, "<script>export</script>", List.of(STUDY), false);
        var account = page.get("/workspace/account");
        assertThat(account.body())
                .contains("&lt;script&gt;export&lt;/script&gt;")
                .doesNotContain("<script>export")
                .doesNotContain(token);
        var admin = page.post(
                "/workspace/account/tokens",
                account.csrfToken(),
                List.of(Map.entry("name", "not an admin"), Map.entry("siteAdmin", "yes")));
        assertThat(admin.status()).isEqualTo(400);
        long id = jdbc.sql("SELECT t.id FROM access_token t JOIN researcher_account a ON a.id = t.account_id"
                        + " WHERE a.username = 'factor-tokens'")
                .query(Long.class)
                .single();
        var revoked = page.post("/workspace/account/tokens/" + id + "/revoke", account.csrfToken(), List.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(TestApi.on(port)
                        .withToken(token)
                        .get("/api/studies/" + STUDY + "/responses")
                        .status())
                .isEqualTo(401);
        var again = page.post("/workspace/account/tokens/" + id + "/revoke", account.csrfToken(), List.of());
        assertThat(again.status()).isEqualTo(404);
    }
}
