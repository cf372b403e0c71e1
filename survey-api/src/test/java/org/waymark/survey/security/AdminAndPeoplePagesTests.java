package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;

/**
 * The site admin's accounts page and a study's people page: the same rules as the API, problems shown
 * against the field they concern, entered text escaped, and the menus offering only what the viewer
 * may open.
 */
@WaymarkIntegrationTest
class AdminAndPeoplePagesTests {

    private static final String STUDY = "people-page-study";

    @LocalServerPort
    int port;

    private PageClient admin() {
        return WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD);
    }

    private static PageClient.Page send(PageClient client, String path, Map<String, String> fields) {
        String token = client.get("/workspace").csrfToken();
        return client.post(path, token, List.copyOf(fields.entrySet()));
    }

    @Test
    void theAdminMakesAnAccountAfterBeingToldWhatToFixAndCanDisableIt() {
        PageClient admin = admin();
        var page = admin.get("/workspace/accounts");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Accounts</h1>", "href=\"/workspace/accounts\"");

        var weak = send(admin, "/workspace/accounts", Map.of("username", "pages-made", "password", "password1234"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body())
                .contains("There is a problem", "href=\"#password\"", "id=\"password-error\"")
                .contains("value=\"pages-made\"");
        var badName = send(
                admin, "/workspace/accounts", Map.of("username", "Not A Name", "password", "a long enough passphrase"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("href=\"#username\"", "lower-case letters");

        var made = send(
                admin, "/workspace/accounts", Map.of("username", "pages-made", "password", "a long enough passphrase"));
        assertThat(made.status()).isEqualTo(302);
        assertThat(admin.get(made.location()).body()).contains("Account &#39;pages-made&#39; saved.", "pages-made");
        var again = send(
                admin, "/workspace/accounts", Map.of("username", "pages-made", "password", "a long enough passphrase"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("exists already");

        assertThat(WorkspaceSignIn.signedIn(port, "pages-made", "a long enough passphrase")
                        .get("/workspace")
                        .status())
                .isEqualTo(200);
        assertThat(send(admin, "/workspace/accounts/pages-made/disable", Map.of())
                        .status())
                .isEqualTo(302);
        var refused = WorkspaceSignIn.password(PageClient.on(port), "pages-made", "a long enough passphrase");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("The username or the password is not right");

        var self = send(admin, "/workspace/accounts/admin/disable", Map.of());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.body()).contains("You cannot disable your own account");
    }

    @Test
    void aStudysOwnerGivesAndTakesRolesButNeverLeavesItWithoutAnOwner() {
        TestApi owner = TestAccounts.signedIn(port, "people-owner");
        TestAccounts.signedIn(port, "people-coder");
        var upload = owner.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", STUDY).put("title", "People <b>study</b>"))
                        .json());
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        PageClient page = WorkspaceSignIn.signedIn(port, "people-owner", TestAccounts.PASSWORD);

        var people = page.get("/workspace/studies/" + STUDY + "/people");
        assertThat(people.status()).isEqualTo(200);
        assertThat(people.body())
                .contains("People &lt;b&gt;study&lt;/b&gt;", "you are owner")
                .doesNotContain("<b>study</b>")
                .contains("href=\"/workspace/studies/" + STUDY + "/people\" aria-current=\"page\"")
                .contains("href=\"/workspace/studies/" + STUDY + "/audit\"");

        var noRole = send(page, "/workspace/studies/" + STUDY + "/people", Map.of("member", "people-coder"));
        assertThat(noRole.status()).isEqualTo(400);
        assertThat(noRole.body()).contains("href=\"#role\"", "Choose a role");
        var nobody = send(
                page, "/workspace/studies/" + STUDY + "/people", Map.of("member", "no-such-person", "role", "coder"));
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.body()).contains("There is no account named &#39;no-such-person&#39;");

        var granted = send(
                page, "/workspace/studies/" + STUDY + "/people", Map.of("member", "people-coder", "role", "coder"));
        assertThat(granted.status()).isEqualTo(302);
        assertThat(page.get(granted.location()).body()).contains("people-coder", "Roles saved.");
        assertThat(owner.get("/api/studies/" + STUDY + "/roles").body()).contains("\"people-coder\"", "\"coder\"");

        // The coder's own menu for the study offers no People or Audit trail, and the pages refuse them.
        PageClient coder = WorkspaceSignIn.signedIn(port, "people-coder", TestAccounts.PASSWORD);
        assertThat(coder.get("/workspace/studies/" + STUDY + "/people").status())
                .isEqualTo(403);

        var lastOwner = send(page, "/workspace/studies/" + STUDY + "/people/people-owner/remove", Map.of());
        assertThat(lastOwner.status()).isEqualTo(409);
        assertThat(lastOwner.body()).contains("only owner");
        assertThat(send(page, "/workspace/studies/" + STUDY + "/people/people-coder/remove", Map.of())
                        .status())
                .isEqualTo(302);
        assertThat(owner.get("/api/studies/" + STUDY + "/roles").body()).doesNotContain("people-coder");

        // The site admin manages roles in every study, and sees the menu's People and Audit trail only.
        var asAdmin = admin().get("/workspace/studies/" + STUDY + "/people");
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.body()).doesNotContain("you are ");
        assertThat(admin().get("/workspace/studies/no-such-study/people").status())
                .isEqualTo(404);
    }
}
