package org.waymark.survey.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.TestDefinitions;

@WaymarkIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeApiTests {

    private static final String STUDY = "intake-study";
    private static final String RESPONSES = "/api/studies/" + STUDY + "/responses";
    private static final String VALID = """
            {"consent": {"version": "1", "agreed": ["take_part", "quote_me"]},
             "answers": {"adult": "yes", "ethnicity": "black_caribbean", "ever_detained": "yes",
                         "detained_sections": ["s2", "s3"], "recovery_meaning": "Having hope again."},
             "submit": true}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi api;

    @BeforeAll
    void publishTheStudy() {
        TestApi admin = TestApi.on(port).asAdmin();
        if (admin.get("/api/studies/" + STUDY).status() == 404) {
            admin.post(
                    "/api/studies",
                    TestDefinitions.minimal()
                            .with(root -> root.put("id", STUDY))
                            .json());
            admin.post("/api/studies/" + STUDY + "/publish", "");
        }
    }

    @BeforeEach
    void client() {
        api = TestApi.on(port);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private int rows() {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM response) + (SELECT COUNT(*) FROM answer)
                             + (SELECT COUNT(*) FROM consent) + (SELECT COUNT(*) FROM participant)
                             + (SELECT COUNT(*) FROM index_outbox)""").query(Integer.class).single();
    }

    @Test
    void storesASubmissionWithItsAnswersConsentAndOutboxRow() {
        var reply = api.postWithKey(RESPONSES, key(), VALID);
        assertThat(reply.status()).isEqualTo(201);
        var json = reply.json();
        assertThat(json.get("status").asString()).isEqualTo("submitted");
        assertThat(json.get("receiptCode").asString()).matches("[a-z]+-[a-z]+-[a-z]+-[a-z]+");
        assertThat(json.has("resumeCode")).isFalse();
        String responseId = json.get("responseId").asString();
        var stored = jdbc.sql("""
                        SELECT r.status, r.source, c.statements_agreed,
                               (SELECT COUNT(*) FROM answer a WHERE a.response_id = r.id) AS answers,
                               (SELECT COUNT(*) FROM index_outbox o WHERE o.response_id = r.id) AS outbox
                        FROM response r JOIN consent c ON c.response_id = r.id WHERE r.pseudonym = ?""").param(responseId).query().singleRow();
        assertThat(stored)
                .containsEntry("status", "submitted")
                .containsEntry("source", "api")
                .containsEntry("statements_agreed", "take_part;quote_me")
                .containsEntry("answers", 5L)
                .containsEntry("outbox", 1L);
        assertThat(jdbc.sql("SELECT receipt_code_hash FROM response WHERE pseudonym = ?")
                        .param(responseId)
                        .query(String.class)
                        .single())
                .as("only the hash of the code is stored")
                .isEqualTo(AccessCodes.hash(json.get("receiptCode").asString()));
    }

    @Test
    void answersTheSameRequestWithTheSameReplyAndADifferentOneWith422() {
        String key = key();
        var first = api.postWithKey(RESPONSES, key, VALID);
        var again = api.postWithKey(RESPONSES, key, VALID);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        int before = rows();
        var different = api.postWithKey(RESPONSES, key, VALID.replace("Having hope again.", "Something else."));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.json().get("detail").asString()).contains("already used for a different response");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void storesConcurrentDuplicatesOnce(CapturedOutput output) throws Exception {
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<TestApi.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> api.postWithKey(RESPONSES, key, VALID));
            }
            Set<String> replies = new HashSet<>();
            for (Future<TestApi.Reply> reply : pool.invokeAll(calls)) {
                assertThat(reply.get().status()).isEqualTo(201);
                replies.add(reply.get().body());
            }
            assertThat(replies).as("every caller gets the one original reply").hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM response WHERE idempotency_key = ?")
                        .param(key)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        String receiptHash = jdbc.sql("SELECT receipt_code_hash FROM response WHERE idempotency_key = ?")
                .param(key)
                .query(String.class)
                .single();
        assertThat(output.getAll())
                .as("the losers' duplicate-key errors, which name the receipt code's hash, stay out of the log")
                .doesNotContain(receiptHash)
                .doesNotContain("Duplicate entry");
    }

    @Test
    void requiresAnIdempotencyKey() {
        var reply = api.post(RESPONSES, VALID);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asString()).contains("Idempotency-Key");
    }

    @Test
    void refusesAnInvalidResponseListingEveryProblemAndStoresNothing() {
        int before = rows();
        var reply = api.postWithKey(RESPONSES, key(), """
                {"consent": {"version": "1", "agreed": []},
                 "answers": {"ethnicity": "martian", "ever_detained": "no", "detained_sections": ["s2"]},
                 "submit": true}""");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json()
                        .get("errors")
                        .valueStream()
                        .map(error -> error.get("question").asString()))
                .containsExactly("consent", "adult", "ethnicity", "detained_sections");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void refusesIneligibleParticipantsKindlyAndStoresNothing() {
        int before = rows();
        var reply = api.postWithKey(RESPONSES, key(), VALID.replace("\"adult\": \"yes\"", "\"adult\": \"no\""));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("title").asString()).isEqualTo("Not eligible");
        assertThat(reply.json().get("detail").asString()).isEqualTo("Sorry, adults only.");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void savesAResumesAChangesAndSubmitsADraft() {
        var saved = api.postWithKey(RESPONSES, key(), """
                {"consent": {"version": "1", "agreed": ["take_part"]},
                 "answers": {"ethnicity": "white_british"}, "submit": false}""");
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().get("status").asString()).isEqualTo("draft");
        String resume = saved.json().get("resumeCode").asString();

        var draft = api.get(
                "/api/responses/" + resume.toUpperCase().replace('-', ' ').replace(" ", "%20"));
        assertThat(draft.status()).as("codes are read however they are typed").isEqualTo(200);
        assertThat(draft.json().get("answers").get("ethnicity").asString()).isEqualTo("white_british");
        assertThat(draft.json().get("definitionVersion").asInt()).isEqualTo(1);

        var submitTooEarly = api.send("POST", "/api/responses/" + resume + "/submit", null, null);
        assertThat(submitTooEarly.status()).isEqualTo(422);
        assertThat(submitTooEarly.json().get("errors").get(0).get("question").asString())
                .isEqualTo("adult");

        var changed = api.send(
                "PATCH",
                "/api/responses/" + resume,
                "application/json",
                "{\"answers\": {\"adult\": \"yes\", \"ethnicity\": null, \"recovery_meaning\": \"Time.\"}}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("answers").has("ethnicity")).isFalse();

        var submitted = api.send("POST", "/api/responses/" + resume + "/submit", null, null);
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.json().get("receiptCode").asString()).matches("[a-z]+(-[a-z]+){3}");
        assertThat(api.get("/api/responses/" + resume).status())
                .as("a submitted response cannot be resumed")
                .isEqualTo(404);
    }

    @Test
    void withdrawsAResponseLeavingOnlyAMinimalRecord() {
        String key = key();
        var reply = api.postWithKey(RESPONSES, key, VALID);
        String receipt = reply.json().get("receiptCode").asString();
        String responseId = reply.json().get("responseId").asString();

        assertThat(api.send("DELETE", "/api/responses/" + receipt, null, null).status())
                .isEqualTo(204);

        var left = jdbc.sql("""
                        SELECT r.status, r.withdrawn_at IS NOT NULL AS withdrawn, r.idempotency_key, r.request_sha256,
                               r.receipt_code_hash, (SELECT COUNT(*) FROM answer a WHERE a.response_id = r.id) AS answers,
                               (SELECT COUNT(*) FROM consent c WHERE c.response_id = r.id) AS consents,
                               (SELECT MAX(operation) FROM index_outbox o WHERE o.response_id = r.id
                                AND o.operation = 'delete') AS deletion
                        FROM response r WHERE r.pseudonym = ?""").param(responseId).query().singleRow();
        assertThat(left)
                .containsEntry("status", "withdrawn")
                .containsEntry("answers", 0L)
                .containsEntry("consents", 0L)
                .containsEntry("deletion", "delete");
        assertThat(left.get("idempotency_key"))
                .as("kept only as a marked hash, so the same request sent again is refused (WithdrawalTests)")
                .isEqualTo(ResponseStore.withdrawnKey(key))
                .isNotEqualTo(key);
        assertThat(left.get("request_sha256")).isNull();
        assertThat(left.get("receipt_code_hash")).isNull();
        assertThat(api.send("DELETE", "/api/responses/" + receipt, null, null).status())
                .isEqualTo(404);
    }

    @Test
    void listsResponsesPseudonymouslyForResearchersOnly() {
        api.postWithKey(RESPONSES, key(), VALID);
        assertThat(api.get(RESPONSES).status()).isEqualTo(401);
        var page = api.asAdmin().get(RESPONSES + "?status=submitted&page=0&size=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(page.json().get("items").size()).isBetween(1, 2);
        var item = page.json().get("items").get(0);
        assertThat(item.get("responseId").asString()).hasSize(26);
        assertThat(item.propertyNames())
                .containsExactlyInAnyOrder("responseId", "status", "definitionVersion", "submittedAt", "source");
        assertThat(item.get("source").asString()).as("sent through the API").isEqualTo("api");
        assertThat(api.asAdmin().get(RESPONSES + "?size=0").status()).isEqualTo(400);
        assertThat(api.asAdmin().get(RESPONSES + "?status=everything").status()).isEqualTo(400);
    }

    @Test
    void answersBadInputWithA4xxAndWritesNothing() {
        int before = rows();
        List<byte[]> bodies = List.of(
                "{\"consent\": ".getBytes(StandardCharsets.UTF_8),
                "[]".getBytes(StandardCharsets.UTF_8),
                "null".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8),
                "{\"consent\": \"yes\", \"answers\": {}, \"submit\": true}".getBytes(StandardCharsets.UTF_8),
                "{\"consent\": {\"version\": 1, \"agreed\": []}, \"answers\": {}, \"submit\": true}"
                        .getBytes(StandardCharsets.UTF_8),
                "{\"consent\": {\"version\": \"1\", \"agreed\": [\"take_part\"]}, \"answers\": [], \"submit\": true}"
                        .getBytes(StandardCharsets.UTF_8),
                VALID.replace("\"submit\": true", "\"submit\": \"yes\"").getBytes(StandardCharsets.UTF_8),
                VALID.replace("\"submit\": true", "\"submit\": true, \"admin\": true")
                        .getBytes(StandardCharsets.UTF_8),
                VALID.replace("Having hope again.", "x".repeat(5_000)).getBytes(StandardCharsets.UTF_8),
                VALID.replace("Having hope again.", "bad \u0000 byte").getBytes(StandardCharsets.UTF_8),
                invalidUtf8(),
                ("{\"consent\": {\"version\": \"1\", \"agreed\": [\"take_part\"]}, \"answers\": {\"adult\": \""
                                + "y".repeat(5 * 1024 * 1024) + "\"}, \"submit\": true}")
                        .getBytes(StandardCharsets.UTF_8));
        for (byte[] body : bodies) {
            var reply = api.sendBytes("POST", RESPONSES, "application/json", body, "Idempotency-Key", key());
            String shown = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8);
            assertThat(reply.status()).as(shown).isBetween(400, 499);
            assertThat(reply.contentType()).as(shown).startsWith("application/problem+json");
            assertThat(reply.body())
                    .as(shown)
                    .doesNotContain("Exception")
                    .doesNotContain("tools.jackson")
                    .doesNotContain("org.waymark")
                    .doesNotContain("SQL");
        }
        assertThat(rows()).isEqualTo(before);
    }

    /** Uploads and publishes a minimal study under this id; returns the admin's client. */
    private TestApi publish(String studyId) {
        TestApi admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", studyId)).json());
        admin.post("/api/studies/" + studyId + "/publish", "");
        return admin;
    }

    @Test
    void refusesResponsesToAClosedStudy() {
        String closed = "intake-closed-study";
        publish(closed).post("/api/studies/" + closed + "/close", "");
        var reply = api.postWithKey("/api/studies/" + closed + "/responses", key(), VALID);
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("detail").asString()).contains("closed");
    }

    @Test
    void repliesToARepeatWithTheOriginalReplyEvenAfterTheStudyHasClosed() {
        String closing = "intake-closing-study";
        TestApi admin = publish(closing);
        String key = key();
        var first = api.postWithKey("/api/studies/" + closing + "/responses", key, VALID);
        assertThat(first.status()).isEqualTo(201);
        admin.post("/api/studies/" + closing + "/close", "");
        int before = rows();

        var again = api.postWithKey("/api/studies/" + closing + "/responses", key, VALID);
        assertThat(again.status())
                .as("a client that never saw the first reply can still get it")
                .isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        var different = api.postWithKey(
                "/api/studies/" + closing + "/responses", key, VALID.replace("Having hope again.", "Else."));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.json().get("detail").asString()).contains("already used for a different response");
        assertThat(api.postWithKey("/api/studies/" + closing + "/responses", key(), VALID)
                        .status())
                .isEqualTo(409);
        assertThat(rows()).isEqualTo(before);
    }

    private static byte[] invalidUtf8() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        int at = VALID.indexOf("Having");
        valid[at] = (byte) 0xC3;
        valid[at + 1] = (byte) 0x28;
        return valid;
    }
}
