package org.waymark.survey.questionnaire;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (installed by .ci/run; see
 * docs/getting-started.md). Nothing is downloaded: the browser and the driver are the machine's own.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags them. */
    private static final List<String> WCAG_22_AA =
            List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");

    private final WebDriver driver;
    private final String base;

    public Browser(int port) throws Exception {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver packages"
                    + " (apt-get install chromium chromium-driver); .ci/run installs them.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        Path profile = Files.createTempDirectory("waymark-chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=412,915",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        this.base = "http://localhost:" + port;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public void click(String css) {
        find(css).click();
    }

    /** Clicks a button that sends a form, and waits until the next page has replaced this one. */
    public void submit(String css) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        // A mark on this page's window; a newly loaded page has none.
        script.executeScript("window.waymarkPreviousPage = true;");
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(WebDriverException.class)
                .until(ignored -> Boolean.TRUE.equals(script.executeScript(
                        "return window.waymarkPreviousPage === undefined && document.readyState === 'complete';")));
    }

    /** Clicks the label of an option, as a person taps it. */
    public void choose(String questionId, String code) {
        find("input[name='q_" + questionId + "'][value='" + code + "']").click();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** The accessibility problems axe-core finds on the current page, against WCAG 2.2 A and AA. */
    public Results accessibility() {
        return new AxeBuilder().withTags(WCAG_22_AA).analyze(driver);
    }

    /**
     * Checks the current page with axe-core, adding each violation to {@code problems} under {@code name},
     * and photographs it into {@code target/screenshots/<file>.png}.
     */
    public void checkAndPhotograph(String name, String file, List<String> problems) throws IOException {
        accessibility()
                .getViolations()
                .forEach(rule -> problems.add(name + ": " + rule.getId() + " (" + rule.getHelp() + ") on "
                        + rule.getNodes().size() + " element(s)"));
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(shots.resolve(file + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
