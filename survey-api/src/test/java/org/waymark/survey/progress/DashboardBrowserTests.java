package org.waymark.survey.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.questionnaire.Browser;
import org.waymark.survey.studies.TestDefinitions;

/**
 * A researcher's day with a study's figures and responses, in a real headless Chromium: the demo study's
 * dashboard on a laptop and a tablet; watching a submission arrive on their own study's dashboard; the
 * responses list and one response; withdrawing it on request; importing a CSV file with a bad row and
 * reading the report. Every page is checked with axe-core against WCAG 2.2 A and AA and photographed
 * into target/screenshots (workspace-20 to -29).
 */
@WaymarkIntegrationTest
class DashboardBrowserTests {

    private static final String USERNAME = "dashboard-browser-researcher";
    private static final String DEMO = "cpa-recovery-demo";
    private static final String STUDY = "dashboard-browser-study";

    @LocalServerPort
    int port;

    private Browser browser;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void openBrowser() throws Exception {
        TestApi owner = TestAccounts.signedIn(port, "dashboard-browser-owner");
        var created = owner.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", STUDY).put("title", "A synthetic study to watch"))
                        .json());
        assertThat(created.status()).as(created.body()).isIn(201, 409);
        owner.post("/api/studies/" + STUDY + "/publish", "");
        TestAccounts.signedIn(port, USERNAME);
        TestAccounts.grant(port, STUDY, USERNAME, "researcher");
        TestAccounts.grant(port, DEMO, USERNAME, "researcher");
        browser = new Browser(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    /** Checks the page and photographs it whole, at the present width. */
    private void check(String name) throws Exception {
        // From a short window, so that the page's own height is measured, not the window's.
        browser.driver().manage().window().setSize(new Dimension(width, 800));
        long height = (Long)
                ((JavascriptExecutor) browser.driver()).executeScript("return document.documentElement.scrollHeight;");
        browser.driver().manage().window().setSize(new Dimension(width, (int) Math.min(height + 20, 6000)));
        browser.checkAndPhotograph(name, "workspace-" + name, problems);
    }

    private int width = 412;

    private void width(int pixels) {
        width = pixels;
        browser.driver().manage().window().setSize(new Dimension(pixels, 1000));
    }

    private long submittedShown() {
        return Long.parseLong(browser.find("#figure-submitted").getText());
    }

    @Test
    void watchesASubmissionArriveReadsTheResponsesAndImportsAFile() throws Exception {
        browser.open("/workspace");
        browser.type("#username", USERNAME);
        browser.type("#password", TestAccounts.PASSWORD);
        browser.submit("main button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Your studies");

        // The demo study's dashboard, on a laptop and on a tablet.
        width(1280);
        browser.open("/workspace/studies/" + DEMO + "/dashboard");
        assertThat(browser.heading()).isEqualTo("Dashboard");
        assertThat(browser.find("#disclosure-status").getText()).contains("nhs-standard");
        assertThat(browser.all("#dashboard-figures svg")).isNotEmpty();
        // The refresh script ran under the page's Content-Security-Policy.
        assertThat(browser.find("#refresh-status").getText()).contains("every 30 seconds");
        check("20-dashboard");
        width(820);
        check("21-dashboard-tablet");
        width(412);
        check("28-dashboard-phone");
        width(1280);

        // Watching a submission arrive on the researcher's own study.
        browser.open("/workspace/studies/" + STUDY + "/dashboard");
        long before = submittedShown();
        var reply = TestApi.on(port)
                .respond(
                        STUDY,
                        "\"adult\": \"yes\", \"ethnicity\": \"black_caribbean\", \"ever_detained\": \"no\","
                                + " \"recovery_meaning\": \"Synthetic: a life of my own choosing.\"",
                        true);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        String responseId = reply.json().get("responseId").asString();
        browser.submit("#refresh");
        assertThat(submittedShown()).isEqualTo(before + 1);
        check("22-dashboard-after-a-submission");

        // The responses list, and the new response.
        browser.click("nav[aria-label='This study'] a[href='/workspace/studies/" + STUDY + "/responses']");
        assertThat(browser.heading()).isEqualTo("Responses");
        assertThat(browser.find("#responses").getText()).contains(responseId, "Online");
        check("23-responses");
        browser.click("a[href='/workspace/studies/" + STUDY + "/responses/" + responseId + "']");
        assertThat(browser.find("main").getText())
                .contains("What does recovery mean to you?", "Synthetic: a life of my own choosing.");
        check("24-response");

        // Withdrawing it on the participant's request, after confirming.
        browser.submit("main form button.warning");
        assertThat(browser.heading()).isEqualTo("Withdraw this response?");
        check("25-withdraw-confirm");
        browser.submit("main form button.warning");
        assertThat(browser.find("#response-status").getText()).isEqualTo("withdrawn");
        assertThat(browser.find("main").getText()).doesNotContain("a life of my own choosing");

        // Importing paper responses: a file with a bad row, imported row by row.
        browser.open("/workspace/studies/" + STUDY + "/responses/import");
        assertThat(browser.heading()).isEqualTo("Import paper and interview responses");
        check("26-import");
        Path csv = Files.createTempFile("synthetic-paper-responses", ".csv");
        Files.writeString(csv, """
                consent_agreed,adult,ethnicity,ever_detained,recovery_meaning
                take_part,yes,white_british,no,Synthetic paper answer: feeling at home again.
                take_part,yes,martian,no,Synthetic paper answer with a bad code.
                take_part,yes,black_african,yes,Synthetic paper answer: being believed.
                """, StandardCharsets.UTF_8);
        browser.find("#csv").sendKeys(csv.toAbsolutePath().toString());
        browser.click("#route-paper");
        browser.click("#mode-valid");
        browser.submit("main form button[type='submit']");
        assertThat(browser.find("#report-title").getText()).isEqualTo("Imported 2 responses; 1 row was refused");
        assertThat(browser.find("#import-rows").getText()).contains("Refused", "ethnicity", "martian");
        check("27-import-report");
        Files.delete(csv);

        browser.open("/workspace/studies/" + STUDY + "/responses");
        assertThat(browser.find("#responses").getText()).contains("Paper");

        assertThat(problems).as("WCAG 2.2 A and AA problems axe-core found").isEmpty();
    }
}
