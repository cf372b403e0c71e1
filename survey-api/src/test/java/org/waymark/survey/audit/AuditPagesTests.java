package org.waymark.survey.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.security.WorkspaceSignIn;
import org.waymark.survey.studies.TestDefinitions;

/** The audit trail page: a study's owner reads it, escaped, newest first, a page at a time. */
@WaymarkIntegrationTest
class AuditPagesTests {

    private static final String STUDY = "audit-page-study";
    private static final String OWNER = "audit-page-owner";

    @LocalServerPort
    int port;

    @Autowired
    AuditLog audit;

    @Test
    void showsTheOwnerTheTrailNewestFirstWithEnteredTextEscaped() {
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
        // Text someone typed can reach an entry (a name, a title): it must show as text, not as markup.
        audit.record(OWNER, "report.saved", STUDY, "draft <b>bold</b>", "title <script>alert(1)</script>");

        var page = WorkspaceSignIn.signedIn(port, OWNER, TestAccounts.PASSWORD)
                .get("/workspace/studies/" + STUDY + "/audit");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        String body = page.body();
        assertThat(body)
                .contains("<h1>Audit trail</h1>", "Entries 1 to 4 of 4")
                .contains("href=\"/workspace/studies/" + STUDY + "/audit\" aria-current=\"page\"");
        assertThat(body).contains("draft &lt;b&gt;bold&lt;/b&gt;", "title &lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(body).doesNotContain("<b>bold</b>", "<script>alert(1)</script>");
        assertThat(body.indexOf("report.saved"))
                .as("newest first")
                .isLessThan(body.indexOf("study.published"))
                .isLessThan(body.indexOf("study.draft-uploaded"));
        assertThat(body).doesNotContain("Older entries", "Newer entries");
    }

    @Test
    void pagesThroughALongTrail() {
        String study = STUDY + "-long";
        TestApi owner = TestAccounts.signedIn(port, OWNER);
        owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", study)).json());
        for (int i = 0; i < AuditPages.PAGE_SIZE; i++) {
            audit.record(OWNER, "analysis.run", study, "version 1", "disclosure nhs-standard; run " + i);
        }
        var client = WorkspaceSignIn.signedIn(port, OWNER, TestAccounts.PASSWORD);

        var first = client.get("/workspace/studies/" + study + "/audit");
        var second = client.get("/workspace/studies/" + study + "/audit?page=1");

        // The upload and the owner's role, then the fifty runs: 52 entries, 50 on the first page.
        assertThat(first.body())
                .contains("Entries 1 to 50 of 52", "Older entries")
                .doesNotContain("Newer entries");
        assertThat(second.body()).contains("Entries 51 to 52 of 52", "Newer entries", "study.draft-uploaded");
        assertThat(second.body()).doesNotContain("Older entries");
    }

    @Test
    void answersAPageNotFoundForAStudyThatDoesNotExist() {
        var page = WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD)
                .get("/workspace/studies/no-such-audit-study/audit");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("There is no study");
    }
}
