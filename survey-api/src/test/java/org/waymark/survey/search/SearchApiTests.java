package org.waymark.survey.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
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
import org.waymark.survey.WaymarkProperties;
import org.waymark.survey.studies.TestDefinitions;

/** The search API over the real index, fed from the real database through the change feed. */
@WaymarkIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTests {

    static final String STUDY = "search-study";
    static final String SEARCH = "/api/studies/" + STUDY + "/search";

    @LocalServerPort
    int port;

    @Autowired
    SearchIndex index;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WaymarkProperties properties;

    private TestApi admin;

    @BeforeAll
    void publishTheStudyAndSubmit() {
        admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        admin.post("/api/studies/" + STUDY + "/publish", "");
        submit("black_caribbean", "yes", "Being treated as a human being by staff who cared.");
        submit("black_african", "no", "Staff listened to me and I had a say in my care plan.");
        submit("white_british", "yes", "Only medication, nobody cared about the rest of my life.");
        submit("white_british", "no", "Getting back to work and seeing my family.");
        index.applyPending();
    }

    static String submission(String ethnicity, String detained, String text) {
        return """
                {"consent": {"version": "1", "agreed": ["take_part", "quote_me"]},
                 "answers": {"adult": "yes", "ethnicity": "%s", "ever_detained": "%s",
                             "recovery_meaning": "%s"},
                 "submit": true}""".formatted(ethnicity, detained, text);
    }

    private TestApi.Reply submit(String ethnicity, String detained, String text) {
        TestApi.Reply reply = TestApi.on(port)
                .postWithKey(
                        "/api/studies/" + STUDY + "/responses",
                        UUID.randomUUID().toString(),
                        submission(ethnicity, detained, text));
        assertThat(reply.status()).isEqualTo(201);
        return reply;
    }

    @Test
    void findsAnswersByStemWithHighlightsAndParticipantsPerGroup() {
        var json = admin.get(SEARCH + "?q=care&disclosure=internal").json();
        assertThat(json.get("total").asInt()).isEqualTo(3);
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("hits").get(0).get("highlight").asString()).contains("<mark>");
        assertThat(json.get("hits").get(0).get("question").asString()).isEqualTo("recovery_meaning");
        assertThat(json.get("hits").get(0).get("responseId").asString()).hasSize(26);
        var community = json.get("byGroup").get("community");
        assertThat(community.get("african_caribbean").asInt()).isEqualTo(2);
        assertThat(community.get("other_communities").asInt()).isEqualTo(1);
        assertThat(json.get("byGroup").get("detained").get("yes").asInt()).isEqualTo(2);
        assertThat(json.get("suppressed").asBoolean()).isFalse();

        var protectedCounts = admin.get(SEARCH + "?q=care").json();
        assertThat(protectedCounts.get("disclosure").asString()).isEqualTo("nhs-standard");
        assertThat(protectedCounts.get("suppressed").asBoolean()).isTrue();
        assertThat(protectedCounts
                        .get("byGroup")
                        .get("community")
                        .get("african_caribbean")
                        .isNull())
                .as("2 participants: from 1 to 7, hidden")
                .isTrue();
        assertThat(protectedCounts.get("total").asInt())
                .as("the answers found are row-level, not a count of people")
                .isEqualTo(3);
    }

    @Test
    void filtersByGroupAndQuestion() {
        var json = admin.get(SEARCH + "?q=care&group.community=other_communities&question=recovery_meaning")
                .json();
        assertThat(json.get("total").asInt()).isEqualTo(1);
        assertThat(json.get("hits").get(0).get("highlight").asString()).contains("Only medication");
        assertThat(admin.get(SEARCH + "?q=%22care+plan%22").json().get("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void explainsABadSearchInPlainWords() {
        var leading = admin.get(SEARCH + "?q=*are");
        assertThat(leading.status()).isEqualTo(400);
        assertThat(leading.contentType()).startsWith("application/problem+json");
        assertThat(leading.json().get("detail").asString()).contains("can only end a word");
        assertThat(admin.get(SEARCH + "?q=%22unclosed").json().get("detail").asString())
                .contains("every quote and bracket is closed");
        assertThat(admin.get(SEARCH + "?q=care&question=adult")
                        .json()
                        .get("detail")
                        .asString())
                .contains("not a free-text question");
        assertThat(admin.get(SEARCH + "?q=care&group.nonsense=x")
                        .json()
                        .get("detail")
                        .asString())
                .contains("no grouping 'nonsense'")
                .contains("community");
        assertThat(admin.get(SEARCH + "?q=care&group.community=martians")
                        .json()
                        .get("detail")
                        .asString())
                .contains("no group 'martians'");
        assertThat(admin.get(SEARCH).json().get("detail").asString()).contains("Enter one or more words");
        assertThat(admin.get(SEARCH + "?q=care&size=1000").status()).isEqualTo(400);
        assertThat(admin.get("/api/studies/no-such-study/search?q=care").status())
                .as("no role in a study that does not exist")
                .isEqualTo(403);
    }

    @Test
    void isForSignedInResearchersOnly() {
        assertThat(TestApi.on(port).get(SEARCH + "?q=care").status()).isEqualTo(401);
    }

    @Test
    void findsSimilarAnswers() {
        String responseId = admin.get(SEARCH + "?q=%22human+being%22")
                .json()
                .get("hits")
                .get(0)
                .get("responseId")
                .asString();
        var similar =
                admin.get("/api/studies/" + STUDY + "/responses/" + responseId + "/similar?question=recovery_meaning");
        assertThat(similar.status()).isEqualTo(200);
        assertThat(similar.json().valueStream().map(hit -> hit.get("responseId").asString()))
                .doesNotContain(responseId)
                .isNotEmpty();
    }

    @Test
    void withdrawalLeavesNoTraceOfTheAnswerInTheIndexFilesTablesOrLog(CapturedOutput output) throws IOException {
        String canary = "qvzcanary" + Long.toString(System.nanoTime(), 36);
        String receipt = submit("black_african", "yes", "My words " + canary + " are mine.")
                .json()
                .get("receiptCode")
                .asString();
        index.applyPending();
        assertThat(admin.get(SEARCH + "?q=" + canary).json().get("total").asInt())
                .isEqualTo(1);
        assertThat(filesContaining(canary))
                .as("the check sees the canary while it is indexed")
                .isNotEmpty();

        assertThat(TestApi.on(port)
                        .send("DELETE", "/api/responses/" + receipt, "application/json", "")
                        .status())
                .isEqualTo(204);
        index.applyPending();

        assertThat(admin.get(SEARCH + "?q=" + canary).json().get("total").asInt())
                .isZero();
        assertThat(filesContaining(canary)).as("index files").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM answer WHERE value LIKE ?")
                        .param("%" + canary + "%")
                        .query(Integer.class)
                        .single())
                .as("answers table")
                .isZero();
        assertThat(output.getAll()).as("log").doesNotContain(canary);
    }

    @Test
    void theIndexHoldsExactlyTheDatabasesAnswersAndARebuildGivesTheSame() {
        index.applyPending();
        var before = index.check(STUDY);
        assertThat(before.consistent()).isTrue();
        assertThat(before.inDatabase()).isGreaterThanOrEqualTo(4);
        var incremental = index.index().answerIds(STUDY);
        String searchBefore =
                admin.get(SEARCH + "?q=staff OR cared".replace(" ", "+")).body();

        var rebuilt = admin.post("/api/search/rebuild", "");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(rebuilt.json().get("responses").asInt()).isGreaterThanOrEqualTo(4);

        assertThat(index.index().answerIds(STUDY)).isEqualTo(incremental);
        assertThat(admin.get(SEARCH + "?q=staff OR cared".replace(" ", "+")).body())
                .isEqualTo(searchBefore);
        var report = admin.get("/api/studies/" + STUDY + "/search/consistency").json();
        assertThat(report.get("consistent").asBoolean()).isTrue();
        assertThat(report.get("missingFromIndex")).isEmpty();
    }

    private List<Path> filesContaining(String word) throws IOException {
        byte[] needle = word.getBytes(StandardCharsets.UTF_8);
        Path root = properties.dataDir().resolve("search-index");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> contains(file, needle))
                    .toList();
        }
    }

    static boolean contains(Path file, byte[] needle) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // a file Lucene deleted while the walk ran
        }
    }
}
