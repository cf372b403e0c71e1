package org.waymark.survey.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.robustness.FaultInjection.Fault;
import org.waymark.survey.studies.TestDefinitions;

/**
 * Faults injected at the JDBC layer, under a submission, an edit of a draft, a withdrawal and an
 * import, all through the HTTP API on the real embedded MariaDB. For every k, the k-th statement a
 * request runs fails; then the commit is refused, and then the commit succeeds but its reply is lost.
 * A failure is never answered with a 2xx, only with Problem Details that name no exception or SQL,
 * and the tables are left exactly as before, or, when only the commit's reply was lost, with the whole
 * change. After each run of failures the same request, sent again, succeeds.
 */
@WaymarkIntegrationTest
@Import(FaultInjection.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTests {

    private static final String STUDY = "fault-study";
    private static final String RESPONSES = "/api/studies/" + STUDY + "/responses";
    private static final List<String> TABLES = List.of(
            "participant", "response", "answer", "consent", "index_outbox", "response_import", "audit_event", "coding");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi api;

    @BeforeAll
    void publishTheStudy() {
        api = TestApi.on(port);
        TestApi admin = api.asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        assertThat(admin.post("/api/studies/" + STUDY + "/publish", "").status())
                .isEqualTo(200);
    }

    @AfterEach
    void disarm() {
        FaultInjection.disarm();
    }

    private static String submission(boolean submit, String text) {
        return """
                {"consent": {"version": "1", "agreed": ["take_part"]},
                 "answers": {"adult": "yes", "ethnicity": "black_caribbean", "ever_detained": "yes",
                             "detained_sections": ["s2", "s37"], "support_medication": "a_lot",
                             "recovery_meaning": "%s"},
                 "submit": %s}""".formatted(text, submit);
    }

    /** Every table a request may write, counted, and the rows of one response, in full. */
    private Map<String, Object> state(String responseId) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String table : TABLES) {
            state.put(
                    table,
                    jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        if (responseId != null) {
            state.put(
                    "its status",
                    jdbc.sql("""
                            SELECT CONCAT_WS('|', status, COALESCE(receipt_code_hash, '-'), COALESCE(resume_code_hash, '-'),
                                              COALESCE(withdrawn_at, '-'))
                            FROM response WHERE pseudonym = ?""").param(responseId).query(String.class).single());
            state.put(
                    "its answers",
                    jdbc.sql("""
                            SELECT CONCAT(a.question_id, '=', a.kind, ':', COALESCE(a.value, '')) FROM answer a
                            JOIN response r ON r.id = a.response_id WHERE r.pseudonym = ? ORDER BY a.question_id""").param(responseId).query(String.class).list());
            state.put(
                    "its consent",
                    jdbc.sql("""
                            SELECT c.statements_agreed FROM consent c JOIN response r ON r.id = c.response_id
                            WHERE r.pseudonym = ?""").param(responseId).query(String.class).list());
        }
        return state;
    }

    /**
     * Fails the 1st, 2nd, ... statement of {@code request} in turn until a run reaches none, and returns
     * how many statements the request ran. Each failure must leave {@code responseId}'s rows and every
     * table's count as they were; the last run, with no failure, must succeed.
     */
    private int failEveryStatement(String responseId, Supplier<TestApi.Reply> request, int success) {
        for (int k = 1; k < 100; k++) {
            Map<String, Object> before = state(responseId);
            FaultInjection.Plan plan = FaultInjection.arm(Fault.STATEMENT, k);
            TestApi.Reply reply = request.get();
            FaultInjection.disarm();
            if (!plan.fired()) {
                assertThat(reply.status()).as("with no fault left to reach").isEqualTo(success);
                System.out.printf("  %d statements, each failed in turn%n", k - 1);
                return k - 1;
            }
            assertRefusedPlainly(reply, "statement " + k);
            assertThat(state(responseId)).as("after statement %d failed", k).isEqualTo(before);
        }
        throw new AssertionError("the request ran more than 100 statements");
    }

    /** The commit refused: nothing changes. */
    private void refuseTheCommit(String responseId, Supplier<TestApi.Reply> request) {
        Map<String, Object> before = state(responseId);
        FaultInjection.Plan plan = FaultInjection.arm(Fault.COMMIT_REFUSED, 1);
        TestApi.Reply reply = request.get();
        FaultInjection.disarm();
        assertThat(plan.fired()).isTrue();
        assertRefusedPlainly(reply, "a refused commit");
        assertThat(state(responseId)).isEqualTo(before);
    }

    /** The commit made but its reply lost: the client is told it failed, though the change is whole. */
    private TestApi.Reply loseTheCommitsReply(Supplier<TestApi.Reply> request) {
        FaultInjection.Plan plan = FaultInjection.arm(Fault.COMMIT_LOST, 1);
        TestApi.Reply reply = request.get();
        FaultInjection.disarm();
        assertThat(plan.fired()).isTrue();
        assertRefusedPlainly(reply, "a lost commit reply");
        return reply;
    }

    private static void assertRefusedPlainly(TestApi.Reply reply, String fault) {
        assertThat(reply.status()).as("the reply to %s", fault).isGreaterThanOrEqualTo(400);
        assertThat(reply.contentType()).as("the reply to %s", fault).startsWith("application/problem+json");
        assertThat(reply.body())
                .as("the reply to %s", fault)
                .doesNotContain("Exception", "SQL", "injected", "java.", "org.", "\tat ");
    }

    @Test
    void aSubmissionIsStoredWholeOrNotAtAll() {
        String key = UUID.randomUUID().toString();
        String body = submission(true, "Synthetic answer about hope.");
        Supplier<TestApi.Reply> submit = () -> api.postWithKey(RESPONSES, key, body);
        String otherKey = UUID.randomUUID().toString();
        refuseTheCommit(null, () -> api.postWithKey(RESPONSES, otherKey, body));
        System.out.println("Submission:");
        int statements = failEveryStatement(null, submit, 201);
        assertThat(statements).isGreaterThanOrEqualTo(5);

        String lostKey = UUID.randomUUID().toString();
        Map<String, Object> before = state(null);
        loseTheCommitsReply(() -> api.postWithKey(RESPONSES, lostKey, body));
        var again = api.postWithKey(RESPONSES, lostKey, body);
        assertThat(again.status())
                .as("the same request again is answered from what was stored")
                .isEqualTo(201);
        Map<String, Object> after = state(again.json().get("responseId").asString());
        assertThat(after.get("its answers"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .hasSize(6);
        assertThat(after.get("its status")).asString().startsWith("submitted|");
        assertThat((long) after.get("answer") - (long) before.get("answer")).isEqualTo(6);
    }

    @Test
    void anEditOfADraftChangesEverythingOrNothing() {
        var draft = api.postWithKey(RESPONSES, UUID.randomUUID().toString(), submission(false, "First thoughts."));
        assertThat(draft.status()).isEqualTo(201);
        String responseId = draft.json().get("responseId").asString();
        String resume = draft.json().get("resumeCode").asString();
        String change = """
                {"answers": {"ethnicity": "white_british", "ever_detained": "no", "detained_sections": null,
                             "recovery_meaning": "Second thoughts."}}""";
        Supplier<TestApi.Reply> edit = () -> api.send("PATCH", "/api/responses/" + resume, "application/json", change);
        refuseTheCommit(responseId, edit);
        System.out.println("Edit of a draft:");
        failEveryStatement(responseId, edit, 200);

        String back = """
                {"answers": {"ethnicity": "black_african", "ever_detained": "yes", "detained_sections": ["s3"],
                             "recovery_meaning": "Third thoughts."}}""";
        loseTheCommitsReply(() -> api.send("PATCH", "/api/responses/" + resume, "application/json", back));
        assertThat(state(responseId).get("its answers"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly(
                        "adult=code:yes",
                        "detained_sections=codes:s3",
                        "ethnicity=code:black_african",
                        "ever_detained=code:yes",
                        "recovery_meaning=text:Third thoughts.",
                        "support_medication=code:a_lot");
    }

    @Test
    void aWithdrawalRemovesEverythingOrNothing() {
        var submitted = api.postWithKey(RESPONSES, UUID.randomUUID().toString(), submission(true, "To withdraw."));
        String responseId = submitted.json().get("responseId").asString();
        String receipt = submitted.json().get("receiptCode").asString();
        Supplier<TestApi.Reply> withdraw = () -> api.send("DELETE", "/api/responses/" + receipt, null, null);
        refuseTheCommit(responseId, withdraw);
        System.out.println("Withdrawal:");
        failEveryStatement(responseId, withdraw, 204);
        assertWithdrawn(responseId);

        var another = api.postWithKey(RESPONSES, UUID.randomUUID().toString(), submission(true, "Also to withdraw."));
        String anotherId = another.json().get("responseId").asString();
        String anotherReceipt = another.json().get("receiptCode").asString();
        loseTheCommitsReply(() -> api.send("DELETE", "/api/responses/" + anotherReceipt, null, null));
        assertWithdrawn(anotherId);
        assertThat(api.send("DELETE", "/api/responses/" + anotherReceipt, null, null)
                        .status())
                .isEqualTo(404);
    }

    private void assertWithdrawn(String responseId) {
        Map<String, Object> state = state(responseId);
        assertThat(state.get("its status")).asString().startsWith("withdrawn|-|-|");
        assertThat(state.get("its answers"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .isEmpty();
        assertThat(state.get("its consent"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .isEmpty();
    }

    @Test
    void anImportStoresEveryRowOrNone() {
        TestApi admin = api.asAdmin();
        String header =
                "consent_agreed,adult,ethnicity,ever_detained,detained_sections,support_medication,recovery_meaning\r\n";
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add("take_part,yes,white_british,yes,s2;s3,a_lot,Synthetic imported answer " + i + "\r\n");
        }
        String csv = header + String.join("", rows);
        Supplier<TestApi.Reply> importCsv = () -> admin.sendBytes(
                "POST", "/api/studies/" + STUDY + "/imports", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        refuseTheCommit(null, importCsv);
        System.out.println("Import of three rows:");
        failEveryStatement(null, importCsv, 201);

        String other = header + "take_part,yes,black_african,no,,never_had,Synthetic lost reply\r\n";
        Map<String, Object> before = state(null);
        loseTheCommitsReply(() -> admin.sendBytes(
                "POST", "/api/studies/" + STUDY + "/imports", "text/csv", other.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> after = state(null);
        assertThat((long) after.get("response") - (long) before.get("response")).isEqualTo(1);
        assertThat((long) after.get("answer") - (long) before.get("answer")).isEqualTo(5);
        assertThat((long) after.get("response_import") - (long) before.get("response_import"))
                .isEqualTo(1);
    }
}
