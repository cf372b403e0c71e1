package org.waymark.survey.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.waymark.survey.Canaries;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.WaymarkProperties;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.search.SearchIndex;
import org.waymark.survey.studies.TestDefinitions;
import tools.jackson.databind.JsonNode;

/**
 * Contact details left after submitting, end to end on the real database: kept sealed in their own
 * table, readable by the study's owners only (and audited), in no export, table, index or log as typed,
 * and deleted by withdrawal, by either route, and with the study's data.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowUpContactTests {

    private static final String STUDY = "follow-up-study";
    private static final String API = "/api/studies/" + STUDY;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SearchIndex index;

    @Autowired
    ResponseStore responses;

    @Autowired
    WaymarkProperties properties;

    @Autowired
    Environment environment;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    AuditLog audit;

    private TestApi owner;
    private TestApi researcher;

    @BeforeAll
    void publish() {
        owner = TestAccounts.signedIn(port, "follow-up-owner");
        researcher = TestAccounts.signedIn(port, "follow-up-researcher");
        var created = owner.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", STUDY))
                        .with(TestDefinitions.FOLLOW_UP)
                        .json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(owner.post(API + "/publish", "").status()).isEqualTo(200);
        assertThat(owner.put(API + "/roles/follow-up-researcher", "{\"role\": \"researcher\"}")
                        .status())
                .isEqualTo(200);
    }

    /** A participant's journey through the pages to the thank-you page, with a canary in the free text. */
    private record Submitted(PageClient browser, PageClient.Page thanks, String receiptCode, String responseId) {}

    private Submitted submitThroughThePages(String study, String text) {
        PageClient browser = PageClient.on(port);
        String base = "/s/" + study;
        String next = browser.post(base + "/start", browser.get(base).csrfToken(), List.of())
                .location();
        next = send(browser, next, List.of(Map.entry("q_adult", "yes")));
        next = send(browser, next, List.of(Map.entry("agreed", "take_part")));
        next = send(browser, next, List.of(Map.entry("q_adult", "yes"), Map.entry("q_ethnicity", "white_british")));
        next = send(browser, next, List.of(Map.entry("q_recovery_meaning", text), Map.entry("action", "continue")));
        var thanks = browser.post(base + "/submit", browser.get(next).csrfToken(), List.of());
        assertThat(thanks.status()).isEqualTo(200);
        var receipt = java.util.regex.Pattern.compile("id=\"receipt-code\">([a-z-]+)<")
                .matcher(thanks.body());
        assertThat(receipt.find()).isTrue();
        String responseId =
                jdbc.sql("""
                        SELECT r.pseudonym FROM response r JOIN answer a ON a.response_id = r.id
                        WHERE a.value LIKE ?""").param("%" + text + "%").query(String.class).single();
        return new Submitted(browser, thanks, receipt.group(1), responseId);
    }

    private static String send(PageClient browser, String path, List<Map.Entry<String, String>> fields) {
        var sent = browser.post(path, browser.get(path).csrfToken(), fields);
        assertThat(sent.status()).as(path).isEqualTo(302);
        return sent.location();
    }

    private PageClient.Page leave(Submitted submitted, String contact, String csrfToken) {
        return submitted
                .browser()
                .post("/s/" + STUDY + "/follow-up", csrfToken, List.of(Map.entry("contact", contact)));
    }

    @Test
    void keepsContactDetailsSealedApartFromTheAnswersUntilTheParticipantWithdraws() {
        String canary = Canaries.next();
        String contact = canary + "@example.org";
        Submitted submitted = submitThroughThePages(STUDY, "Being listened to " + Canaries.next());
        assertThat(submitted.thanks().body())
                .contains(
                        "Would you like the study team to contact you again?",
                        "short follow-up interview",
                        "kept apart from your answers",
                        "deleted with your answers");

        var refused = leave(submitted, "not an address", submitted.thanks().csrfToken());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("There is a problem", "Enter a phone number of 7 to 15 digits");
        var kept = leave(submitted, contact, refused.csrfToken());
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.body()).contains("Your contact details have been kept");
        assertThat(leave(submitted, contact, refused.csrfToken()).status())
                .as("the offer is used up once details are left")
                .isEqualTo(400);

        long responseKey = responseKey(submitted.responseId());
        assertThat(count("SELECT COUNT(*) FROM follow_up_contact WHERE response_id = ?", responseKey))
                .isEqualTo(1);
        index.applyPending();
        assertThat(Canaries.tablesContaining(jdbc, canary))
                .as("no table holds it as typed")
                .isEmpty();
        assertThat(Canaries.filesContaining(properties.dataDir().resolve("search-index"), canary))
                .isEmpty();
        for (String export : List.of(
                "/export.csv", "/text.csv", "/export.R", "/export.sps", "/analysis", "/quotes", "/report.html")) {
            var reply = owner.get(API + export);
            assertThat(reply.status()).as(export).isEqualTo(200);
            assertThat(reply.body()).as(export).doesNotContain(canary);
        }
        assertThat(owner.get(API + "/search?q=" + canary).json().get("total").asInt())
                .isZero();

        var read = owner.get(API + "/contacts");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode contacts = read.json().get("contacts");
        assertThat(contacts.valueStream().map(entry -> entry.get("contact").asString()))
                .contains(contact);
        assertThat(read.json().get("purpose").asString()).contains("follow-up interview");
        assertThat(read.body()).doesNotContain(submitted.responseId());
        assertThat(researcher.get(API + "/contacts").status()).as("owners only").isEqualTo(403);
        assertThat(TestApi.on(port).asAdmin().get(API + "/contacts").status())
                .as("not the site admin either")
                .isEqualTo(403);
        JsonNode audit = owner.get(API + "/audit").json().get("items").get(0);
        assertThat(audit.get("action").asString()).isEqualTo("contacts.read");
        assertThat(audit.get("actor").asString()).isEqualTo("follow-up-owner");
        assertThat(audit.toString()).doesNotContain(canary);
        assertThat(Canaries.logContains(environment, canary)).as("log").isFalse();

        var withdraw = submitted.browser().get("/withdraw");
        assertThat(submitted
                        .browser()
                        .post(
                                "/withdraw",
                                withdraw.csrfToken(),
                                List.of(Map.entry("code", submitted.receiptCode()), Map.entry("confirmed", "true")))
                        .status())
                .isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM follow_up_contact WHERE response_id = ?", responseKey))
                .isZero();
        assertThat(owner.get(API + "/contacts").body()).doesNotContain(canary);
        assertThat(Canaries.tablesContaining(jdbc, canary)).isEmpty();
    }

    @Test
    void aResearcherWithdrawingOnRequestDeletesTheContactToo() {
        Submitted submitted = submitThroughThePages(STUDY, "Kind staff " + Canaries.next());
        assertThat(leave(submitted, "07700 900123", submitted.thanks().csrfToken())
                        .status())
                .isEqualTo(200);
        long responseKey = responseKey(submitted.responseId());
        assertThat(count("SELECT COUNT(*) FROM follow_up_contact WHERE response_id = ?", responseKey))
                .isEqualTo(1);
        assertThat(researcher
                        .post(API + "/responses/" + submitted.responseId() + "/withdraw", "")
                        .status())
                .isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM follow_up_contact WHERE response_id = ?", responseKey))
                .isZero();
    }

    @Test
    void aValueMovedToAnotherResponsesRowCannotBeOpened() {
        Submitted first = submitThroughThePages(STUDY, "First " + Canaries.next());
        Submitted second = submitThroughThePages(STUDY, "Second " + Canaries.next());
        assertThat(leave(first, "moved@example.org", first.thanks().csrfToken()).status())
                .isEqualTo(200);
        assertThat(leave(second, "stays@example.org", second.thanks().csrfToken())
                        .status())
                .isEqualTo(200);
        // Someone with write access to the database copies one participant's sealed value onto another's row.
        jdbc.sql("""
                        UPDATE follow_up_contact t JOIN follow_up_contact s ON s.response_id = ?
                        SET t.sealed = s.sealed WHERE t.response_id = ?""")
                .params(responseKey(first.responseId()), responseKey(second.responseId()))
                .update();
        var read = owner.get(API + "/contacts").json();
        assertThat(read.get("unreadable").asInt()).isEqualTo(1);
        assertThat(read.get("contacts")
                        .valueStream()
                        .map(entry -> entry.get("contact").asString()))
                .containsOnlyOnce("moved@example.org")
                .doesNotContain("stays@example.org");
        jdbc.sql("DELETE FROM follow_up_contact WHERE response_id = ?")
                .param(responseKey(second.responseId()))
                .update();
    }

    @Test
    void theIntakeApiTakesNoContactDetailsAndStoresNothingWhenSentSome() {
        long before = count("SELECT COUNT(*) FROM response WHERE study_id = ?", STUDY);
        String canary = Canaries.next();
        var refused = TestApi.on(port)
                .postWithKey(API + "/responses", java.util.UUID.randomUUID().toString(), """
                {"consent": {"version": "1", "agreed": ["take_part"]},
                 "answers": {"adult": "yes"}, "contact": "%s@example.org", "submit": true}""".formatted(canary));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(count("SELECT COUNT(*) FROM response WHERE study_id = ?", STUDY))
                .isEqualTo(before);
        assertThat(Canaries.tablesContaining(jdbc, canary)).isEmpty();
    }

    @Test
    void aStudyWithoutFollowUpOffersNoFormAndRefusesOne() {
        String plain = "follow-up-not-offered";
        owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", plain)).json());
        assertThat(owner.post("/api/studies/" + plain + "/publish", "").status())
                .isEqualTo(200);
        Submitted submitted = submitThroughThePages(plain, "No follow-up " + Canaries.next());
        assertThat(submitted.thanks().body()).doesNotContain("contact you again", "name=\"contact\"");
        var refused = submitted
                .browser()
                .post(
                        "/s/" + plain + "/follow-up",
                        submitted.browser().get("/withdraw").csrfToken(),
                        List.of(Map.entry("contact", "someone@example.org")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("This page is no longer open");
        assertThat(count("SELECT COUNT(*) FROM follow_up_contact WHERE study_id = ?", plain))
                .isZero();
    }

    @Test
    void deletingAStudysDataDeletesItsContacts() {
        String retained = "follow-up-retention";
        owner.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", retained))
                        .with(TestDefinitions.FOLLOW_UP)
                        .json());
        assertThat(owner.post("/api/studies/" + retained + "/publish", "").status())
                .isEqualTo(200);
        Submitted submitted = submitThroughThePages(retained, "Retained " + Canaries.next());
        assertThat(submitted
                        .browser()
                        .post(
                                "/s/" + retained + "/follow-up",
                                submitted.thanks().csrfToken(),
                                List.of(Map.entry("contact", "retained@example.org")))
                        .status())
                .isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM follow_up_contact WHERE study_id = ?", retained))
                .isEqualTo(1);
        // What StudyRetention runs once a study's retainDataUntil has passed (StudyRetentionTests).
        responses.deleteAllOfStudy(retained, LocalDateTime.now());
        assertThat(count("SELECT COUNT(*) FROM follow_up_contact WHERE study_id = ?", retained))
                .isZero();
    }

    @Test
    void reSealsValuesUnderAnEarlierKeyWithTheCurrentOneAfterARotation() throws Exception {
        Submitted submitted = submitThroughThePages(STUDY, "Rotation " + Canaries.next());
        assertThat(leave(submitted, "rotated@example.org", submitted.thanks().csrfToken())
                        .status())
                .isEqualTo(200);
        long row = responseKey(submitted.responseId());
        byte[] applicationKey = Base64.getDecoder()
                .decode(Files.readString(properties.dataDir().resolve(ContactKeyConfiguration.DEVELOPMENT_KEY_FILE))
                        .strip());
        byte[] newKey = new byte[ContactKeys.KEY_BYTES];
        new SecureRandom().nextBytes(newKey);
        assertThat(keyIdOf(row)).isEqualTo(ContactKeys.idOf(applicationKey));

        // The new key is current, the application's is listed as an earlier one.
        ContactCipher rotated = new ContactCipher(ContactKeys.of(newKey, List.of(applicationKey)), new SecureRandom());
        assertThat(new ContactKeyRotation(jdbc, rotated, transaction, audit).resealWithCurrentKey())
                .isGreaterThanOrEqualTo(1);
        assertThat(keyIdOf(row)).isEqualTo(ContactKeys.idOf(newKey));
        assertThat(count("SELECT COUNT(*) FROM follow_up_contact WHERE key_id = ?", ContactKeys.idOf(applicationKey)))
                .as("nothing is left under the earlier key")
                .isZero();
        byte[] sealed = jdbc.sql("SELECT sealed FROM follow_up_contact WHERE response_id = ?")
                .param(row)
                .query(byte[].class)
                .single();
        assertThat(rotated.open(new ContactCipher.Sealed(ContactKeys.idOf(newKey), sealed), STUDY, row))
                .isEqualTo("rotated@example.org");
        assertThat(new ContactKeyRotation(jdbc, rotated, transaction, audit).resealWithCurrentKey())
                .as("a second run finds nothing to do")
                .isZero();

        // Back to the application's key, so the rest of the run reads what it wrote.
        ContactCipher back = new ContactCipher(ContactKeys.of(applicationKey, List.of(newKey)), new SecureRandom());
        new ContactKeyRotation(jdbc, back, transaction, audit).resealWithCurrentKey();
        assertThat(keyIdOf(row)).isEqualTo(ContactKeys.idOf(applicationKey));
        assertThat(owner.get(API + "/contacts").body()).contains("rotated@example.org");
    }

    private String keyIdOf(long responseRow) {
        return jdbc.sql("SELECT key_id FROM follow_up_contact WHERE response_id = ?")
                .param(responseRow)
                .query(String.class)
                .single();
    }

    @Test
    void theDevelopmentKeyFileIsForItsOwnerOnly() throws Exception {
        Path key = properties.dataDir().resolve(ContactKeyConfiguration.DEVELOPMENT_KEY_FILE);
        assertThat(java.nio.file.Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void withoutAKeyStartUpIsRefusedWhileAStudyOffersFollowUp() {
        var check = new FollowUpKeyCheck(ContactKeys.none(), jdbc);
        org.assertj.core.api.Assertions.assertThatThrownBy(check::afterPropertiesSet)
                .isInstanceOf(ContactKeyException.class)
                .hasMessageContaining(STUDY)
                .hasMessageContaining("WAYMARK_CONTACT_KEY");
        assertThat(FollowUpKeyCheck.studiesOfferingFollowUp(jdbc)).doesNotContain("cpa-recovery", "cpa-recovery-demo");
    }

    private long responseKey(String pseudonym) {
        return jdbc.sql("SELECT id FROM response WHERE pseudonym = ?")
                .param(pseudonym)
                .query(Long.class)
                .single();
    }

    private long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }
}
