package org.waymark.survey.studies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.security.WorkspaceSignIn;

/**
 * A study's overview, publishing and closing, as each role sees them: everyone with a role sees the
 * versions and their previews; only the owner is offered, and allowed, the buttons that change the study.
 */
@WaymarkIntegrationTest
class StudyPagesTests {

    private static final String OWNER = "study-pages-owner";

    @LocalServerPort
    int port;

    /** Uploads a draft study as {@link #OWNER} and gives each other role to an account of its own. */
    private String draftStudyWithTeam(String studyId) {
        TestApi owner = TestAccounts.signedIn(port, OWNER);
        var created = owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", studyId)).json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (String role : List.of("researcher", "coder", "analyst")) {
            TestAccounts.signedIn(port, studyId + "-" + role);
            TestAccounts.grant(port, studyId, studyId + "-" + role, role);
        }
        TestAccounts.signedIn(port, studyId + "-outsider");
        return studyId;
    }

    private PageClient signedIn(String username) {
        return WorkspaceSignIn.signedIn(port, username, TestAccounts.PASSWORD);
    }

    private static PageClient.Page confirm(PageClient client, String study, String action, boolean confirmed) {
        String csrf = client.get("/workspace").csrfToken();
        return client.post(
                "/workspace/studies/" + study + "/" + action,
                csrf,
                confirmed ? List.of(Map.entry("confirmed", "true")) : List.of());
    }

    @Test
    void everyRoleSeesTheVersionsButOnlyTheOwnerIsOfferedTheButtons() {
        String study = draftStudyWithTeam("study-pages-roles");

        for (String role : List.of("researcher", "coder", "analyst")) {
            var page = signedIn(study + "-" + role).get("/workspace/studies/" + study);
            assertThat(page.status()).as(role).isEqualTo(200);
            assertThat(page.body())
                    .as(role)
                    .contains("<h1>Overview</h1>", "A test study", "Draft, not published")
                    .contains("href=\"/workspace/studies/" + study + "/versions/1/preview\"")
                    .contains("href=\"/workspace/studies/" + study + "\" aria-current=\"page\"")
                    .doesNotContain("Publish version", "Upload a new version", "Close the study", "/publish\"");
        }
        var owners = signedIn(OWNER).get("/workspace/studies/" + study);
        assertThat(owners.body())
                .contains("Publish version 1", "I have previewed version 1", "Upload a new version")
                .contains("action=\"/workspace/studies/" + study + "/publish\"")
                .as("a draft study cannot be closed")
                .doesNotContain("Close the study");
    }

    @Test
    void refusesTheChangesToEveryoneButTheOwner() {
        String study = draftStudyWithTeam("study-pages-refused");

        for (String role : List.of("researcher", "coder", "analyst")) {
            PageClient client = signedIn(study + "-" + role);
            assertThat(confirm(client, study, "publish", true).status())
                    .as(role)
                    .isEqualTo(403);
            assertThat(confirm(client, study, "close", true).status()).as(role).isEqualTo(403);
            assertThat(client.get("/workspace/studies/" + study + "/versions/new")
                            .status())
                    .as(role)
                    .isEqualTo(403);
        }
        PageClient outsider = signedIn(study + "-outsider");
        assertThat(outsider.get("/workspace/studies/" + study).status()).isEqualTo(403);
        assertThat(confirm(outsider, study, "publish", true).status()).isEqualTo(403);
        PageClient admin = WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD);
        assertThat(admin.get("/workspace/studies/" + study).status())
                .as("the site admin has no role in the study")
                .isEqualTo(403);
        assertThat(confirm(admin, study, "publish", true).status()).isEqualTo(403);

        assertThat(TestApi.on(port).get("/api/studies/" + study).status())
                .as("still unpublished")
                .isEqualTo(404);
    }

    @Test
    void theOwnerConfirmsPublishesAndIsToldPlainlyWhenThereIsNothingToPublish() {
        String study = draftStudyWithTeam("study-pages-publish");
        PageClient owner = signedIn(OWNER);

        var unconfirmed = confirm(owner, study, "publish", false);
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.body()).contains("Tick the box to confirm", "href=\"#confirm-publish\"");
        assertThat(TestApi.on(port).get("/api/studies/" + study).status()).isEqualTo(404);

        var published = confirm(owner, study, "publish", true);
        assertThat(published.status()).isEqualTo(302);
        assertThat(published.location()).isEqualTo("/workspace/studies/" + study + "?done=published");
        assertThat(TestApi.on(port).get("/api/studies/" + study).status()).isEqualTo(200);
        var overview = owner.get(published.location());
        assertThat(overview.body())
                .contains("The study is published", "Published: open to participants", "href=\"/s/" + study + "\"")
                .contains("Close the study")
                .doesNotContain("Publish version");

        var again = confirm(owner, study, "publish", true);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("Version 1 of study", "is already published", "Upload a new version");
    }

    @Test
    void theOwnerClosesAPublishedStudyOnceAndIsToldWhenItIsClosedAlready() {
        String study = draftStudyWithTeam("study-pages-close");
        PageClient owner = signedIn(OWNER);

        var notYet = confirm(owner, study, "close", true);
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.body()).contains("has never been published, so there is nothing to close");

        assertThat(confirm(owner, study, "publish", true).status()).isEqualTo(302);
        assertThat(confirm(owner, study, "close", false).status()).isEqualTo(422);
        var closed = confirm(owner, study, "close", true);
        assertThat(closed.location()).isEqualTo("/workspace/studies/" + study + "?done=closed");
        assertThat(owner.get(closed.location()).body())
                .contains("The study is closed", "Closed: nobody new can take part");
        var again = confirm(owner, study, "close", true);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("is closed already");
    }

    @Test
    void showsAStudyTitleWithMarkupAsTextOnEveryPage() {
        String study = "study-pages-markup";
        TestApi owner = TestAccounts.signedIn(port, OWNER);
        String title = "<script>alert('title')</script> & <b>bold</b>";
        var created = owner.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", study).put("title", title))
                        .json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        PageClient client = signedIn(OWNER);

        for (String path : List.of(
                "/workspace",
                "/workspace/studies/" + study,
                "/workspace/studies/" + study + "/versions/new",
                "/workspace/studies/" + study + "/versions/1/preview")) {
            String body = client.get(path).body();
            assertThat(body)
                    .as(path)
                    .contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                    .doesNotContain("<script>", "<b>bold</b>");
        }
    }

    @Test
    void anUploadWithErrorsShowsEachAtItsLineAndKeepsTheText() {
        PageClient client = signedIn(OWNER);
        var definition = TestDefinitions.minimal().with(root -> root.put("id", "study-pages-upload"));
        definition.question(1, 0).withArray("options").remove(1);
        String json = TestDefinitions.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(definition.root());
        String[] lines = json.split("\n");
        int secondSection = indexOf(lines, "\"Second\"", 0);
        int optionsLine = indexOf(lines, "\"options\"", secondSection) + 1;
        String csrf = client.get("/workspace/studies/new").csrfToken();

        var refused = client.postMultipart(
                "/workspace/studies/new",
                csrf,
                List.of(Map.entry("definition", "")),
                "study.json",
                json.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body())
                .contains("There is a problem")
                .contains("href=\"#line-" + optionsLine + "\"")
                .contains("Line " + optionsLine
                        + ", $.sections[1].questions[0].options: a single question needs at least 2")
                .contains("<tr id=\"line-" + optionsLine + "\" tabindex=\"-1\" class=\"line-with-error\"")
                .as("the text stays in the box, escaped")
                .contains("&quot;study-pages-upload&quot;");
        assertThat(client.get("/workspace").body())
                .as("nothing saved: the uploader would own it, and see it listed")
                .doesNotContain("study-pages-upload");

        var syntax = client.postMultipart(
                "/workspace/studies/new",
                csrf,
                List.of(Map.entry("definition", "{\n  \"id\": \"x\"\n  \"version\": 1\n}")),
                null,
                null);
        assertThat(syntax.status()).isEqualTo(422);
        assertThat(syntax.body()).contains("href=\"#line-3\"", "near line 3");

        definition
                .question(1, 0)
                .withArray("options")
                .addObject()
                .put("code", "no")
                .put("label", "No");
        var fixed = client.postMultipart(
                "/workspace/studies/new", csrf, List.of(Map.entry("definition", definition.json())), null, null);
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(302);
        assertThat(fixed.location()).isEqualTo("/workspace/studies/study-pages-upload?done=created");
        assertThat(client.get(fixed.location()).body()).contains("Your study is uploaded as a draft");
    }

    @Test
    void aNewStudyWithATakenIdOrNothingSentIsRefusedInPlainWords() {
        String study = draftStudyWithTeam("study-pages-taken");
        PageClient client = signedIn(study + "-coder");
        String csrf = client.get("/workspace/studies/new").csrfToken();

        var nothing = client.postMultipart("/workspace/studies/new", csrf, List.of(), null, null);
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.body()).contains("Choose a file with the study definition, or paste its text");

        var taken = client.postMultipart(
                "/workspace/studies/new",
                csrf,
                List.of(Map.entry(
                        "definition",
                        TestDefinitions.minimal()
                                .with(root -> root.put("id", study))
                                .json())),
                null,
                null);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("is the id of a study that exists already");
    }

    @Test
    void theOwnerUploadsANewVersionFromTheTextOfTheNewestOne() {
        String study = draftStudyWithTeam("study-pages-version");
        PageClient owner = signedIn(OWNER);
        assertThat(confirm(owner, study, "publish", true).status()).isEqualTo(302);

        var form = owner.get("/workspace/studies/" + study + "/versions/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("&quot;study-pages-version&quot;");
        var unchanged = owner.postMultipart(
                "/workspace/studies/" + study + "/versions/new",
                form.csrfToken(),
                List.of(Map.entry(
                        "definition",
                        TestDefinitions.minimal()
                                .with(root -> root.put("id", study))
                                .json())),
                null,
                null);
        assertThat(unchanged.status()).isEqualTo(422);
        assertThat(unchanged.body()).contains("$.version: must be 2: version 1 is published and cannot change");

        var second = owner.postMultipart(
                "/workspace/studies/" + study + "/versions/new",
                form.csrfToken(),
                List.of(Map.entry(
                        "definition",
                        TestDefinitions.minimal()
                                .with(root -> root.put("id", study).put("version", 2))
                                .json())),
                null,
                null);
        assertThat(second.location()).isEqualTo("/workspace/studies/" + study + "?done=uploaded");
        assertThat(owner.get(second.location()).body())
                .contains("Publish version 2", "/versions/2/preview", "/versions/1/preview");
    }

    private static int indexOf(String[] lines, String text, int from) {
        for (int i = from; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line holds " + text);
    }
}
