package org.waymark.survey.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
 * The import page: a CSV file of paper or interview responses goes through the import API's service,
 * and the page reports, row by row and in plain words, what was stored and what was refused.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportPagesTests {

    private static final String STUDY = "import-page-study";
    private static final String PAGE = "/workspace/studies/" + STUDY + "/responses/import";
    private static final String RESEARCHER = "import-page-researcher";
    /** Synthetic rows: line 2 is right; line 3 gives an ethnicity the study does not offer. */
    private static final String CSV = """
            consent_agreed,adult,ethnicity,recovery_meaning
            take_part,yes,black_caribbean,"Synthetic: being asked, not told."
            take_part,yes,martian,Synthetic: a bad row
            """;

    @LocalServerPort
    int port;

    @BeforeAll
    void study() {
        TestApi owner = TestAccounts.signedIn(port, "import-page-owner");
        var created = owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(owner.post("/api/studies/" + STUDY + "/publish", "").status())
                .isEqualTo(200);
        TestAccounts.signedIn(port, RESEARCHER);
        TestAccounts.grant(port, STUDY, RESEARCHER, "researcher");
    }

    private PageClient.Page upload(PageClient client, String csv, String route, String mode) {
        String csrf = client.get(PAGE).csrfToken();
        return client.postFile(
                PAGE,
                csrf,
                List.of(Map.entry("route", route), Map.entry("mode", mode)),
                "csv",
                "synthetic.csv",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private long submitted() {
        return TestApi.on(port)
                .as(RESEARCHER, TestAccounts.PASSWORD)
                .get("/api/studies/" + STUDY + "/responses")
                .json()
                .get("total")
                .asLong();
    }

    @Test
    void importsNothingFromAFileWithABadRowAndSaysWhichRowAndWhy() {
        PageClient client = WorkspaceSignIn.signedIn(port, RESEARCHER, TestAccounts.PASSWORD);
        long before = submitted();

        var page = upload(client, CSV.replace("a bad row", "a bad row (all or nothing)"), "paper", "all-or-nothing");

        assertThat(page.status()).as(page.body()).isEqualTo(422);
        assertThat(page.body())
                .contains("Nothing was imported", "<td>3</td>", "Refused", "Column \u201cethnicity\u201d: ")
                .contains("martian");
        assertThat(submitted()).isEqualTo(before);
    }

    @Test
    void importsTheRightRowsWhenAskedAndReportsEachRow() {
        PageClient client = WorkspaceSignIn.signedIn(port, RESEARCHER, TestAccounts.PASSWORD);
        long before = submitted();

        var sent = upload(client, CSV, "interview", "valid-rows");

        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        assertThat(sent.location()).isEqualTo(PAGE);
        var report = client.get(PAGE);
        assertThat(report.body())
                .contains("Imported 1 response; 1 row was refused")
                .contains("<td>2</td>", "Stored as response", "<td>3</td>", "Column \u201cethnicity\u201d: ");
        assertThat(submitted()).isEqualTo(before + 1);
        // The report is shown once: drawing the page again shows the form alone.
        assertThat(client.get(PAGE).body()).doesNotContain("Stored as response");
        var list = client.get("/workspace/studies/" + STUDY + "/responses");
        assertThat(list.body()).contains("<td>Interview</td>");

        var again = upload(client, CSV, "interview", "valid-rows");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).contains("There is a problem", "imported into study", "already");
        assertThat(submitted()).isEqualTo(before + 1);
    }

    @Test
    void saysAStudyTakesResponsesOnceItIsPublished() {
        String draft = STUDY + "-draft";
        TestApi owner = TestAccounts.signedIn(port, "import-page-owner");
        owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", draft)).json());
        PageClient client = WorkspaceSignIn.signedIn(port, "import-page-owner", TestAccounts.PASSWORD);
        String page = "/workspace/studies/" + draft + "/responses/import";

        var sent = client.postFile(
                page,
                client.get(page).csrfToken(),
                List.of(Map.entry("route", "paper")),
                "csv",
                "synthetic.csv",
                CSV.getBytes(StandardCharsets.UTF_8));

        assertThat(sent.status()).isEqualTo(422);
        assertThat(sent.body()).contains("The study takes responses once it is published.");
    }

    @Test
    void asksForAFileAndHowItWasCollected() {
        PageClient client = WorkspaceSignIn.signedIn(port, RESEARCHER, TestAccounts.PASSWORD);
        String csrf = client.get(PAGE).csrfToken();

        var page = client.postFile(PAGE, csrf, List.of(), "csv", "empty.csv", new byte[0]);

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body())
                .contains("Choose a CSV file to upload.", "Choose how these responses were collected")
                .contains("href=\"#csv\"", "href=\"#route-paper\"");
        var latin1 = client.postFile(
                PAGE,
                client.get(PAGE).csrfToken(),
                List.of(Map.entry("route", "paper")),
                "csv",
                "latin1.csv",
                "consent_agreed,recovery_meaning\ntake_part,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.status()).isEqualTo(422);
        assertThat(latin1.body()).contains("The file is not UTF-8 text.");
    }
}
