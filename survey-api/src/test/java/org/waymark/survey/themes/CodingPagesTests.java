package org.waymark.survey.themes;

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

/**
 * The theme search and coding pages, per role: coders see answers with grouping labels and nothing else
 * of a response; analysts, outsiders and a site admin without a role are refused; entered markup shows
 * as text; a coder without JavaScript codes words by typing them.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodingPagesTests {

    private static final String STUDY = "coding-pages-study";
    private static final String PAGES = "/workspace/studies/" + STUDY;
    /** Synthetic answer text with markup in it, which must show as text. */
    private static final String MARKUP = "<b>Kind</b> staff & <script>alert(1)</script> listened 😊 to me.";

    @LocalServerPort
    int port;

    private List<String> responses;
    private PageClient coder;

    @BeforeAll
    void studyAndPeople() {
        TestApi owner = TestAccounts.signedIn(port, "pages-owner");
        responses = CodingStudies.publish(port, owner, STUDY, MARKUP, "Only medication was offered.");
        for (String role : List.of("coder", "analyst")) {
            TestAccounts.signedIn(port, "pages-" + role);
            TestAccounts.grant(port, STUDY, "pages-" + role, role);
        }
        TestAccounts.signedIn(port, "pages-outsider");
        coder = WorkspaceSignIn.signedIn(port, "pages-coder", TestAccounts.PASSWORD);
    }

    @Test
    void aCoderSearchesAndSeesMarkedWordsAndGroupLabelsButNoOtherColumn() {
        var page = coder.get(PAGES + "/themes?q=kind+OR+medication");

        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body)
                .contains("<h1>Search the answers</h1>", "2 answers match")
                .contains("<mark>Kind</mark>", "<mark>medication</mark>")
                .contains("Community: African and African Caribbean")
                .contains("href=\"" + PAGES + "/themes\" aria-current=\"page\"", "href=\"" + PAGES + "/coding\"");
        assertThat(body)
                .as("the highlight's markup is shown as text, never as markup")
                .contains("&lt;b&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<b>", "<script>alert(1)");
        assertThat(body)
                .as("a coder sees grouping labels, not the answers behind them")
                .doesNotContain("Black African", "Ethnic group", "Medication helped", "A lot", "Ever detained?");
    }

    @Test
    void aRefusedSearchIsShownInPlainWords() {
        var page = coder.get(PAGES + "/themes?q=*covery");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("There is a problem", "can only end a word");
    }

    @Test
    void theCodingViewShowsAnAnswerEscapedAndCodesTheWordsACoderTypes() {
        String answer = PAGES + "/coding?response=" + responses.getFirst() + "&question=recovery_meaning";
        var page = coder.get(answer);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("&lt;b&gt;Kind&lt;/b&gt; staff &amp; &lt;script&gt;alert(1)&lt;/script&gt; listened")
                .contains("Community: African and African Caribbean", "Warmth and human qualities")
                .doesNotContain("<b>Kind</b>", "<script>alert(1)", "Black African", "Medication helped");

        var missing = coder.post(
                PAGES + "/coding",
                page.csrfToken(),
                List.of(
                        Map.entry("responseId", responses.getFirst()),
                        Map.entry("question", "recovery_meaning"),
                        Map.entry("theme", "warmth"),
                        Map.entry("words", "listened carefully")));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("These words are not in the answer");

        var coded = coder.post(
                PAGES + "/coding",
                page.csrfToken(),
                List.of(
                        Map.entry("responseId", responses.getFirst()),
                        Map.entry("question", "recovery_meaning"),
                        Map.entry("theme", "warmth"),
                        Map.entry("words", "listened 😊 to me"),
                        Map.entry("view", "answer")));
        assertThat(coded.status()).isEqualTo(302);
        assertThat(coded.location()).contains("/coding?response=" + responses.getFirst(), "done=coded");

        var codes = TestApi.on(port)
                .as("pages-coder", TestAccounts.PASSWORD)
                .get("/api/studies/" + STUDY + "/coding?theme=warmth")
                .json();
        var mine = codes.valueStream()
                .filter(coding -> "pages-coder".equals(coding.get("coder").asString()))
                .findFirst()
                .orElseThrow();
        // In code points: "<b>Kind</b> staff & <script>alert(1)</script> " is 46 characters, then
        // "listened 😊 to me" is 16 (the emoji one, as MariaDB counts it, though Java counts it as two).
        assertThat(mine.get("start").asInt()).isEqualTo(46);
        assertThat(mine.get("end").asInt()).isEqualTo(62);
        assertThat(coder.get(answer).body()).contains("on “listened 😊 to me”", "by pages-coder");
    }

    @Test
    void offsetsFromTheScriptAreUsedWhenTheyMarkTheWordsSent() {
        var page = coder.get(PAGES + "/coding");
        var coded = coder.post(
                PAGES + "/coding",
                page.csrfToken(),
                List.of(
                        Map.entry("responseId", responses.get(1)),
                        Map.entry("question", "recovery_meaning"),
                        Map.entry("theme", "medical_only"),
                        Map.entry("words", "medication"),
                        Map.entry("start", "5"),
                        Map.entry("end", "15")));
        assertThat(coded.status()).isEqualTo(302);
        var codes = TestApi.on(port)
                .as("pages-coder", TestAccounts.PASSWORD)
                .get("/api/studies/" + STUDY + "/coding?theme=medical_only")
                .json();
        // "Only medication was offered.": "medication" runs from character 5 to 15.
        assertThat(codes.get(0).get("start").asInt()).isEqualTo(5);
        assertThat(codes.get(0).get("end").asInt()).isEqualTo(15);
    }

    @Test
    void anAnalystAnOutsiderAndAnAdminWithoutARoleAreRefusedAndOfferedNoLink() {
        for (String who : List.of("pages-analyst", "pages-outsider")) {
            PageClient client = WorkspaceSignIn.signedIn(port, who, TestAccounts.PASSWORD);
            assertThat(client.get(PAGES + "/themes").status()).as(who).isEqualTo(403);
            assertThat(client.get(PAGES + "/coding").status()).as(who).isEqualTo(403);
            // Exact addresses: an analyst is offered the theme matrix (/themes/matrix), never search or coding.
            assertThat(client.get("/workspace").body())
                    .as(who)
                    .doesNotContain("\"" + PAGES + "/themes\"", "\"" + PAGES + "/coding\"");
        }
        PageClient admin = WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD);
        assertThat(admin.get(PAGES + "/themes").status()).isEqualTo(403);
        assertThat(admin.get(PAGES + "/coding").status()).isEqualTo(403);
        // The analyst's studies list names the study but offers neither section.
        assertThat(WorkspaceSignIn.signedIn(port, "pages-analyst", TestAccounts.PASSWORD)
                        .get("/workspace")
                        .body())
                .contains(STUDY);
        assertThat(coder.get("/workspace").body()).contains("\"" + PAGES + "/themes\"", "\"" + PAGES + "/coding\"");
    }
}
