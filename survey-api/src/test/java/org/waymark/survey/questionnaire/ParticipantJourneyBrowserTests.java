package org.waymark.survey.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;

/**
 * The participant journey in a real headless Chromium: every page is checked with axe-core against
 * WCAG 2.2 A and AA, weighed, and photographed into target/screenshots.
 */
@WaymarkIntegrationTest
class ParticipantJourneyBrowserTests {

    private static final String STUDY = "/s/cpa-recovery";
    private static final int MAX_PAGE_BYTES = 50 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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

    /** Checks the page now shown: accessibility, weight, and a screenshot for the docs. */
    private void check(String name) throws Exception {
        var results = browser.accessibility();
        results.getViolations()
                .forEach(rule -> problems.add(name + ": " + rule.getId() + " (" + rule.getHelp() + ") on "
                        + rule.getNodes().size() + " element(s)"));
        int bytes = browser.driver().getPageSource().getBytes(StandardCharsets.UTF_8).length + stylesheetBytes();
        if (bytes > MAX_PAGE_BYTES) {
            problems.add(name + ": " + bytes + " bytes of HTML and CSS, over " + MAX_PAGE_BYTES);
        }
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(
                shots.resolve(name + ".png"), ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    }

    private static int stylesheetBytes() throws Exception {
        try (var css = ParticipantJourneyBrowserTests.class.getResourceAsStream("/static/waymark.css")) {
            return css.readAllBytes().length;
        }
    }

    private void continueOn() {
        browser.submit("button[value='continue']");
    }

    @Test
    void completesTheQuestionnaireWithAPauseAndThenWithdraws() throws Exception {
        browser.open(STUDY);
        assertThat(browser.heading()).startsWith("CPA and Recovery");
        check("01-information");
        browser.submit("button[type='submit']");

        assertThat(browser.heading()).isEqualTo("Can you take part?");
        browser.submit("button[type='submit']");
        assertThat(browser.driver().getTitle()).startsWith("Error:");
        assertThat(browser.find(".error-summary").getText())
                .contains("There is a problem", "Choose an answer to \u201cAre you aged 18 or over?\u201d");
        check("02-eligibility-errors");
        browser.choose("age_18_plus", "yes");
        browser.choose("on_cpa_since_2008", "yes");
        browser.choose("lives_in_london", "yes");
        browser.submit("button[type='submit']");

        assertThat(browser.heading()).isEqualTo("Your consent");
        check("03-consent");
        for (String statement : List.of("take_part", "data_use", "withdraw_understood", "quote_me")) {
            browser.click("#agree_" + statement);
        }
        browser.submit("button[type='submit']");

        assertThat(browser.find(".progress").getText()).isEqualTo("Part 1 of 5");
        assertThat(browser.all("#q_gender_self_description")).isEmpty();
        check("04-section-about-you");
        browser.choose("ethnicity", "black_caribbean");
        browser.choose("gender", "self_describe");
        continueOn();
        assertThat(browser.find(".notice").getText()).contains("opened more questions");
        browser.type("#q_gender_self_description", "Agender");
        continueOn();

        assertThat(browser.find(".progress").getText()).isEqualTo("Part 2 of 5");
        check("05-section-cpa");
        continueOn();
        check("06-section-support");
        continueOn();

        assertThat(browser.find(".content-note").getText()).contains("Before you start this part");
        browser.choose("ever_detained", "yes");
        continueOn();
        check("07-section-mental-health-act");
        browser.click("input[name='q_detained_sections'][value='s2']");
        browser.submit("button[value='save']");
        assertThat(browser.heading()).isEqualTo("Your answers are saved");
        check("08-saved");
        String resumeCode = browser.find("#resume-code").getText();

        browser.driver().manage().deleteAllCookies();
        browser.open("/resume");
        check("09-resume");
        browser.type("#code", resumeCode.replace('-', ' ').toUpperCase());
        browser.submit("button[type='submit']");
        assertThat(browser.find(".progress").getText()).isEqualTo("Part 1 of 5");
        browser.open(STUDY + "/sections/4");
        assertThat(browser.find("input[name='q_detained_sections'][value='s2']").isSelected())
                .as("the saved answer came back")
                .isTrue();
        continueOn();

        browser.type("#q_recovery_meaning", "Being <b>heard</b> and having hope.");
        continueOn();
        assertThat(browser.heading()).isEqualTo("Check your answers");
        assertThat(browser.find("main").getText()).contains("Being <b>heard</b> and having hope.", "Agender");
        check("10-review");
        browser.submit("button[type='submit']");

        assertThat(browser.heading()).startsWith("Thank you");
        String receipt = browser.find("#receipt-code").getText();
        assertThat(receipt).matches("[a-z]+(-[a-z]+){3}");
        check("11-thanks");
        assertThat(status(receipt)).isEqualTo("submitted");

        browser.open("/withdraw");
        check("12-withdraw");
        browser.type("#code", receipt);
        browser.submit("button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Are you sure you want to withdraw?");
        check("13-withdraw-confirm");
        browser.submit("button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Your answers have been deleted");
        check("14-withdrawn");
        assertThat(status(receipt))
                .as("the receipt code is gone with the answers")
                .isNull();

        assertThat(problems).isEmpty();
    }

    @Test
    void explainsKindlyWhenSomeoneCannotTakePartAndKeepsOnlyACount() throws Exception {
        long before = count("SELECT COALESCE(MAX(people), 0) FROM screen_out WHERE study_id = 'cpa-recovery'");
        long responses = count("SELECT COUNT(*) FROM response WHERE study_id = 'cpa-recovery'");
        browser.open(STUDY);
        browser.submit("button[type='submit']");
        browser.choose("age_18_plus", "yes");
        browser.choose("on_cpa_since_2008", "yes");
        browser.choose("lives_in_london", "no");
        browser.submit("button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Thank you for your interest");
        assertThat(browser.find("main").getText()).contains("We have not kept any of your answers.", "Samaritans");
        check("15-not-eligible");
        assertThat(count("SELECT COALESCE(MAX(people), 0) FROM screen_out WHERE study_id = 'cpa-recovery'"))
                .isEqualTo(before + 1);
        assertThat(count("SELECT COUNT(*) FROM response WHERE study_id = 'cpa-recovery'"))
                .isEqualTo(responses);
        assertThat(problems).isEmpty();
    }

    @Test
    void explainsKindlyWhenAPageIsRefusedAfterAPauseOrCannotBeFound() throws Exception {
        browser.open(STUDY);
        browser.submit("button[type='submit']");
        browser.choose("age_18_plus", "yes");
        browser.choose("on_cpa_since_2008", "yes");
        browser.choose("lives_in_london", "yes");
        // The session ends while the page is open, as after a long pause.
        browser.driver().manage().deleteAllCookies();
        browser.submit("button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Sorry, we could not accept that page");
        assertThat(browser.find("main").getText()).contains("continue with your saved answers", "Samaritans");
        check("16-form-expired");

        browser.open("/s/cpa-recovery/no-such-page");
        assertThat(browser.heading()).isEqualTo("Page not found");
        check("17-not-found");
        assertThat(problems).isEmpty();
    }

    @Test
    void offersFollowUpAfterSubmittingExplainsAMistakeAndKeepsTheDetailsSealed() throws Exception {
        String study = "browser-follow-up";
        TestApi admin = TestApi.on(port).asAdmin();
        var created = admin.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", study))
                        .with(TestDefinitions.FOLLOW_UP)
                        .json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.post("/api/studies/" + study + "/publish", "").status())
                .isEqualTo(200);

        browser.open("/s/" + study);
        browser.submit("button[type='submit']");
        browser.choose("adult", "yes");
        browser.submit("button[type='submit']");
        browser.click("#agree_take_part");
        browser.submit("button[type='submit']");
        continueOn();
        continueOn();
        assertThat(browser.heading()).isEqualTo("Check your answers");
        browser.submit("button[type='submit']");

        assertThat(browser.heading()).startsWith("Thank you");
        assertThat(browser.find("#follow-up-title").getText()).contains("contact you again", "(optional)");
        assertThat(browser.find("main").getText())
                .contains("short follow-up interview", "kept apart from your answers", "deleted with your answers");
        check("18-follow-up-offer");
        browser.type("#contact", "name@example");
        browser.submit(".follow-up button[type='submit']");
        assertThat(browser.driver().getTitle()).startsWith("Error:");
        assertThat(browser.find(".error-summary").getText()).contains("like name@example.org");
        assertThat(browser.find("#contact").getAttribute("aria-describedby")).contains("contact-error");
        check("18-follow-up-error");
        browser.type("#contact", "synthetic.participant@example.org");
        browser.submit(".follow-up button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Your contact details have been kept");
        check("19-follow-up-kept");
        assertThat(count("""
                        SELECT COUNT(*) FROM follow_up_contact c JOIN response r ON r.id = c.response_id
                        WHERE r.study_id = 'browser-follow-up'""")).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String status(String receiptCode) {
        return jdbc.sql("SELECT status FROM response WHERE receipt_code_hash = ?")
                .param(org.waymark.survey.intake.AccessCodes.hash(receiptCode))
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
