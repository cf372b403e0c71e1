package org.waymark.survey.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.questionnaire.Browser;

/**
 * Two coders search and code the same answers blind, in a real headless Chromium, each seeing only their
 * own codes; the owner ends the round and reads their agreement. Every page is checked with axe-core
 * against WCAG 2.2 A and AA and photographed into target/screenshots.
 */
@WaymarkIntegrationTest
class CodingBrowserTests {

    private static final String STUDY = "coding-browser-study";
    private static final String PAGES = "/workspace/studies/" + STUDY;

    @LocalServerPort
    int port;

    private Browser browser;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void openBrowser() throws Exception {
        browser = new Browser(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void twoCodersCodeBlindAndTheOwnerSeesTheirAgreement() throws Exception {
        TestApi owner = TestAccounts.signedIn(port, "browser-coding-owner");
        CodingStudies.publish(
                port,
                owner,
                STUDY,
                "The staff were kind and listened to me.",
                "Kind nurses, but too much medication.",
                "Only medication was offered, nothing else.");
        for (String coder : List.of("browser-coder-a", "browser-coder-b")) {
            TestAccounts.signedIn(port, coder);
            TestAccounts.grant(port, STUDY, coder, "coder");
        }

        signIn("browser-coding-owner");
        browser.submit("a[href='" + PAGES + "/coding']");
        assertThat(browser.heading()).isEqualTo("Coding");
        browser.submit("#blind-round");
        assertThat(browser.find(".notice").getText()).contains("The blind round has started");
        check("40-coding-blind-round-started");
        signOut();

        // Coder A: warmth on the first two answers, medical-only on the third; the first by selecting words.
        signIn("browser-coder-a");
        browser.submit("a[href='" + PAGES + "/themes']");
        assertThat(browser.heading()).isEqualTo("Search the answers");
        browser.type("#q", "kind OR medication");
        browser.submit("form[role=search] button");
        assertThat(browser.find("#results-title").getText()).isEqualTo("3 answers match");
        assertThat(browser.all(".search-result mark")).isNotEmpty();
        check("41-theme-search-results");
        browser.open(PAGES + "/coding");
        assertThat(browser.all(".answer-to-code")).hasSize(3);
        check("42-coding-next-answers");
        selectWords("answer-text-0", "kind and listened");
        assertThat(browser.find("#words-0").getAttribute("value")).isEqualTo("kind and listened");
        assertThat(browser.find("#code-0 input[name=start]").getAttribute("value"))
                .isEqualTo("15");
        code(0, "warmth");
        assertThat(browser.find(".notice").getText()).isEqualTo("Your code is saved.");
        code(0, "warmth");
        code(0, "medical_only");
        assertThat(browser.find("main").getText()).contains("You have coded every answer");
        signOut();

        // Coder B: warmth on the first, medical-only on the second and third.
        signIn("browser-coder-b");
        browser.open(PAGES + "/coding");
        code(0, "warmth");
        code(0, "medical_only");
        code(0, "medical_only");
        browser.open(PAGES + "/themes?q=kind");
        browser.submit(".search-result a");
        assertThat(browser.find("main").getText())
                .contains("A blind round is on", "by browser-coder-b")
                .doesNotContain("browser-coder-a");
        check("43-coding-blind-own-codes-only");
        signOut();

        signIn("browser-coding-owner");
        browser.open(PAGES + "/coding");
        browser.submit("#blind-round");
        assertThat(browser.find(".notice").getText()).contains("The blind round has ended");
        String agreement = browser.find("table").getText();
        assertThat(agreement).contains("Warmth and human qualities", "Medical-only explanations");
        // Warmth: both on answer 1, only A on answer 2, neither on answer 3: [[1,1],[0,1]],
        // po = 2/3, pe = (2*1 + 1*2)/9 = 4/9, kappa = (2/3 - 4/9)/(1 - 4/9) = 0.4.
        // R 4.4: irr::kappa2(cbind(c(1,1,0), c(1,0,0)))$value = 0.4
        assertThat(browser.find("table tbody tr:first-child").getText()).contains("0.40");
        ((JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById('agreement-title').scrollIntoView();");
        check("44-coding-agreement");

        assertThat(problems).as("WCAG 2.2 A and AA problems axe-core found").isEmpty();
    }

    private void signIn(String username) {
        browser.open("/workspace");
        browser.type("#username", username);
        browser.type("#password", TestAccounts.PASSWORD);
        browser.submit("main button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Your studies");
    }

    private void signOut() {
        browser.submit("header button.link-button");
    }

    /** Codes the answer at {@code index} on the page with a theme and waits for the page after. */
    private void code(int index, String theme) {
        new Select(browser.find("#theme-" + index)).selectByValue(theme);
        browser.submit("#code-" + index + " button[type=submit]");
    }

    /** Selects words in an answer as a mouse would, then lets go of the button. */
    private void selectWords(String answerId, String words) {
        ((JavascriptExecutor) browser.driver()).executeScript("""
                const answer = document.getElementById(arguments[0]);
                const text = answer.firstChild;
                const start = text.data.indexOf(arguments[1]);
                const range = document.createRange();
                range.setStart(text, start);
                range.setEnd(text, start + arguments[1].length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                answer.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));""", answerId, words);
    }

    private void check(String name) throws Exception {
        browser.checkAndPhotograph(name, "workspace-" + name, problems);
    }
}
