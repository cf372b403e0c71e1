package org.waymark.survey.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.Canaries;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.WaymarkProperties;
import org.waymark.survey.search.SearchIndex;
import org.waymark.survey.studies.TestDefinitions;
import tools.jackson.databind.JsonNode;

/**
 * Withdrawal, by the participant's receipt code or by a researcher on the participant's request: the
 * answers leave every table, the index files and the log, only a minimal record stays, and the old
 * Idempotency-Key never brings them back.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithdrawalTests {

    private static final String STUDY = "withdrawal-study";
    private static final String API = "/api/studies/" + STUDY;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SearchIndex index;

    @Autowired
    WaymarkProperties properties;

    @Autowired
    Environment environment;

    private TestApi admin;

    @BeforeAll
    void publish() {
        admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        assertThat(admin.post(API + "/publish", "").status()).isEqualTo(200);
        assertThat(admin.post(API + "/themes/frames/cpa-study-themes", "").status())
                .isEqualTo(201);
    }

    @Test
    void aResearcherWithdrawsOnRequestAndTheCanaryIsFoundNowhere() {
        String canary = Canaries.next();
        String key = UUID.randomUUID().toString();
        String body = submission("Kind staff " + canary + " listened to me.");
        TestApi.Reply submitted = TestApi.on(port).postWithKey(API + "/responses", key, body);
        assertThat(submitted.status()).isEqualTo(201);
        String responseId = submitted.json().get("responseId").asString();
        index.applyPending();

        var coded = admin.post(API + "/coding", """
                {"responseId": "%s", "question": "recovery_meaning", "theme": "warmth", "start": 0, "end": 10}""".formatted(responseId));
        assertThat(coded.status()).isEqualTo(201);
        JsonNode quotes = admin.get(API + "/quotes?theme=warmth").json();
        long quoteId = quotes.valueStream()
                .filter(quote -> quote.get("text").asString().equals("Kind staff"))
                .findFirst()
                .orElseThrow()
                .get("quoteId")
                .asLong();
        assertThat(admin.post(API + "/quotes/" + quoteId + "/approve", """
                        {"text": "Kind staff [%s]"}""".formatted(canary))
                        .status())
                .isEqualTo(200);

        assertThat(Canaries.tablesContaining(jdbc, canary))
                .as("the check sees the canary while it is stored")
                .containsExactlyInAnyOrder("answer.value", "quote.redacted_text");
        assertThat(Canaries.filesContaining(indexFolder(), canary))
                .as("and while it is indexed")
                .isNotEmpty();

        TestApi.Reply withdrawn = admin.post(API + "/responses/" + responseId + "/withdraw", "");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("withdrawn");
        assertThat(withdrawn.json().get("withdrawnNow").asBoolean()).isTrue();
        index.applyPending();

        assertThat(Canaries.tablesContaining(jdbc, canary)).as("tables").isEmpty();
        assertThat(Canaries.filesContaining(indexFolder(), canary))
                .as("index files")
                .isEmpty();
        assertThat(Canaries.logContains(environment, canary)).as("log").isFalse();
        assertThat(admin.get(API + "/search?q=" + canary).json().get("total").asInt())
                .isZero();

        long id = responseKey(responseId);
        assertThat(count("SELECT COUNT(*) FROM answer WHERE response_id = ?", id))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM consent WHERE response_id = ?", id))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM coding WHERE response_id = ?", id))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM response WHERE id = ? AND status = 'withdrawn' AND withdrawn_at IS NOT"
                                + " NULL AND request_sha256 IS NULL AND receipt_code_hash IS NULL"
                                + " AND idempotency_key LIKE 'withdrawn:%'",
                        id))
                .as("the minimal record: that it existed and when it was withdrawn")
                .isEqualTo(1);
        JsonNode entry = admin.get(API + "/audit").json().get("items").get(0);
        assertThat(entry.get("action").asString()).isEqualTo("response.withdrawn");
        assertThat(entry.get("actor").asString()).isEqualTo("admin");
        assertThat(entry.get("target").asString()).isEqualTo(responseId);
        assertThat(entry.get("detail").asString()).contains("participant's request");

        assertThat(admin.post(API + "/responses/" + responseId + "/withdraw", "")
                        .json()
                        .get("withdrawnNow")
                        .asBoolean())
                .as("a second request changes nothing")
                .isFalse();

        TestApi.Reply replayed = TestApi.on(port).postWithKey(API + "/responses", key, body);
        assertThat(replayed.status())
                .as("the old key must not store the answers again")
                .isEqualTo(409);
        assertThat(replayed.json().get("detail").asString()).contains("was withdrawn");
        assertThat(Canaries.tablesContaining(jdbc, canary)).isEmpty();
    }

    @Test
    void aParticipantsWithdrawalAlsoRetiresTheirIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String body = submission("Being heard.");
        TestApi.Reply submitted = TestApi.on(port).postWithKey(API + "/responses", key, body);
        String receipt = submitted.json().get("receiptCode").asString();
        assertThat(TestApi.on(port)
                        .send("DELETE", "/api/responses/" + receipt, "application/json", "")
                        .status())
                .isEqualTo(204);
        long before = count("SELECT COUNT(*) FROM response WHERE study_id = ?", STUDY);

        assertThat(TestApi.on(port).postWithKey(API + "/responses", key, body).status())
                .isEqualTo(409);
        assertThat(count("SELECT COUNT(*) FROM response WHERE study_id = ?", STUDY))
                .isEqualTo(before);
        assertThat(TestApi.on(port)
                        .postWithKey(API + "/responses", UUID.randomUUID().toString(), body)
                        .status())
                .as("taking part again with a new key is allowed")
                .isEqualTo(201);
    }

    @Test
    void aResearcherCanWithdrawOnlyAResponseOfTheStudyNamed() {
        assertThat(admin.post(API + "/responses/NO-SUCH-RESPONSE/withdraw", "").status())
                .isEqualTo(404);
        String otherStudy = "withdrawal-other-study";
        admin.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", otherStudy))
                        .json());
        admin.post("/api/studies/" + otherStudy + "/publish", "");
        String otherResponse = TestApi.on(port)
                .postWithKey(
                        "/api/studies/" + otherStudy + "/responses",
                        UUID.randomUUID().toString(),
                        submission("Another study's answer."))
                .json()
                .get("responseId")
                .asString();
        TestApi.Reply refused = admin.post(API + "/responses/" + otherResponse + "/withdraw", "");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("detail").asString()).contains("has no response");
        assertThat(TestApi.on(port)
                        .post(API + "/responses/" + otherResponse + "/withdraw", "")
                        .status())
                .as("signed in only")
                .isEqualTo(401);
    }

    private static String submission(String text) {
        return """
                {"consent": {"version": "1", "agreed": ["take_part", "quote_me"]},
                 "answers": {"adult": "yes", "ethnicity": "black_african", "recovery_meaning": "%s"},
                 "submit": true}""".formatted(text);
    }

    private Path indexFolder() {
        return properties.dataDir().resolve("search-index");
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
