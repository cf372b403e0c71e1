package org.waymark.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.search.SearchIndex;
import org.waymark.survey.studies.TestDefinitions;

/**
 * Sends answers holding canary words through every way in (the intake API, drafts, the participant
 * pages, contact details for follow-up and their reading, imports, search, coding and quotes,
 * withdrawal), valid and refused, then reads the log file the
 * whole test run writes ({@code logging.file.name}, Waymark at debug): no canary may be in it. Codes a
 * participant holds are checked the same way.
 */
@WaymarkIntegrationTest
class LogCanaryTests {

    private static final String STUDY = "log-canary-study";
    private static final String API = "/api/studies/" + STUDY;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SearchIndex index;

    @Autowired
    Environment environment;

    private final List<String> planted = new ArrayList<>();

    @Test
    void noAnswerTextOrCodeReachesTheLog() throws Exception {
        TestApi admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", STUDY))
                        .with(TestDefinitions.FOLLOW_UP)
                        .json());
        admin.post(API + "/publish", "");
        admin.post(API + "/themes/frames/cpa-study-themes", "");
        TestApi anyone = TestApi.on(port);

        // The intake API: a submission, a draft changed and submitted, and refusals that quote nothing.
        String submittedText = plant();
        var receipt = anyone.postWithKey(API + "/responses", UUID.randomUUID().toString(), body(submittedText, true));
        assertThat(receipt.status()).isEqualTo(201);
        var draft = anyone.postWithKey(API + "/responses", UUID.randomUUID().toString(), body(plant(), false));
        String resumeCode = draft.json().get("resumeCode").asString();
        planted.add(resumeCode);
        assertThat(anyone.send("PATCH", "/api/responses/" + resumeCode, "application/json", """
                        {"answers": {"recovery_meaning": "%s"}}""".formatted(plant()))
                        .status())
                .isEqualTo(200);
        assertThat(anyone.post("/api/responses/" + resumeCode + "/submit", "").status())
                .isEqualTo(200);
        String tooLong = plant() + " " + "x".repeat(4001);
        assertThat(anyone.postWithKey(API + "/responses", UUID.randomUUID().toString(), body(tooLong, true))
                        .status())
                .isIn(400, 422);
        assertThat(anyone.postWithKey(API + "/responses", UUID.randomUUID().toString(), """
                        {"consent": {"version": "1", "agreed": ["take_part"]},
                         "answers": {"adult": "yes", "ethnicity": "%s"}, "submit": true}""".formatted(plant()))
                        .status())
                .isIn(400, 422);
        assertThat(anyone.postWithKey(API + "/responses", UUID.randomUUID().toString(), "{\"" + plant() + "\": [")
                        .status())
                .isEqualTo(400);
        assertThat(anyone.get("/api/responses/" + plant()).status()).isEqualTo(404);

        // The participant pages, start to finish, with a refused over-long answer on the way.
        journeyThroughThePages(plant(), plant());

        // Contact details read by the study's owner (the admin, who uploaded it).
        var contacts = admin.get(API + "/contacts");
        assertThat(contacts.status()).isEqualTo(200);
        assertThat(contacts.body()).contains(planted.get(planted.size() - 1));

        // An import, with a bad row.
        String csv = "consent_agreed,adult,ethnicity,recovery_meaning\r\n" + "take_part,yes,white_british," + plant()
                + "\r\n" + "take_part,yes," + plant() + ",text\r\n";
        assertThat(admin.sendBytes("POST", API + "/imports", "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isIn(201, 400, 422);

        // Search, coding and a quote.
        index.applyPending();
        assertThat(admin.get(API + "/search?q=" + submittedText)
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(admin.get(API + "/search?q=" + plant() + "+AND+(").status()).isEqualTo(400);
        String responseId = receipt.json().get("responseId").asString();
        assertThat(admin.post(API + "/coding", """
                        {"responseId": "%s", "question": "recovery_meaning", "theme": "warmth"}""".formatted(responseId)).status())
                .isEqualTo(201);

        // Withdrawal by receipt code, through the page.
        String receiptCode = receipt.json().get("receiptCode").asString();
        planted.add(receiptCode);
        PageClient browser = PageClient.on(port);
        var form = browser.get("/withdraw");
        assertThat(browser.post(
                                "/withdraw",
                                form.csrfToken(),
                                List.of(Map.entry("code", receiptCode), Map.entry("confirmed", "true")))
                        .status())
                .isEqualTo(200);

        assertThat(Canaries.tablesContaining(jdbc, planted.getFirst()))
                .as("withdrawn")
                .isEmpty();
        String log = Files.readString(Canaries.logFile(environment), StandardCharsets.UTF_8);
        assertThat(log).as("the log is being written").contains("Started ");
        for (String canary : planted) {
            assertThat(log).as("the log").doesNotContain(canary);
        }
    }

    private void journeyThroughThePages(String text, String refusedText) {
        PageClient browser = PageClient.on(port);
        String study = "/s/" + STUDY;
        var information = browser.get(study);
        String next = browser.post(study + "/start", information.csrfToken(), List.of())
                .location();
        next = send(browser, next, List.of(Map.entry("q_adult", "yes")));
        next = send(browser, next, List.of(Map.entry("agreed", "take_part")));
        next = send(browser, next, List.of(Map.entry("q_adult", "yes"), Map.entry("q_ethnicity", "white_british")));
        var refused = browser.post(
                next,
                browser.get(next).csrfToken(),
                List.of(
                        Map.entry("q_recovery_meaning", refusedText + " " + "y".repeat(4001)),
                        Map.entry("action", "continue")));
        assertThat(refused.status())
                .as("an over-long answer is refused on its page")
                .isEqualTo(200);
        next = send(browser, next, List.of(Map.entry("q_recovery_meaning", text), Map.entry("action", "continue")));
        var review = browser.get(next);
        var thanks = browser.post(study + "/submit", review.csrfToken(), List.of());
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(Canaries.tablesContaining(jdbc, text)).containsExactly("answer.value");

        // Contact details for follow-up: one refused, then one kept (sealed, so in no table as typed).
        var refusedContact = browser.post(
                study + "/follow-up", thanks.csrfToken(), List.of(Map.entry("contact", plant() + " at home")));
        assertThat(refusedContact.status()).isEqualTo(400);
        String contact = plant() + "@example.org";
        var kept =
                browser.post(study + "/follow-up", refusedContact.csrfToken(), List.of(Map.entry("contact", contact)));
        assertThat(kept.status()).isEqualTo(200);
        assertThat(Canaries.tablesContaining(jdbc, contact)).isEmpty();
    }

    /** Opens a form page, sends it, and returns where it leads. */
    private static String send(PageClient browser, String path, List<Map.Entry<String, String>> fields) {
        var page = browser.get(path);
        var sent = browser.post(path, page.csrfToken(), fields);
        assertThat(sent.status()).as(path).isEqualTo(302);
        return sent.location();
    }

    private String plant() {
        String canary = Canaries.next();
        planted.add(canary);
        return canary;
    }

    private static String body(String text, boolean submit) {
        return """
                {"consent": {"version": "1", "agreed": ["take_part", "quote_me"]},
                 "answers": {"adult": "yes", "ethnicity": "white_british", "recovery_meaning": "%s"},
                 "submit": %s}""".formatted(text, submit);
    }
}
