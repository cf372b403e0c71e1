package org.waymark.survey.studies;

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
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.questionnaire.Browser;

/**
 * A researcher's first study, in a real headless Chromium: upload a definition with a mistake, find the
 * mistake at its line, fix it in the box and send it again, preview the draft as participants will see
 * it, publish it, and find it published among their studies. Every page is checked with axe-core against
 * WCAG 2.2 A and AA (on a laptop, and the overview and the upload page on a tablet too) and photographed
 * into target/screenshots.
 */
@WaymarkIntegrationTest
class StudyPagesBrowserTests {

    private static final String AUTHOR = "browser-study-author";
    private static final String STUDY = "browser-upload-study";

    @LocalServerPort
    int port;

    private Browser browser;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void openBrowser() throws Exception {
        TestAccounts.signedIn(port, AUTHOR);
        browser = new Browser(port);
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private void check(String name) throws Exception {
        browser.checkAndPhotograph(name, "workspace-" + name, problems);
    }

    /** Scrolls the page so that an element is in the middle of the window, for the screenshot. */
    private void scrollToMiddle(String css) {
        ((JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.find(css));
    }

    /** The definition as an author's editor would save it: pretty-printed, one field to a line. */
    private static String pretty(TestDefinitions definition) {
        return TestDefinitions.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(definition.root());
    }

    private static TestDefinitions ourStudy() {
        return TestDefinitions.minimal()
                .with(root -> root.put("id", STUDY)
                        .put("title", "Recovery in our own words (synthetic)")
                        .put("synthetic", true)
                        .put("description", "A synthetic study made by a test: nobody real takes part."));
    }

    @Test
    void uploadsADefinitionWithAMistakeFixesItPreviewsAndPublishesIt() throws Exception {
        browser.open("/workspace");
        browser.type("#username", AUTHOR);
        browser.type("#password", TestAccounts.PASSWORD);
        browser.submit("main button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Your studies");

        browser.click("a[href='/workspace/studies/new']");
        assertThat(browser.heading()).isEqualTo("Upload a new study");
        check("10-upload");

        // The mistake: a single-choice question left with one option.
        var mistaken = ourStudy();
        mistaken.question(1, 0).withArray("options").remove(1);
        String text = pretty(mistaken);
        String[] lines = text.split("\n");
        int second = 0;
        while (!lines[second].contains("\"Second\"")) {
            second++;
        }
        int optionsLine = second;
        while (!lines[optionsLine].contains("\"options\"")) {
            optionsLine++;
        }
        optionsLine++;
        Path file = Files.createDirectories(Path.of("target", "browser-upload")).resolve("study.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        browser.submit("main form button[type='submit']");

        assertThat(browser.find(".error-summary").getText())
                .contains("Line " + optionsLine + ", $.sections[1].questions[0].options: a single question needs at"
                        + " least 2 option(s).");
        WebElement line = browser.find("#line-" + optionsLine);
        assertThat(line.getAttribute("class")).contains("line-with-error");
        assertThat(line.getText()).contains("\"options\"");
        browser.click(".error-summary a[href='#line-" + optionsLine + "']");
        scrollToMiddle("#line-" + optionsLine);
        check("11-upload-errors");
        assertThat(browser.find("#definition").getAttribute("value")).isEqualTo(text);

        var fixed = ourStudy();
        browser.type("#definition", pretty(fixed));
        browser.submit("main form button[type='submit']");
        assertThat(browser.heading()).isEqualTo("Overview");
        assertThat(browser.find(".notice").getText()).contains("Your study is uploaded as a draft");
        assertThat(browser.find("main").getText()).contains("Recovery in our own words (synthetic)", "Draft");
        scrollToMiddle("#versions");
        check("12-overview-draft");

        browser.click("a[href='/workspace/studies/" + STUDY + "/versions/1/preview']");
        assertThat(browser.heading()).isEqualTo("Recovery in our own words (synthetic)");
        assertThat(browser.find(".preview-banner").getText())
                .contains("Preview of version 1 (a draft)", "Nothing you enter here is saved");
        check("13-preview-information");
        browser.click(".preview-banner a[href$='part=2']");
        assertThat(browser.heading()).isEqualTo("Second");
        assertThat(browser.find("main").getText())
                .contains("Which sections?", "participants see this question only when ever_detained == 'yes'");
        browser.choose("ever_detained", "yes");
        assertThat(browser.all("main button"))
                .isNotEmpty()
                .allSatisfy(button -> assertThat(button.isEnabled()).isFalse());
        assertThat(browser.all("form")).as("nothing on a preview can be sent").isEmpty();
        check("14-preview-section");

        browser.click(".preview-banner a[href='/workspace/studies/" + STUDY + "']");
        browser.submit("form[action='/workspace/studies/" + STUDY + "/publish'] button");
        assertThat(browser.find(".error-summary").getText()).contains("Tick the box to confirm");
        browser.click("#confirm-publish");
        browser.submit("form[action='/workspace/studies/" + STUDY + "/publish'] button");
        assertThat(browser.find(".notice").getText()).contains("The study is published");
        assertThat(browser.find("main").getText()).contains("Published: open to participants");
        check("15-published");

        browser.click("header a[href='/workspace']");
        WebElement listed = browser.all(".study-list > li").stream()
                .filter(item -> item.getText().contains("Recovery in our own words (synthetic)"))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getText()).contains("published, synthetic demo data", "owner");
        check("16-studies-published");

        // A tablet held upright: the same pages still pass.
        browser.driver().manage().window().setSize(new Dimension(820, 1180));
        browser.open("/workspace/studies/" + STUDY);
        check("17-overview-tablet");
        browser.open("/workspace/studies/" + STUDY + "/versions/new");
        assertThat(browser.heading()).isEqualTo("Upload a new version");
        check("18-new-version-tablet");

        assertThat(problems).as("WCAG 2.2 A and AA problems axe-core found").isEmpty();
    }
}
