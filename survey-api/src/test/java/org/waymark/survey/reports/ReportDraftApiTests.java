package org.waymark.survey.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drafts, provenance and escaping, on a small study of its own whose title and labels hold markup.
 * 15 African and African Caribbean participants said medication helped "not at all" and 15 others
 * "a lot", so the difference by community is a key finding an author can rewrite.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDraftApiTests {

    static final String STUDY = "report-drafts";
    static final String TITLE = "Care <b>plans</b> & \"recovery\"";
    static final String QUESTION = "Medication <script>alert(1)</script> helped";
    static final String BASE = "/api/studies/" + STUDY;
    static final Pattern FINGERPRINT = Pattern.compile("\\(SHA-256 of the coded responses\\)\\s*([0-9a-f]{64})");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi researcher;

    @BeforeAll
    void publishAndAnswer() {
        researcher = TestApi.on(port).asAdmin();
        if (researcher.get(BASE).status() == 200) {
            return;
        }
        String definition = TestDefinitions.minimal()
                .with(root -> root.put("id", STUDY).put("title", TITLE))
                .with(root -> {
                    ObjectNode medication = (ObjectNode)
                            root.get("sections").get(1).get("questions").get(2);
                    medication.put("text", QUESTION);
                    ((ObjectNode) ((ArrayNode) root.get("sections")
                                            .get(0)
                                            .get("questions")
                                            .get(1)
                                            .get("options"))
                                    .get(0))
                            .put("label", "Black <i>African</i>");
                })
                .json();
        assertThat(researcher.post("/api/studies", definition).status()).isEqualTo(201);
        assertThat(researcher.post(BASE + "/publish", "").status()).isEqualTo(200);
        submit(15, "black_african", "not_at_all");
        submit(15, "white_british", "a_lot");
    }

    private void submit(int times, String ethnicity, String medication) {
        for (int i = 0; i < times; i++) {
            var reply = TestApi.on(port)
                    .postWithKey(
                            BASE + "/responses", UUID.randomUUID().toString(), """
                    {"consent": {"version": "1", "agreed": ["take_part", "quote_me"]},
                     "answers": {"adult": "yes", "ethnicity": "%s", "ever_detained": "no",
                                 "support_medication": "%s", "recovery_meaning": "Kind staff at the ward"},
                     "submit": true}""".formatted(ethnicity, medication));
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }
    }

    @Test
    void escapesMarkupInTheStudysOwnWords() {
        var reply = researcher.get(BASE + "/report.html?by=community");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        ReportDocument report = new ReportDocument(reply.body());
        assertThat(report.all("h1").getFirst().getTextContent()).isEqualTo(TITLE);
        assertThat(report.all("script")).isEmpty();
        assertThat(report.all("b")).isEmpty();
        assertThat(report.all("i")).isEmpty();
        assertThat(reply.body()).contains("Medication &lt;script&gt;alert(1)&lt;/script&gt; helped");
        assertThat(reply.body()).contains("Black &lt;i&gt;African&lt;/i&gt;");
        assertThat(report.all("title").stream().map(title -> title.getTextContent()))
                .contains("Chart: " + QUESTION);
    }

    @Test
    void savesADraftAndRebuildsItWithItsTextsWhenMoreDataArrives() {
        var created = researcher.post(BASE + "/reports", """
                {"name": "Board report", "by": "community", "disclosure": "strict-10",
                 "texts": {"summary": "What we found <em>first</em>.",
                           "finding:support_medication:community": "Medication helped fewer people in our community."}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String location = created.location();
        assertThat(location).matches(BASE + "/reports/\\d+");

        var draft = researcher.get(location);
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        assertThat(draft.json().get("draft").get("disclosure").asString()).isEqualTo("strict-10");
        // The keys an author can rewrite; ethnicity by community stands out too (the grouping is made from it).
        var edited = new java.util.ArrayList<String>();
        draft.json().get("findings").forEach(finding -> {
            if (finding.get("edited").asBoolean()) {
                edited.add(finding.get("key").asString());
            }
        });
        assertThat(edited).containsExactly("finding:support_medication:community");

        String first = researcher.get(location + ".html").body();
        assertThat(first).contains("What we found &lt;em&gt;first&lt;/em&gt;.");
        assertThat(first).contains("Medication helped fewer people in our community.");
        assertThat(first).contains("strict-10");
        String before = fingerprint(first);
        assertThat(researcher.get(location + ".html").body()).isEqualTo(first);

        submit(1, "white_british", "a_lot");
        String second = researcher.get(location + ".html").body();
        assertThat(fingerprint(second)).isNotEqualTo(before);
        assertThat(second).contains("Medication helped fewer people in our community.");

        var pdf = researcher.get(location + ".pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(researcher.get(BASE + "/reports").json().findValuesAsString("name"))
                .contains("Board report");

        var renamed = researcher.send("PUT", location, "application/json", """
                {"name": "Board report, final", "by": "community", "texts": {}}""");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("disclosure").isNull()).isTrue();
        assertThat(researcher.get(location + ".html").body())
                .doesNotContain("Medication helped fewer people in our community.")
                .contains("nhs-standard");
    }

    @Test
    void showsThemePrevalenceAndApprovedQuotesEscaped() {
        assertThat(researcher.post(BASE + "/themes/frames/cpa-study-themes", "").status())
                .isEqualTo(201);
        jdbc.sql("""
                        INSERT INTO coding (study_id, response_id, question_id, theme_code, coder, status, present,
                                            decided_by, created_at)
                        SELECT r.study_id, r.id, 'recovery_meaning', 'warmth', 'admin', 'confirmed', TRUE, 'admin', NOW(6)
                        FROM response r WHERE r.study_id = ? AND r.status = 'submitted'""").param(STUDY).update();
        long quote = researcher
                .get(BASE + "/quotes?theme=warmth")
                .json()
                .get(0)
                .get("quoteId")
                .asLong();
        assertThat(researcher
                        .post(BASE + "/quotes/" + quote + "/approve", "{\"text\": \"Kind <b>staff</b> & [a ward]\"}")
                        .status())
                .isEqualTo(200);

        var reply = researcher.get(BASE + "/report.html?by=community");
        ReportDocument report = new ReportDocument(reply.body());
        List<List<String>> themes = report.cells("t-themes-community");
        // Everyone wrote an answer and has the theme: 30 (or 31, rounded to 30) of as many, in both groups.
        assertThat(themes.getFirst().getFirst()).matches("30 of 30 \\(100%\\)");
        assertThat(report.byId("quotes-warmth").orElseThrow().getTextContent())
                .contains("\u201cKind <b>staff</b> & [a ward]\u201d")
                .containsPattern("A participant \\(Community: (African and African Caribbean|Other communities)\\)");
        assertThat(reply.body()).contains("Kind &lt;b&gt;staff&lt;/b&gt; &amp; [a ward]");
        assertThat(report.all("b")).isEmpty();
        assertThat(report.byId("provenance").orElseThrow().getTextContent()).containsPattern("Codebook version\\s*1");
    }

    @Test
    void refusesADraftItCouldNotBuild() {
        var internal = researcher.post(BASE + "/reports", """
                {"name": "Everything", "disclosure": "internal"}""");
        assertThat(internal.status()).isEqualTo(400);
        assertThat(internal.json().get("detail").asString()).contains("'internal'");
        var unknownBlock = researcher.post(BASE + "/reports", """
                {"name": "Odd", "texts": {"preface": "Hello"}}""");
        assertThat(unknownBlock.status()).isEqualTo(400);
        assertThat(unknownBlock.json().get("detail").asString()).contains("no text block 'preface'");
        assertThat(researcher.get(BASE + "/reports/999999.html").status()).isEqualTo(404);
    }

    private static String fingerprint(String html) {
        Matcher matcher = FINGERPRINT.matcher(
                new ReportDocument(html).byId("provenance").orElseThrow().getTextContent());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
