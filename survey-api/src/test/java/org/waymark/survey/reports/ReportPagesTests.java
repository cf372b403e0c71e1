package org.waymark.survey.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.security.WorkspaceSignIn;
import org.waymark.survey.studies.TestDefinitions;

/**
 * The report builder on a small study of its own: an analyst starts a report, chooses what it holds,
 * sees it under the form and downloads it; a name with markup stays text; a form that cannot be saved
 * comes back with what to fix and saves nothing.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPagesTests {

    private static final String STUDY = "report-pages";
    private static final String PAGES = "/workspace/studies/" + STUDY + "/reports";
    private static final String OWNER = "report-pages-owner";
    private static final String ANALYST = "report-pages-analyst";
    private static final String RESEARCHER = "report-pages-researcher";
    private static final String CODER = "report-pages-coder";
    private static final String NAME = "Summer <b>update</b> & \"more\"";

    @LocalServerPort
    int port;

    @BeforeAll
    void studyWithAnswers() {
        TestApi owner = TestAccounts.signedIn(port, OWNER);
        var created = owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(owner.post("/api/studies/" + STUDY + "/publish", "").status())
                .isEqualTo(200);
        for (int i = 0; i < 12; i++) {
            String ethnicity = i % 3 == 0 ? "black_african" : "white_british";
            var reply = TestApi.on(port)
                    .respond(
                            STUDY,
                            "\"adult\": \"yes\", \"ethnicity\": \"" + ethnicity
                                    + "\", \"support_medication\": \"a_lot\"",
                            true);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }
        for (String[] person : new String[][] {{ANALYST, "analyst"}, {RESEARCHER, "researcher"}, {CODER, "coder"}}) {
            TestAccounts.signedIn(port, person[0]);
            TestAccounts.grant(port, STUDY, person[0], person[1]);
        }
    }

    private PageClient page(String username) {
        return WorkspaceSignIn.signedIn(port, username, TestAccounts.PASSWORD);
    }

    /** Starts a report from the list page; returns its address. */
    private static String start(PageClient client, String name) {
        var list = client.get(PAGES);
        var started = client.post(PAGES, list.csrfToken(), List.of(Map.entry("name", name)));
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        assertThat(started.location()).matches(PAGES.replace("/", "\\/") + "/\\d+\\?created");
        return started.location().substring(0, started.location().indexOf('?'));
    }

    @Test
    void anAnalystStartsChoosesPreviewsAndDownloadsAReport() {
        PageClient analyst = page(ANALYST);
        String report = start(analyst, "Autumn briefing");

        var edit = analyst.get(report + "?created");
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        assertThat(edit.body())
                .contains("The report is started", "Download as PDF", "id=\"preview-heading\"")
                .contains("Key findings", "What this report was built from", "nhs-standard");

        var saved = analyst.post(
                report,
                edit.csrfToken(),
                List.of(
                        Map.entry("name", "Autumn briefing"),
                        Map.entry("sections", "second"),
                        Map.entry("questions", "support_medication"),
                        Map.entry("by", "community"),
                        Map.entry("disclosure", "strict-10"),
                        Map.entry("summary", "Synthetic summary written on the page.")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(saved.location()).isEqualTo(report + "?saved");

        String preview = analyst.get(report + "?saved").body();
        assertThat(preview)
                .contains("Saved. The preview below", "Synthetic summary written on the page.")
                .contains("sections=second; questions=1 closed questions; by=community; disclosure=strict-10")
                .contains("id=\"t-support_medication-community\"", "<svg");
        // The same draft through the API: what the page saved is what the service holds.
        var draft = TestAccounts.signedIn(port, ANALYST)
                .get("/api/studies/" + STUDY + "/reports/" + report.substring(report.lastIndexOf('/') + 1))
                .json()
                .get("draft");
        assertThat(draft.get("by").asString()).isEqualTo("community");
        assertThat(draft.get("disclosure").asString()).isEqualTo("strict-10");
        assertThat(draft.get("texts").get("summary").asString()).isEqualTo("Synthetic summary written on the page.");

        var html = analyst.get(report + ".html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(
                        value -> assertThat(value).startsWith("attachment").contains(".html"));
        assertThat(html.body()).contains("<!DOCTYPE html>", "Synthetic summary written on the page.");
        var pdf = analyst.get(report + ".pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF-");
    }

    @Test
    void showsANameWithMarkupAsTextOnTheListAndTheBuilder() {
        PageClient researcher = page(RESEARCHER);
        String report = start(researcher, NAME);

        String escaped = "Summer &lt;b&gt;update&lt;/b&gt; &amp; &quot;more&quot;";
        assertThat(researcher.get(PAGES).body()).contains(escaped).doesNotContain("<b>update</b>");
        assertThat(researcher.get(report).body()).contains(escaped).doesNotContain("<b>update</b>");
    }

    @Test
    void comesBackWithWhatToFixAndSavesNothing() {
        PageClient researcher = page(RESEARCHER);
        var list = researcher.get(PAGES);
        var unnamed = researcher.post(PAGES, list.csrfToken(), List.of(Map.entry("name", "  ")));
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.body()).contains("There is a problem", ReportPages.NAME_PROBLEM);

        String report = start(researcher, "Kept as it was");
        var edit = researcher.get(report);
        var outside = researcher.post(
                report,
                edit.csrfToken(),
                List.of(
                        Map.entry("name", "Renamed"),
                        Map.entry("sections", "first"),
                        Map.entry("questions", "support_medication")));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body())
                .contains("There is a problem", "is not in the sections chosen")
                .contains("value=\"Renamed\"");
        assertThat(researcher.get(report).body()).contains("Kept as it was").doesNotContain("Renamed");
    }

    @Test
    void refusesTheInternalProfileAsTheApiDoes() {
        PageClient analyst = page(ANALYST);
        String report = start(analyst, "Internal attempt");
        var edit = analyst.get(report);
        List<Map.Entry<String, String>> internal =
                List.of(Map.entry("name", "Internal attempt"), Map.entry("disclosure", "internal"));

        assertThat(edit.body()).doesNotContain("value=\"internal\"");
        // An analyst may not name it at all (RouteAccess); a researcher may, but a report never uses it.
        assertThat(analyst.post(report, edit.csrfToken(), internal).status()).isEqualTo(403);
        PageClient researcher = page(RESEARCHER);
        var refused = researcher.post(report, researcher.get(report).csrfToken(), internal);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("cannot use the &#39;internal&#39; profile");
    }

    @Test
    void theApiDoesNotTakeThePageSessionSoThePagesServeTheDownloads() {
        PageClient analyst = page(ANALYST);

        assertThat(analyst.get("/api/studies/" + STUDY + "/reports", "application/json")
                        .status())
                .isEqualTo(401);
        assertThat(analyst.get(PAGES).status()).isEqualTo(200);
    }

    @Test
    void refusesACoder() {
        PageClient coder = page(CODER);

        assertThat(coder.get(PAGES).status()).isEqualTo(403);
        assertThat(coder.get("/workspace").body()).doesNotContain(PAGES);
    }
}
