package org.waymark.survey.intake;

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
 * The responses list and detail pages, per role: owners and researchers read pseudonymous responses with
 * the definition's wording, escaped, and withdraw one on request after confirming; nobody else gets in.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsePagesTests {

    private static final String STUDY = "responses-page-study";
    private static final String OTHER = "responses-page-other";
    private static final String LIST = "/workspace/studies/" + STUDY + "/responses";
    private static final String OWNER = "responses-page-owner";
    private static final String MARKUP = "Being <script>alert(1)</script> & <b>heard</b>";

    @LocalServerPort
    int port;

    private String responseId;
    private String receiptCode;
    private String otherResponseId;

    @BeforeAll
    void studiesWithResponses() {
        TestApi owner = TestAccounts.signedIn(port, OWNER);
        for (String study : List.of(STUDY, OTHER)) {
            var created = owner.post(
                    "/api/studies",
                    TestDefinitions.minimal()
                            .with(root -> root.put("id", study))
                            .json());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(owner.post("/api/studies/" + study + "/publish", "").status())
                    .isEqualTo(200);
        }
        for (String role : List.of("analyst", "coder", "researcher")) {
            TestAccounts.signedIn(port, "responses-page-" + role);
            TestAccounts.grant(port, STUDY, "responses-page-" + role, role);
        }
        TestAccounts.signedIn(port, "responses-page-outsider");
        var reply = TestApi.on(port)
                .respond(
                        STUDY,
                        "\"adult\": \"yes\", \"ethnicity\": \"black_african\", \"ever_detained\": \"yes\","
                                + " \"detained_sections\": [\"s2\", \"s3\"], \"support_medication\": \"never_had\","
                                + " \"recovery_meaning\": \"" + MARKUP.replace("\"", "\\\"") + "\"",
                        true);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        responseId = reply.json().get("responseId").asString();
        receiptCode = reply.json().get("receiptCode").asString();
        otherResponseId = TestApi.on(port)
                .respond(OTHER, "\"adult\": \"yes\"", true)
                .json()
                .get("responseId")
                .asString();
    }

    private PageClient as(String who) {
        return WorkspaceSignIn.signedIn(port, who, TestAccounts.PASSWORD);
    }

    @Test
    void listsResponsesPseudonymouslyForAResearcher() {
        var page = as("responses-page-researcher").get(LIST);

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1>Responses</h1>", "href=\"" + LIST + "\" aria-current=\"page\"")
                .contains(">" + responseId + "</a>", "<td>submitted</td>", "<td>Online</td>")
                .contains("Submitted responses, newest first: 1 to ")
                .contains("href=\"" + LIST + "/import\"")
                .doesNotContain(receiptCode, "heard");
    }

    @Test
    void showsAResponsesAnswersWithTheQuestionWordingEscaped() {
        var page = as(OWNER).get(LIST + "/" + responseId);

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String body = page.body();
        assertThat(body)
                .contains("What does recovery mean to you?", "Ethnic group", "Black African")
                .contains("Section 2; Section 3", "I have not had this")
                .contains("Being &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;heard&lt;/b&gt;")
                .doesNotContain("<script>alert(1)</script>", "<b>heard</b>")
                .doesNotContain(receiptCode)
                .contains("Withdraw this response");
    }

    @Test
    void refusesAResponseOfAnotherStudy() {
        var page = as(OWNER).get(LIST + "/" + otherResponseId);

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("has no response with this id").doesNotContain(otherResponseId);
        var withdraw = as(OWNER).get(LIST);
        var refused = as(OWNER)
                .post(
                        LIST + "/" + otherResponseId + "/withdraw",
                        withdraw.csrfToken(),
                        List.of(Map.entry("confirm", "yes")));
        assertThat(refused.status()).isIn(403, 404);
        var other = TestApi.on(port).as(OWNER, TestAccounts.PASSWORD).get("/api/studies/" + OTHER + "/responses");
        assertThat(other.body()).contains(otherResponseId, "\"status\":\"submitted\"");
    }

    @Test
    void refusesRolesWithoutRowsAndOffersThemNoLink() {
        for (String who : List.of("responses-page-analyst", "responses-page-coder", "responses-page-outsider")) {
            PageClient client = as(who);
            assertThat(client.get(LIST).status()).as(who).isEqualTo(403);
            assertThat(client.get(LIST + "/" + responseId).status()).as(who).isEqualTo(403);
            assertThat(client.get(LIST + "/import").status()).as(who).isEqualTo(403);
        }
        PageClient admin = WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD);
        assertThat(admin.get(LIST).status()).as("the site admin has no role").isEqualTo(403);
        var dashboard = as("responses-page-analyst").get("/workspace/studies/" + STUDY + "/dashboard");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).doesNotContain("href=\"" + LIST);
    }

    @Test
    void withdrawsOnTheParticipantsRequestOnlyOnceConfirmed() {
        var reply = TestApi.on(port).respond(STUDY, "\"adult\": \"yes\", \"recovery_meaning\": \"To withdraw\"", true);
        String id = reply.json().get("responseId").asString();
        PageClient researcher = as("responses-page-researcher");
        var detail = researcher.get(LIST + "/" + id);

        var asked = researcher.post(LIST + "/" + id + "/withdraw", detail.csrfToken(), List.of());
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("Withdraw this response?", "Yes, withdraw it");
        assertThat(researcher.get(LIST + "/" + id).body()).contains("id=\"response-status\">submitted<");

        var done =
                researcher.post(LIST + "/" + id + "/withdraw", asked.csrfToken(), List.of(Map.entry("confirm", "yes")));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).isEqualTo(LIST + "/" + id + "?done=withdrawn");
        var after = researcher.get(done.location());
        assertThat(after.body())
                .contains("The response is withdrawn", "id=\"response-status\">withdrawn<")
                .doesNotContain("To withdraw", "Withdraw this response");
        assertThat(researcher.get(LIST + "?status=withdrawn").body()).contains(id);
    }
}
