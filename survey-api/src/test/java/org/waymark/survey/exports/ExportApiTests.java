package org.waymark.survey.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The dataset CSV and its codebook through the API, on the real database: one row per submitted
 * response, codes, option columns, missing values, formula-safe cells, the labelled variant, and the
 * round trip through the import.
 *
 * <p>The study is {@link TestDefinitions#minimal()} with a number question that allows negative
 * answers and a date question. Four responses are submitted (see {@link #publishAndAnswer()}); one
 * more is withdrawn and one left as a draft, and neither may appear.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiTests {

    static final String STUDY = "export-study";
    static final String API = "/api/studies/" + STUDY;
    static final String HOSTILE_LINK = "=HYPERLINK(\"http://example.invalid\",\"click\")";
    static final String HOSTILE_COMMAND = "-2+3+cmd|' /C calc'!A0";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi admin;
    private final List<String> responseIds = new ArrayList<>();
    private final List<String> participantCodes = new ArrayList<>();

    static String definition(String id) {
        return TestDefinitions.minimal()
                .with(root -> root.put("id", id))
                .with(root -> {
                    ArrayNode questions =
                            (ArrayNode) root.get("sections").get(1).get("questions");
                    questions
                            .addObject()
                            .put("id", "mood_change")
                            .put("type", "number")
                            .put("text", "Change in mood score, from -10 to 10")
                            .put("min", -10)
                            .put("max", 10)
                            .put("preferNotToSay", true);
                    questions
                            .addObject()
                            .put("id", "first_contact")
                            .put("type", "date")
                            .put("text", "When did you first have contact with services?");
                })
                .json();
    }

    @BeforeAll
    void publishAndAnswer() {
        admin = TestApi.on(port).asAdmin();
        assertThat(admin.post("/api/studies", definition(STUDY)).status()).isEqualTo(201);
        assertThat(admin.post(API + "/publish", "").status()).isEqualTo(200);
        TestApi anyone = TestApi.on(port);
        keep(ExportTestSupport.submit(anyone, STUDY, """
                "adult": "yes", "ethnicity": "black_caribbean", "ever_detained": "yes", "detained_sections": ["s3"],
                "support_medication": "not_at_all", "recovery_meaning": %s, "mood_change": -3,
                "first_contact": "2020-01-31\"""".formatted(json(HOSTILE_LINK)), true));
        keep(ExportTestSupport.submit(anyone, STUDY, """
                "adult": "yes", "ethnicity": "black_african", "ever_detained": "yes", "detained_sections": ["s2", "s37"],
                "support_medication": "a_lot", "recovery_meaning": %s, "mood_change": "prefer_not_to_say\"""".formatted(json(HOSTILE_COMMAND)), true));
        keep(ExportTestSupport.submit(anyone, STUDY, """
                "adult": "yes", "ethnicity": "white_british", "ever_detained": "no", "support_medication": "never_had",
                "recovery_meaning": "Being heard, at last.\\nAnd \\"hope\\", café.", "mood_change": 4.5""", true));
        keep(ExportTestSupport.submit(anyone, STUDY, """
                "adult": "yes", "ethnicity": "prefer_not_to_say", "ever_detained": "prefer_not_to_say\"""", true));
        JsonNode withdrawn = ExportTestSupport.submit(anyone, STUDY, """
                "adult": "yes", "ethnicity": "white_british", "recovery_meaning": "I changed my mind\"""", true);
        participantCodes.add(withdrawn.get("receiptCode").asString());
        assertThat(anyone.send(
                                "DELETE",
                                "/api/responses/" + withdrawn.get("receiptCode").asString(),
                                null,
                                null)
                        .status())
                .isEqualTo(204);
        JsonNode draft = ExportTestSupport.submit(anyone, STUDY, "\"adult\": \"yes\"", false);
        participantCodes.add(draft.get("resumeCode").asString());
    }

    private void keep(JsonNode reply) {
        responseIds.add(reply.get("responseId").asString());
        participantCodes.add(reply.get("receiptCode").asString());
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private ExportTestSupport.Table export(String study, String query) {
        var reply = admin.get("/api/studies/" + study + "/export.csv" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return ExportTestSupport.parse(reply.body());
    }

    @Test
    void writesOneRowPerSubmittedResponseWithCodesOptionColumnsAndGroupings() {
        var reply = admin.get(API + "/export.csv");
        assertThat(reply.contentType()).isEqualTo("text/csv;charset=UTF-8");
        var table = ExportTestSupport.parse(reply.body());
        assertThat(table.header())
                .containsExactly(
                        "response_id",
                        "consent_agreed",
                        "adult",
                        "ethnicity",
                        "ever_detained",
                        "detained_sections",
                        "detained_sections.s2",
                        "detained_sections.s3",
                        "detained_sections.s37",
                        "support_medication",
                        "recovery_meaning",
                        "mood_change",
                        "first_contact",
                        "group.community",
                        "group.detained",
                        "group.sections",
                        "group.history");
        assertThat(table.column("response_id"))
                .as("the submitted responses by pseudonymous id, in order; not the withdrawn one or the draft")
                .containsExactlyElementsOf(responseIds);
        assertThat(table.column("consent_agreed")).containsOnly("take_part;quote_me");
        assertThat(table.column("ethnicity"))
                .containsExactly("black_caribbean", "black_african", "white_british", "prefer_not_to_say");
        assertThat(table.column("detained_sections")).containsExactly("s3", "s2;s37", "NOT_SHOWN", "NOT_SHOWN");
        assertThat(table.column("detained_sections.s2")).containsExactly("0", "1", "NOT_SHOWN", "NOT_SHOWN");
        assertThat(table.column("detained_sections.s37")).containsExactly("0", "1", "NOT_SHOWN", "NOT_SHOWN");
        assertThat(table.column("support_medication"))
                .as("the scale's not-applicable option keeps its code; no answer is an empty cell")
                .containsExactly("not_at_all", "a_lot", "never_had", "");
        assertThat(table.column("mood_change"))
                .as("a negative number is a number, not a formula, and stays as it is")
                .containsExactly("-3", "prefer_not_to_say", "4.5", "");
        assertThat(table.column("first_contact")).containsExactly("2020-01-31", "", "", "");
        assertThat(table.column("group.community"))
                .containsExactly("african_caribbean", "african_caribbean", "other_communities", "");
        assertThat(table.column("group.history")).containsExactly("civil", "part_iii", "", "");
    }

    @Test
    void neutralisesFormulasButKeepsEveryOtherCharacter() {
        var table = export(STUDY, "");
        assertThat(table.column("recovery_meaning"))
                .containsExactly(
                        "'" + HOSTILE_LINK, "'" + HOSTILE_COMMAND, "Being heard, at last.\nAnd \"hope\", café.", "");
    }

    @Test
    void carriesPseudonymousIdsOnlyNeverAParticipantsCodes() {
        for (String path : List.of("/export.csv", "/export.csv?labels=true", "/text.csv")) {
            String body = admin.get(API + path).body();
            for (String code : participantCodes) {
                assertThat(body).as(path).doesNotContain(code);
            }
            assertThat(body).doesNotContain("I changed my mind");
        }
    }

    @Test
    void labelledVariantShowsLabelsInsteadOfCodes() {
        var reply = admin.get(API + "/export.csv?labels=true");
        assertThat(reply.status()).isEqualTo(200);
        var table = ExportTestSupport.parse(reply.body());
        assertThat(table.column("ethnicity"))
                .containsExactly("Black Caribbean", "Black African", "White British", "Prefer not to say");
        assertThat(table.column("detained_sections"))
                .containsExactly("Section 3", "Section 2; Section 37", "Not shown", "Not shown");
        assertThat(table.column("support_medication"))
                .containsExactly("Not at all", "A lot", "I have not had this", "");
        assertThat(table.column("group.community"))
                .containsExactly(
                        "African and African Caribbean", "African and African Caribbean", "Other communities", "");
    }

    @Test
    void namesEachFileAndRecordsEachExportWithoutContent() {
        Map<String, String> names = Map.of(
                "/export.csv", "attachment; filename=\"export-study-export.csv\"",
                "/export.csv?labels=true", "attachment; filename=\"export-study-export-labelled.csv\"",
                "/codebook.csv", "attachment; filename=\"export-study-codebook.csv\"",
                "/codebook.html", "inline; filename=\"export-study-codebook.html\"",
                "/export.R", "attachment; filename=\"export-study-export.R\"",
                "/export.sps", "attachment; filename=\"export-study-export.sps\"",
                "/text.csv", "attachment; filename=\"export-study-text.csv\"",
                "/text.qdpx", "attachment; filename=\"export-study.qdpx\"");
        names.forEach((path, disposition) -> {
            var reply = ExportTestSupport.download(port, API + path);
            assertThat(reply.statusCode()).as(path).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Disposition"))
                    .as(path)
                    .contains(disposition);
            assertThat(reply.headers().firstValue("Cache-Control")).as(path).contains("no-store");
        });
        List<String> actions = jdbc.sql("SELECT DISTINCT action FROM audit_event WHERE study_id = ? AND actor = ?"
                        + " AND action LIKE 'export.%'")
                .params(STUDY, ExportTestSupport.RESEARCHER)
                .query(String.class)
                .list();
        assertThat(actions)
                .contains(
                        "export.csv",
                        "export.csv-labelled",
                        "export.codebook-csv",
                        "export.codebook-html",
                        "export.r",
                        "export.sps",
                        "export.text-csv",
                        "export.qdpx");
        List<String> details = jdbc.sql(
                        "SELECT CONCAT(COALESCE(target, ''), ' ', COALESCE(detail, '')) FROM audit_event"
                                + " WHERE study_id = ? AND action LIKE 'export.%'")
                .param(STUDY)
                .query(String.class)
                .list();
        assertThat(details)
                .allSatisfy(detail -> assertThat(detail)
                        .doesNotContain("HYPERLINK")
                        .doesNotContain("hope")
                        .doesNotContain(responseIds.getFirst()));
        assertThat(details).contains(" 4 response(s)");
    }

    @Test
    void importingTheExportIntoAStudyWithTheSameDefinitionGivesTheSameDataset() {
        String copy = "export-study-copy";
        assertThat(admin.post("/api/studies", definition(copy)).status()).isEqualTo(201);
        assertThat(admin.post("/api/studies/" + copy + "/publish", "").status()).isEqualTo(200);
        String exported = admin.get(API + "/export.csv").body();
        var imported = admin.sendBytes(
                "POST", "/api/studies/" + copy + "/imports", "text/csv", exported.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(4);
        var original = ExportTestSupport.parse(exported);
        var again = export(copy, "");
        assertThat(again.header()).isEqualTo(original.header());
        assertThat(again.without("response_id"))
                .as("the same answers per response, in the same order; only the pseudonymous ids differ")
                .isEqualTo(original.without("response_id"));
        assertThat(again.column("response_id")).doesNotContainAnyElementsOf(original.column("response_id"));
    }

    @Test
    void theImportIgnoresOnlyColumnsTheExportDerives() {
        String copy = "export-study-lookalike";
        assertThat(admin.post("/api/studies", definition(copy)).status()).isEqualTo(201);
        assertThat(admin.post("/api/studies/" + copy + "/publish", "").status()).isEqualTo(200);
        String csv = "consent_agreed,adult,detained_sections.s99,group.nonexistent,response_ids\r\n"
                + "take_part,yes,1,x,y\r\n";
        var reply = admin.sendBytes(
                "POST", "/api/studies/" + copy + "/imports", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json()
                        .get("errors")
                        .valueStream()
                        .map(error -> error.get("column").asString()))
                .as("a column that only looks like an export's is still refused")
                .containsExactly("detained_sections.s99", "group.nonexistent", "response_ids");
    }

    @Test
    void refusesAnUnknownStudyAndAnyoneNotSignedIn() {
        for (String path : List.of(
                "/export.csv",
                "/codebook.csv",
                "/codebook.html",
                "/export.R",
                "/export.sps",
                "/text.csv",
                "/text.qdpx")) {
            // A study one has no role in is refused alike whether or not it exists, so names cannot be probed.
            var unknown = admin.get("/api/studies/no-such-study" + path);
            assertThat(unknown.status()).as(path).isEqualTo(403);
            assertThat(unknown.contentType()).as(path).startsWith("application/problem+json");
            assertThat(unknown.json().get("detail").asString()).isNotBlank();
            var anonymous = TestApi.on(port).get(API + path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("HYPERLINK");
        }
        var badLabels = admin.get(API + "/export.csv?labels=maybe");
        assertThat(badLabels.status()).isEqualTo(400);
        assertThat(badLabels.contentType()).startsWith("application/problem+json");
    }

    @Test
    void codebookListsEveryColumnWithItsValuesMissingCodesAndConditions() {
        var export = export(STUDY, "");
        var reply = admin.get(API + "/codebook.csv");
        assertThat(reply.status()).isEqualTo(200);
        var codebook = ExportTestSupport.parse(reply.body());
        assertThat(codebook.header()).containsExactlyElementsOf(CodebookFiles.CSV_HEADER);
        assertThat(codebook.column("variable").stream().distinct().toList())
                .as("every column of the export, in order")
                .containsExactlyElementsOf(export.header());
        assertThat(codebook.rows())
                .anySatisfy(row -> assertThat(row)
                        .containsEntry("variable", "support_medication")
                        .containsEntry("value", "never_had")
                        .containsEntry("missing", "not applicable"))
                .anySatisfy(row -> assertThat(row)
                        .containsEntry("variable", "detained_sections.s2")
                        .containsEntry("value", "NOT_SHOWN")
                        .containsEntry("condition", "ever_detained == 'yes'")
                        .containsEntry("missing", "not shown"))
                .anySatisfy(row -> assertThat(row)
                        .containsEntry("variable", "group.community")
                        .containsEntry("value", "african_caribbean")
                        .containsEntry("rule", "ethnicity in [black_african, black_caribbean]"));

        var html = admin.get(API + "/codebook.html");
        assertThat(html.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(html.body())
                .contains("<html lang=\"en\">", "<caption>", "<th scope=\"col\">Variable</th>", "<th scope=\"row\">")
                .contains("ever_detained == &#39;yes&#39;");
        for (String column : export.header()) {
            assertThat(html.body()).contains("<code>" + column + "</code>");
        }
    }
}
