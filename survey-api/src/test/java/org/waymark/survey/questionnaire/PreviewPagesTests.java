package org.waymark.survey.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.security.WorkspaceSignIn;
import org.waymark.survey.studies.TestDefinitions;

/**
 * The preview of a study version: the participant templates, part by part, for a draft too, under a
 * banner, with forms that have nowhere to send and buttons switched off.
 */
@WaymarkIntegrationTest
class PreviewPagesTests {

    private static final String STUDY = "preview-pages-study";
    private static final String OWNER = "preview-pages-owner";
    private static final String CODER = "preview-pages-coder";

    @LocalServerPort
    int port;

    private PageClient draftPreviewedByACoder() {
        TestApi owner = TestAccounts.signedIn(port, OWNER);
        var created = owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        assertThat(created.status()).as(created.body()).isIn(201, 409);
        TestAccounts.signedIn(port, CODER);
        TestAccounts.grant(port, STUDY, CODER, "coder");
        return WorkspaceSignIn.signedIn(port, CODER, TestAccounts.PASSWORD);
    }

    private static String preview(PageClient client, String part) {
        var page = client.get(
                "/workspace/studies/" + STUDY + "/versions/1/preview" + (part == null ? "" : "?part=" + part));
        assertThat(page.status()).as(part).isEqualTo(200);
        return page.body();
    }

    @Test
    void showsADraftPartByPartAsParticipantsWillSeeItWithNothingToSend() {
        PageClient coder = draftPreviewedByACoder();

        String information = preview(coder, null);
        assertThat(information)
                .contains("<title>Preview: A test study</title>", "<h1>A test study</h1>")
                .contains("Preview of version 1 (a draft)", "Nothing you enter here is saved")
                .contains("Next: Can you take part?", "href=\"/workspace/studies/" + STUDY + "\"")
                .contains("?part=information\" aria-current=\"page\"", "?part=consent\"", "?part=1\"", "?part=2\"");
        String eligibility = preview(coder, "eligibility");
        assertThat(eligibility).contains("<h1>Can you take part?</h1>", "Are you 18 or over?");
        assertThat(preview(coder, "consent")).contains("<h1>Your consent</h1>", "I agree to take part.");
        String second = preview(coder, "2");
        assertThat(second)
                .contains("Part 2 of 2", "<h1>Second</h1>", "Which sections?")
                .as("a question shown only after an answer is shown, with its condition")
                .contains("Preview: participants see this question only when ever_detained == &#39;yes&#39;");

        for (String page : new String[] {information, eligibility, second}) {
            assertThat(page).as("no form to send").doesNotContain("<form", "action=");
            int buttons = page.split("<button", -1).length - 1;
            assertThat(buttons).isPositive();
            assertThat(page.split("disabled=\"disabled\"", -1).length - 1)
                    .as("every button switched off")
                    .isEqualTo(buttons);
        }
    }

    @Test
    void answersNotFoundForAVersionOrPartThatDoesNotExist() {
        PageClient coder = draftPreviewedByACoder();

        for (String path :
                new String[] {"/versions/2/preview", "/versions/1/preview?part=3", "/versions/1/preview?part=x"}) {
            var page = coder.get("/workspace/studies/" + STUDY + path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("Page not found");
        }
    }

    @Test
    void leavesTheLiveParticipantPagesAsTheyWere() {
        String live = "preview-pages-live";
        TestApi owner = TestAccounts.signedIn(port, OWNER);
        owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", live)).json());
        assertThat(owner.post("/api/studies/" + live + "/publish", "").status()).isEqualTo(200);

        String page = PageClient.on(port).get("/s/" + live).body();

        assertThat(page)
                .contains("action=\"/s/" + live + "/start\"", "<button type=\"submit\" class=\"button\">Start</button>")
                .doesNotContain("Preview", "disabled");
    }
}
