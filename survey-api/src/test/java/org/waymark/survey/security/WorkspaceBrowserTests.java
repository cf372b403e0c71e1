package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.questionnaire.Browser;

/**
 * Signing in, setting up a second factor and signing in with it, in a real headless Chromium without
 * any help from the test: the code is worked out from the key the page shows, as an authenticator app
 * would. Every page is checked with axe-core against WCAG 2.2 A and AA and photographed into
 * target/screenshots.
 */
@WaymarkIntegrationTest
class WorkspaceBrowserTests {

    private static final String USERNAME = "browser-researcher";

    @LocalServerPort
    int port;

    private Browser browser;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void openBrowser() throws Exception {
        TestAccounts.signedIn(port, USERNAME);
        TestAccounts.grant(port, "cpa-recovery-demo", USERNAME, "researcher");
        browser = new Browser(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private void check(String name) throws Exception {
        browser.checkAndPhotograph(name, "workspace-" + name, problems);
    }

    private void signInWithPassword() {
        signInWithPassword(USERNAME);
    }

    private void signInWithPassword(String username) {
        browser.type("#username", username);
        browser.type("#password", TestAccounts.PASSWORD);
        browser.submit("main button[type='submit']");
    }

    @Test
    void signsInSetsUpASecondFactorAndSignsInWithIt() throws Exception {
        browser.open("/workspace");
        assertThat(browser.heading()).as("sent to sign in").isEqualTo("Sign in");
        check("01-sign-in");
        browser.submit("main button[type='submit']");
        assertThat(browser.find(".error-summary").getText()).contains("Enter your username", "Enter your password");
        check("02-sign-in-errors");

        signInWithPassword();
        assertThat(browser.heading()).isEqualTo("Your studies");
        assertThat(browser.find("main").getText()).contains("CPA and Recovery", "researcher");
        check("03-studies");

        browser.click("a[href='/workspace/account']");
        assertThat(browser.heading()).isEqualTo("Your account");
        check("04-account");
        browser.click("a[href='/workspace/account/second-factor']");
        assertThat(browser.heading()).isEqualTo("Set up a second factor");
        check("05-second-factor");
        byte[] secret = Base32.decode(browser.find("#secret").getText());
        assertThat(secret).hasSize(Totp.SECRET_BYTES);
        browser.type("#code", Totp.code(secret, Totp.step(Instant.now()), Totp.DIGITS));
        browser.submit("main button[type='submit']");
        assertThat(browser.find(".notice").getText()).contains("Your second factor is set up");
        check("06-account-with-factor");

        browser.submit("header button.link-button");
        assertThat(browser.heading()).isEqualTo("Sign in");
        assertThat(browser.find(".notice").getText()).isEqualTo("You have signed out.");

        signInWithPassword();
        assertThat(browser.heading()).isEqualTo("Enter the code from your app");
        check("07-sign-in-code");
        // The code used to switch the factor on is spent; the app's next code is inside the window.
        browser.type("#code", Totp.code(secret, Totp.step(Instant.now()) + 1, Totp.DIGITS));
        browser.submit("main button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Your studies");

        browser.open("/workspace/account");
        browser.type("#token-name", "weekly export script");
        browser.click("input[name='studies'][value='cpa-recovery-demo']");
        browser.submit("form[action='/workspace/account/tokens'] button");
        assertThat(browser.find("#new-token").getText()).startsWith("wmk_");
        check("08-token-shown");

        assertThat(problems).as("WCAG 2.2 A and AA problems axe-core found").isEmpty();
    }

    @Test
    void showsAStudysOwnerItsAuditTrail() throws Exception {
        TestAccounts.signedIn(port, "browser-owner");
        TestAccounts.grant(port, "cpa-recovery-demo", "browser-owner", "owner");
        browser.open("/workspace");
        signInWithPassword("browser-owner");
        browser.click("a[href='/workspace/studies/cpa-recovery-demo/audit']");

        assertThat(browser.heading()).isEqualTo("Audit trail");
        assertThat(browser.find("main table").getText()).contains("role.granted");
        check("09-audit-trail");
        assertThat(problems).as("WCAG 2.2 A and AA problems axe-core found").isEmpty();
    }

    @Test
    void theSiteAdminMakesAnAccountAndGivesItARole() throws Exception {
        browser.open("/workspace");
        browser.type("#username", "admin");
        browser.type("#password", TestApi.ADMIN_PASSWORD);
        browser.submit("main button[type='submit']");
        browser.click("a[href='/workspace/accounts']");
        assertThat(browser.heading()).isEqualTo("Accounts");

        browser.type("#username", "browser-made");
        browser.type("#password", "short");
        browser.submit("form[action='/workspace/accounts'] button[type='submit']");
        assertThat(browser.find(".error-summary").getText()).contains("12");
        check("61-accounts-error");
        browser.type("#password", "four unrelated words together");
        browser.submit("form[action='/workspace/accounts'] button[type='submit']");
        assertThat(browser.find(".notice").getText()).contains("browser-made");
        check("60-accounts");

        browser.open("/workspace/studies/cpa-recovery-demo/people");
        assertThat(browser.heading()).isEqualTo("People");
        browser.type("#member", "browser-made");
        browser.click("#role-analyst");
        browser.submit("form[action='/workspace/studies/cpa-recovery-demo/people'] button[type='submit']");
        assertThat(browser.find("main table").getText()).contains("browser-made analyst");
        check("62-people");
        assertThat(problems).as("WCAG 2.2 A and AA problems axe-core found").isEmpty();
    }
}
