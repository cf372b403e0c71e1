package org.waymark.survey.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.questionnaire.Browser;

/**
 * A researcher explores themes in a real headless Chromium: the theme matrix as a heat map under two
 * profiles, the terms that set a group apart, and a quote redacted and approved for reports. Every page
 * is checked with axe-core against WCAG 2.2 A and AA, at a phone's width, a tablet's (820 px) and a
 * laptop's (1280 px), and photographed into target/screenshots (numbers 50 to 59).
 */
@WaymarkIntegrationTest
class ThemeExplorerBrowserTests {

    private static final String PREFIX = "explorer-browser";

    @LocalServerPort
    int port;

    private Browser browser;
    private ExplorerStudy study;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void openBrowser() throws Exception {
        study = ExplorerStudy.make(port, "explorer-browser-study", PREFIX);
        browser = new Browser(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private void check(String name) throws Exception {
        browser.checkAndPhotograph(name, "workspace-" + name, problems);
    }

    /** A window this wide; a laptop's is taller, so the screenshots for the docs show whole tables. */
    private void width(int pixels) {
        browser.driver().manage().window().setSize(new Dimension(pixels, pixels >= 1280 ? 1400 : 1000));
    }

    @Test
    void exploresTheMatrixAndTermsThenRedactsAndApprovesAQuote() throws Exception {
        String pages = "/workspace/studies/" + study.id;
        browser.open("/workspace");
        browser.type("#username", PREFIX + "-researcher");
        browser.type("#password", TestAccounts.PASSWORD);
        browser.submit("main button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Your studies");

        width(1280);
        browser.open(pages + "/themes/matrix");
        assertThat(browser.heading()).isEqualTo("Theme matrix");
        assertThat(browser.find("table.heat-map caption").getText()).contains("by Community", "nhs-standard");
        assertThat(browser.find("table.heat-map tbody").getText()).contains("Warmth and human qualities", "83%");
        assertThat(browser.all("td.heat-hidden")).isNotEmpty();
        check("50-theme-matrix");
        width(820);
        check("51-theme-matrix-tablet");
        width(412);
        check("52-theme-matrix-phone");

        width(1280);
        new Select(browser.find("#disclosure")).selectByValue("strict-10");
        new Select(browser.find("#by")).selectByValue("detained");
        browser.submit("form.explorer-form button");
        assertThat(browser.find("table.heat-map caption").getText()).contains("by Detained", "strict-10");
        check("53-theme-matrix-strict");

        browser.click("a[href='" + pages + "/themes/terms']");
        assertThat(browser.heading()).isEqualTo("Terms that set a group apart");
        new Select(browser.find("#pick")).selectByValue("community:african_caribbean");
        browser.submit("form.explorer-form button");
        assertThat(browser.find("table.terms tbody").getText()).contains("church", "hidden");
        check("54-terms");
        width(820);
        check("55-terms-tablet");

        width(1280);
        browser.click("a[href='" + pages + "/quotes']");
        assertThat(browser.heading()).isEqualTo("Quotes");
        long hope = study.owner
                .get(study.api + "/quotes?theme=hope")
                .json()
                .get(0)
                .get("quoteId")
                .asLong();
        String quote = "#quote-" + hope;
        assertThat(browser.find(quote + " blockquote").getText()).isEqualTo(ExplorerStudy.MARKUP);
        check("56-quotes");

        browser.type(quote + " textarea[name='redact']", "Exampel Ward");
        browser.submit(quote + " button[type='submit']");
        assertThat(browser.find(".error-summary").getText()).contains("Word or phrase 1 to redact");
        check("57-quote-redaction-error");

        browser.type("#redact-" + hope, "Example Ward");
        browser.submit(quote + " button[type='submit']");
        assertThat(browser.find(".notice").getText()).contains("approved for reports");
        assertThat(browser.find(quote + " blockquote.approved-wording").getText())
                .isEqualTo("<b>Kind</b> staff at [redacted] <script>alert(1)</script>");
        browser.driver().navigate().to(browser.driver().getCurrentUrl() + quote);
        check("58-quote-approved");

        assertThat(problems).as("WCAG 2.2 A and AA problems axe-core found").isEmpty();
    }
}
