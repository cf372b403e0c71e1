package org.waymark.survey.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.security.WorkspaceSignIn;
import org.waymark.survey.studies.TestDefinitions;

/**
 * The exports page: every export for the roles that may see row-level data, each download the API's
 * file and audited as the API's is; analysts and coders get neither the page nor a link to it.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportPagesTests {

    private static final String STUDY = "export-pages";
    private static final String PAGE = "/workspace/studies/" + STUDY + "/exports";
    private static final String OWNER = "export-pages-owner";
    private static final String RESEARCHER = "export-pages-researcher";
    private static final String ANALYST = "export-pages-analyst";
    private static final String CODER = "export-pages-coder";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void studyWithAnswers() {
        TestApi owner = TestAccounts.signedIn(port, OWNER);
        assertThat(owner.post(
                                "/api/studies",
                                TestDefinitions.minimal()
                                        .with(root -> root.put("id", STUDY))
                                        .json())
                        .status())
                .isEqualTo(201);
        assertThat(owner.post("/api/studies/" + STUDY + "/publish", "").status())
                .isEqualTo(200);
        for (String ethnicity : List.of("black_african", "white_british")) {
            var reply = TestApi.on(port)
                    .respond(
                            STUDY,
                            "\"adult\": \"yes\", \"ethnicity\": \"" + ethnicity
                                    + "\", \"recovery_meaning\": \"Synthetic: kind staff\"",
                            true);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }
        for (String[] person : new String[][] {{RESEARCHER, "researcher"}, {ANALYST, "analyst"}, {CODER, "coder"}}) {
            TestAccounts.signedIn(port, person[0]);
            TestAccounts.grant(port, STUDY, person[0], person[1]);
        }
    }

    private PageClient page(String username) {
        return WorkspaceSignIn.signedIn(port, username, TestAccounts.PASSWORD);
    }

    @Test
    void listsEveryExportWithWhatItIsForAndWhoMayOpenIt() {
        var reply = page(RESEARCHER).get(PAGE);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        for (String file : List.of(
                "export.csv",
                "export-labelled.csv",
                "export.R",
                "export.sps",
                "codebook.csv",
                "codebook.html",
                "text.csv",
                "text.qdpx")) {
            assertThat(reply.body()).contains("href=\"" + PAGE + "/" + file + "\"");
        }
        assertThat(reply.body())
                .contains("Only the study's owners and researchers", "Every download is recorded")
                .contains("href=\"" + PAGE + "\" aria-current=\"page\"");
    }

    @Test
    void downloadsTheApisFileAndRecordsIt() {
        var download = page(RESEARCHER).get(PAGE + "/export.csv");
        var api = TestAccounts.signedIn(port, RESEARCHER).get("/api/studies/" + STUDY + "/export.csv");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("text/csv");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + STUDY + "-export.csv\"");
        assertThat(download.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(download.body()).isEqualTo(api.body()).contains("black_african");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE study_id = ? AND actor = ? AND action = ?")
                        .params(STUDY, RESEARCHER, "export.csv")
                        .query(Long.class)
                        .single())
                .as("the page's download and the API's, each recorded")
                .isEqualTo(2);

        var codebook = page(RESEARCHER).get(PAGE + "/codebook.html");
        assertThat(codebook.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("inline"));
        assertThat(page(RESEARCHER).get(PAGE + "/text.qdpx").body()).startsWith("PK");
    }

    @Test
    void answersNotFoundForAnExportThatDoesNotExistWithAPageOrProblemDetails() {
        PageClient owner = page(OWNER);
        PageClient.Page noFile = owner.get(PAGE + "/everything.zip");
        assertThat(noFile.status()).isEqualTo(404);
        assertThat(noFile.contentType()).startsWith("text/html");
        assertThat(noFile.body())
                .contains("There is no export &#39;everything.zip&#39;.")
                .contains("Go to your studies");
        // A study the researcher has no role in, or that does not exist: refused alike, also as a page.
        PageClient.Page noStudy = owner.get("/workspace/studies/no-such-study/exports/export.csv");
        assertThat(noStudy.status()).isEqualTo(403);
        assertThat(noStudy.contentType()).startsWith("text/html");
        assertThat(noStudy.body()).contains("Go to your studies");

        PageClient.Page script = owner.get(PAGE + "/everything.zip", "application/json");
        assertThat(script.status()).isEqualTo(404);
        assertThat(script.contentType()).startsWith("application/problem+json");
        assertThat(script.body()).contains("There is no export 'everything.zip'.");
    }

    @Test
    void refusesAnalystsAndCodersTheExportsAndTheirLink() {
        for (String who : List.of(ANALYST, CODER)) {
            PageClient client = page(who);
            assertThat(client.get(PAGE).status()).as(who).isEqualTo(403);
            assertThat(client.get(PAGE + "/export.csv").status()).as(who).isEqualTo(403);
        }
        String analysis =
                page(ANALYST).get("/workspace/studies/" + STUDY + "/analysis").body();
        assertThat(analysis).contains("/reports\"").doesNotContain(PAGE);
    }
}
