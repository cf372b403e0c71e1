package org.waymark.survey.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import org.waymark.survey.questionnaire.Browser;

/**
 * A researcher explores an analysis of the synthetic demo study, builds a report, sees its preview and
 * downloads it, then finds the exports, in a real headless Chromium. Every page is checked with axe-core
 * against WCAG 2.2 A and AA and photographed into target/screenshots (numbers 30 to 39).
 */
@WaymarkIntegrationTest
class AnalysisBrowserTests {

    private static final String USERNAME = "browser-analysis-researcher";
    private static final String STUDY = "/workspace/studies/" + DemoStudy.ID;

    @LocalServerPort
    int port;

    private Browser browser;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void openBrowser() throws Exception {
        TestAccounts.signedIn(port, USERNAME);
        TestAccounts.grant(port, DemoStudy.ID, USERNAME, "researcher");
        browser = new Browser(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private void check(String name) throws Exception {
        browser.checkAndPhotograph(name, "workspace-" + name, problems);
    }

    private void width(int pixels) {
        browser.driver().manage().window().setSize(new Dimension(pixels, 1000));
    }

    private void scrollTo(String id) {
        ((JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById(arguments[0]).scrollIntoView();", id);
    }

    @Test
    void exploresAnAnalysisBuildsAReportDownloadsItAndFindsTheExports() throws Exception {
        width(1280);
        browser.open("/workspace");
        browser.type("#username", USERNAME);
        browser.type("#password", TestAccounts.PASSWORD);
        browser.submit("main button[type='submit']");
        browser.open(STUDY + "/analysis");
        assertThat(browser.all(".study-nav a").stream().map(link -> link.getText()))
                .as("a researcher's sections: no audit trail, which is the owners'")
                .contains("Analysis", "Reports", "Exports")
                .doesNotContain("Audit trail");
        assertThat(browser.heading()).isEqualTo("Analysis");
        check("30-analysis-form");

        browser.click("#q-support_medication");
        browser.click("#q-views_listened_to");
        browser.click("input[name='by'][value='community']");
        browser.submit("form.analysis-form button[type='submit']");
        assertThat(browser.driver().getCurrentUrl())
                .as("a result is an address to keep")
                .contains("question=support_medication", "by=community", "disclosure=nhs-standard");
        String result = browser.find("#result-support_medication").getText();
        assertThat(result).contains("Disclosure:", "All participants", "p (Holm)", "In words");
        assertThat(browser.all("#result-support_medication svg[role='img']")).isNotEmpty();
        assertThat(browser.all("#result-support_medication .sentences li")).isNotEmpty();
        scrollTo("result-support_medication");
        check("31-analysis-result");
        width(820);
        check("32-analysis-result-tablet");
        width(1280);

        browser.click(".study-nav a[href='" + STUDY + "/reports']");
        assertThat(browser.heading()).isEqualTo("Reports");
        check("33-reports");
        browser.type("#draft-name", "Autumn briefing (synthetic data)");
        browser.submit("main form button[type='submit']");
        assertThat(browser.heading()).contains("Autumn briefing (synthetic data)");
        assertThat(browser.find(".notice").getText()).contains("The report is started");
        check("34-report-builder");

        browser.click("#draft-section-support_and_recovery");
        browser.click("#draft-question-support_medication");
        for (var grouping : browser.all("input[name='by']")) {
            if (grouping.isSelected() != grouping.getAttribute("value").equals("community")) {
                grouping.click();
            }
        }
        browser.type("#draft-summary", "A synthetic summary, written in the browser test.");
        browser.submit("form.report-form button[type='submit']");
        assertThat(browser.find(".notice").getText()).contains("Saved");
        String preview = browser.find(".report-preview").getText();
        assertThat(preview)
                .contains("A synthetic summary, written in the browser test.", "Key findings")
                .contains("by=community");
        scrollTo("preview-heading");
        check("35-report-preview");

        // With its script, the builder saves and draws the preview again when a choice changes.
        assertThat(browser.find("#preview-status").getText()).contains("drawn again each time");
        browser.type("#draft-summary", "A summary changed without pressing the button.");
        browser.click("input[name='by'][value='community']");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(driver -> driver.findElement(By.cssSelector(".report-preview"))
                        .getText()
                        .contains("A summary changed without pressing the button."));
        assertThat(browser.find("#preview-status").getText()).startsWith("Saved.");

        String pdfLink = browser.find("a.button[href$='.pdf']").getAttribute("href");
        String cookies = browser.driver().manage().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(pdfLink))
                                .header("Cookie", cookies)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        browser.click(".study-nav a[href='" + STUDY + "/exports']");
        assertThat(browser.heading()).isEqualTo("Exports");
        assertThat(browser.find("main").getText())
                .contains("Every download is recorded", "Download Dataset (CSV, codes)");
        check("36-exports");
        width(820);
        check("37-exports-tablet");

        assertThat(problems).as("WCAG 2.2 A and AA problems axe-core found").isEmpty();
    }
}
