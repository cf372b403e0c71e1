package org.waymark.survey.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import tools.jackson.databind.JsonNode;

/**
 * The theme matrix, terms and quote pages over HTTP: what each role may open and sees, the same protected
 * figures as the API, entered text escaped, and a quote redacted and approved through the form.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThemeExplorerPagesTests {

    private static final String PREFIX = "explorer-pages";

    @LocalServerPort
    int port;

    private ExplorerStudy study;
    private String pages;
    private final Map<String, PageClient> people = new LinkedHashMap<>();

    @BeforeAll
    void makeTheStudyAndSignIn() {
        study = ExplorerStudy.make(port, "explorer-pages-study", PREFIX);
        pages = "/workspace/studies/" + study.id;
        for (String who : List.of("coder", "analyst", "researcher", "owner", "outsider")) {
            people.put(who, WorkspaceSignIn.signedIn(port, PREFIX + "-" + who, TestAccounts.PASSWORD));
        }
        people.put("admin", WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD));
    }

    @Test
    void eachRoleOpensWhatItsRoleAllows() {
        // Columns: matrix, terms, internal matrix, quotes.
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        expected.put("coder", List.of(403, 403, 403, 403));
        expected.put("analyst", List.of(200, 200, 403, 403));
        expected.put("researcher", List.of(200, 200, 200, 200));
        expected.put("owner", List.of(200, 200, 200, 200));
        expected.put("outsider", List.of(403, 403, 403, 403));
        expected.put("admin", List.of(403, 403, 403, 403));
        List<String> paths = List.of(
                pages + "/themes/matrix",
                pages + "/themes/terms?pick=community:african_caribbean",
                pages + "/themes/matrix?disclosure=internal",
                pages + "/quotes");
        expected.forEach((who, statuses) -> {
            for (int i = 0; i < paths.size(); i++) {
                assertThat(people.get(who).get(paths.get(i)).status())
                        .as(who + " " + paths.get(i))
                        .isEqualTo(statuses.get(i));
            }
        });

        String analysts = people.get("analyst").get(pages + "/themes/matrix").body();
        assertThat(analysts)
                .contains(">Theme matrix<", ">Terms<")
                .doesNotContain(pages + "/quotes", "value=\"internal\"")
                .as("no row-level text on an aggregate page")
                .doesNotContain("Church community helped", "Work colleagues", "Example Ward");
        String analystsTerms = people.get("analyst")
                .get(pages + "/themes/terms?pick=community:african_caribbean")
                .body();
        assertThat(analystsTerms).contains(">church<").doesNotContain("Church community helped", "Example Ward");
        String researchers =
                people.get("researcher").get(pages + "/themes/matrix").body();
        assertThat(researchers).contains("href=\"" + pages + "/quotes\"", "value=\"internal\"");
    }

    @Test
    void explainsAChoiceNotOnTheListAndAStudyNotYetPublished() {
        var nonsense = people.get("researcher").get(pages + "/themes/matrix?by=nonsense");
        assertThat(nonsense.status()).isEqualTo(400);
        assertThat(nonsense.body()).contains("There is a problem", "Choose a breakdown from the list.");
        var group = people.get("researcher").get(pages + "/themes/terms?pick=community:martians");
        assertThat(group.status()).isEqualTo(400);
        assertThat(group.body()).contains("Choose a group from the list.");

        String draft = "explorer-pages-draft";
        assertThat(study.owner
                        .post(
                                "/api/studies",
                                TestDefinitions.minimal()
                                        .with(root -> root.put("id", draft))
                                        .json())
                        .status())
                .isEqualTo(201);
        for (String page : List.of("/themes/matrix", "/themes/terms", "/quotes")) {
            var opened = people.get("owner").get("/workspace/studies/" + draft + page);
            assertThat(opened.status()).as(page).isEqualTo(200);
            assertThat(opened.body()).as(page).contains("has not been published yet");
        }
    }

    @Test
    void recordsWhatTheMatrixPageShowedInTheAuditTrailAsTheApiDoes() {
        people.get("analyst").get(pages + "/themes/matrix?by=detained&disclosure=strict-10");
        JsonNode entries = study.owner.get(study.api + "/audit").json();
        assertThat(entries.toString())
                .contains("analysis.theme-matrix")
                .contains("disclosure strict-10; by detained")
                .contains(PREFIX + "-analyst");
    }

    @Test
    void theMatrixPageShowsTheApisFiguresUnderEachProfile() {
        for (String profile : List.of("nhs-standard", "strict-10", "internal")) {
            JsonNode api = study.owner
                    .get(study.api + "/themes/matrix?by=community&disclosure=" + profile)
                    .json();
            String page = people.get("researcher")
                    .get(pages + "/themes/matrix?by=community&disclosure=" + profile)
                    .body();
            for (JsonNode theme : api.get("themes")) {
                String row = row(page, theme.get("name").asString());
                List<String> shares = new ArrayList<>();
                List<String> counts = new ArrayList<>();
                cellsOf(theme.get("overall"), shares, counts);
                api.get("groups")
                        .propertyNames()
                        .forEach(group -> cellsOf(theme.get("groups").get(group), shares, counts));
                assertThat(all(row, "<span class=\"share\">([^<]*)</span>"))
                        .as(profile + " " + theme.get("theme").asString())
                        .isEqualTo(shares);
                assertThat(all(row, "<span class=\"counts\">([^<]*)</span>")).isEqualTo(counts);
                JsonNode test = theme.get("test");
                if (test.isObject() && !test.get("suppressed").asBoolean()) {
                    assertThat(row).contains(p(test.get("pValue")), p(test.get("pHolm")), p(test.get("pBH")));
                }
            }
        }
        String warmth = row(
                people.get("researcher")
                        .get(pages + "/themes/matrix?by=community")
                        .body(),
                "Warmth and human qualities");
        assertThat(all(warmth, "<span class=\"share\">([^<]*)</span>"))
                .as("everyone 12 of 24; 10 of 12; 2 of 12 hidden")
                .containsExactly("50%", "83%", "hidden");
        assertThat(warmth).contains("heat heat-hidden");
    }

    @Test
    void theTermsPageHidesTheCountsTheApiHides() {
        String path = "/themes/terms?by=community&group=african_caribbean&disclosure=";
        for (String profile : List.of("nhs-standard", "strict-10")) {
            JsonNode church = study.owner
                    .get(study.api + path + profile)
                    .json()
                    .get("terms")
                    .valueStream()
                    .filter(term -> term.get("word").asString().equals("church"))
                    .findFirst()
                    .orElseThrow();
            String row = row(
                    people.get("analyst")
                            .get(pages + "/themes/terms?pick=community:african_caribbean&disclosure=" + profile)
                            .body(),
                    "church");
            List<String> cells = all(row, "<td[^>]*>([^<]*)</td>");
            List<String> expected = new ArrayList<>();
            for (String field : List.of("participants", "inGroup", "groupWords", "inRest", "restWords")) {
                expected.add(
                        church.get(field).isNull()
                                ? "hidden"
                                : church.get(field).asString());
            }
            assertThat(cells.subList(0, 5)).as(profile).isEqualTo(expected);
            assertThat(expected.get(3)).as("3 uses in the rest").isEqualTo("hidden");
            if (profile.equals("strict-10")) {
                assertThat(row).contains("Withheld");
            } else {
                assertThat(cells.get(5))
                        .isEqualTo(String.format(
                                Locale.UK, "%.2f", church.get("logLikelihood").asDouble()));
            }
        }
    }

    @Test
    void theQuotePageEscapesTextAndApprovesARedactedWording() {
        PageClient researcher = people.get("researcher");
        long hope = study.owner
                .get(study.api + "/quotes?theme=hope")
                .json()
                .get(0)
                .get("quoteId")
                .asLong();
        var bank = researcher.get(pages + "/quotes");
        assertThat(bank.status()).isEqualTo(200);
        assertThat(bank.body())
                .contains("&lt;b&gt;Kind&lt;/b&gt; staff at Example Ward &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<b>Kind</b>", "<script>alert(1)</script>")
                .contains("Community: African and African Caribbean")
                .as("3 detained participants: too few to name")
                .contains("Detained: not named");

        String approve = pages + "/quotes/" + hope + "/approve";
        var empty =
                researcher.post(approve, bank.csrfToken(), List.of(Map.entry("text", " "), Map.entry("redact", "")));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("There is a problem", "Write the wording to publish");
        var misspelt = researcher.post(
                approve,
                bank.csrfToken(),
                List.of(Map.entry("text", ExplorerStudy.MARKUP), Map.entry("redact", "Example Ward\nExampel")));
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.body())
                .contains("Word or phrase 2 to redact is not in the quote", "href=\"#redact-" + hope + "\"")
                .as("what was typed is kept")
                .contains("Example Ward\nExampel</textarea>");
        assertThat(study.owner.get(study.api + "/quotes?approved=true").json().size())
                .as("nothing saved")
                .isZero();
        PageClient analyst = people.get("analyst");
        String analystsToken = analyst.get("/workspace").csrfToken();
        assertThat(analyst.post(approve, analystsToken, List.of(Map.entry("redact", "Example Ward")))
                        .status())
                .as("with the analyst's own form token: refused for the role")
                .isEqualTo(403);

        var approved = researcher.post(
                approve,
                bank.csrfToken(),
                List.of(Map.entry("text", ExplorerStudy.MARKUP), Map.entry("redact", "Example Ward")));
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        assertThat(approved.location()).isEqualTo(pages + "/quotes?done=" + hope);
        String after = researcher.get(pages + "/quotes?done=" + hope).body();
        assertThat(after)
                .contains("is approved for reports")
                .contains("&lt;b&gt;Kind&lt;/b&gt; staff at [redacted] &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Approved for reports by " + PREFIX + "-researcher");
        assertThat(study.owner
                        .get(study.api + "/quotes?approved=true")
                        .json()
                        .get(0)
                        .get("redactedText")
                        .asString())
                .isEqualTo("<b>Kind</b> staff at [redacted] <script>alert(1)</script>");
    }

    /** The table row whose heading cell holds {@code heading}. */
    private static String row(String page, String heading) {
        Matcher row = Pattern.compile(
                        "<tr>\\s*<th scope=\"row\">" + Pattern.quote(heading) + "</th>(.*?)</tr>", Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).as("a row for " + heading).isTrue();
        return row.group(1);
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1).strip());
        }
        return found;
    }

    /** What the page should write for one of the API's cells: the share, and the count of the base. */
    private static void cellsOf(JsonNode cell, List<String> shares, List<String> counts) {
        if (cell.get("suppressed").asBoolean()) {
            shares.add("hidden");
        } else if (cell.get("base").asLong() == 0) {
            shares.add("no one");
            counts.add("in this group");
        } else {
            shares.add(String.format(Locale.UK, "%.0f%%", cell.get("percent").asDouble()));
            counts.add(cell.get("count").asLong() + " of " + cell.get("base").asLong());
        }
    }

    private static String p(JsonNode p) {
        return p.asDouble() < 0.001 ? "&lt; 0.001" : String.format(Locale.UK, "%.3f", p.asDouble());
    }
}
