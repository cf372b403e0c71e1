package org.waymark.survey.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;

/**
 * Requests refused outside a controller: a browser gets a kind page in the participant style, an API
 * client Problem Details, and neither a stack trace, a class name or Spring's whitelabel page.
 */
@WaymarkIntegrationTest
class ErrorPagesTests {

    private static final String STUDY = "/s/cpa-recovery";
    private static final List<Map.Entry<String, String>> ELIGIBLE = List.of(
            Map.entry("q_age_18_plus", "yes"),
            Map.entry("q_on_cpa_since_2008", "yes"),
            Map.entry("q_lives_in_london", "yes"));

    @LocalServerPort
    int port;

    @Test
    void explainsKindlyWhenAFormIsSentWithoutAValidCsrfToken() {
        PageClient browser = PageClient.on(port);
        browser.get(STUDY);

        assertKindRefusal(browser.post(STUDY + "/start", null, List.of()));
        assertKindRefusal(browser.post(STUDY + "/start", "not-the-token", List.of()));
    }

    @Test
    void explainsKindlyWhenTheSessionEndedDuringAPause() {
        PageClient browser = PageClient.on(port);
        String token = browser.get(STUDY).csrfToken();
        var started = browser.post(STUDY + "/start", token, List.of());
        assertThat(started.status()).isEqualTo(302);
        String eligibilityToken = browser.get(started.location()).csrfToken();

        // The same form, sent from a browser whose session cookie is gone (as after the session expires).
        PageClient afterThePause = PageClient.on(port);
        assertKindRefusal(afterThePause.post(STUDY + "/eligibility", eligibilityToken, ELIGIBLE));
    }

    private static void assertKindRefusal(PageClient.Page page) {
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("Sorry, we could not accept that page")
                .contains("Answers you saved with <strong>Save and leave</strong> are safe")
                .contains("href=\"/resume\"")
                .contains("href=\"/s/cpa-recovery\"")
                .contains("If you need support", "Samaritans")
                .contains("CPA and Recovery")
                .doesNotContain("Exception", "org.springframework", "Whitelabel", "Forbidden");
    }

    @Test
    void aCsrfRefusalOnAnotherPageOffersResumingWithoutNamingAStudy() {
        PageClient browser = PageClient.on(port);
        browser.get("/resume");
        var page = browser.post("/resume", "stale", List.of(Map.entry("code", "apple river green table")));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body())
                .contains("Sorry, we could not accept that page", "href=\"/resume\"", "open the link the study team")
                .doesNotContain("If you need support", "Exception");
    }

    @Test
    void aScriptSendingAFormWithoutATokenGetsProblemDetails() {
        var reply = TestApi.on(port).send("POST", STUDY + "/start", "application/x-www-form-urlencoded", "");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).contains("CSRF token");
    }

    @Test
    void showsBrowsersAnHtmlPageForAddressesThatNameNoPage() {
        for (String address : List.of(
                "/nonsense",
                "/favicon.ico",
                "/s/no-such-study",
                STUDY + "/no-such-page",
                STUDY + "/sections/two",
                "/s/no-such-study/sections/1/more")) {
            var page = PageClient.on(port).get(address);
            assertThat(page.status()).as(address).isEqualTo(404);
            assertThat(page.contentType()).as(address).startsWith("text/html");
            assertThat(page.body())
                    .as(address)
                    .contains(
                            "<html lang=\"en\"", "<h1>Page not found</h1>", "href=\"/waymark.css\"", "href=\"/resume\"")
                    .doesNotContain("Exception", "org.springframework", "Whitelabel");
            assertThat(page.headers().firstValue("Set-Cookie"))
                    .as(address + ": no session for an unknown address")
                    .isEmpty();
        }
    }

    @Test
    void showsBrowsersAnHtmlPageForAFormAddressOpenedAsALink() {
        var page = PageClient.on(port).get(STUDY + "/submit");
        assertThat(page.status()).isEqualTo(405);
        assertThat(page.headers().firstValue("Allow")).hasValue("POST");
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<h1>Page not found</h1>");
    }

    @Test
    void answersClientsThatDoNotAskForHtmlWithProblemDetails() {
        for (String accept : new String[] {"application/json", "*/*", null}) {
            for (String address : List.of("/nonsense", STUDY + "/no-such-page")) {
                var reply = PageClient.on(port).get(address, accept);
                assertThat(reply.status()).as(address + " " + accept).isEqualTo(404);
                assertThat(reply.contentType()).as(address + " " + accept).startsWith("application/problem+json");
                assertThat(reply.body())
                        .as(address + " " + accept)
                        .contains("\"detail\":\"There is nothing at this address.")
                        .doesNotContain("Exception", "static resource");
            }
        }
    }

    @Test
    void keepsProblemDetailsForTheApiEvenWhenABrowserAsks() {
        var reply = TestApi.on(port)
                .asAdmin()
                .sendBytes("GET", "/api/nothing-here", null, null, "Accept", PageClient.BROWSER_ACCEPT);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");

        var anonymous = PageClient.on(port).get("/api/nothing-here");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        var actuator = PageClient.on(port).get("/actuator/env");
        assertThat(actuator.contentType()).startsWith("application/problem+json");
    }
}
