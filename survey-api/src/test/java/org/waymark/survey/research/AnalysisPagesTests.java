package org.waymark.survey.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import org.waymark.survey.security.WorkspaceSignIn;
import tools.jackson.databind.JsonNode;

/**
 * The analysis explorer on the synthetic demo study, per role: the figures the page shows are the
 * analysis API's for the same request, hidden cells included, and the unprotected profile is neither
 * offered to nor opened for an analyst.
 */
@WaymarkIntegrationTest
class AnalysisPagesTests {

    private static final String STUDY = DemoStudy.ID;
    private static final String PAGE = "/workspace/studies/" + STUDY + "/analysis";
    private static final String ANALYST = "analysis-page-analyst";
    private static final String RESEARCHER = "analysis-page-researcher";
    private static final String CODER = "analysis-page-coder";
    private static final String OUTSIDER = "analysis-page-outsider";
    private static final Pattern CELL = Pattern.compile("<td( class=\"hidden\")?>([^<]*)</td>");

    @LocalServerPort
    int port;

    @BeforeEach
    void people() {
        for (String[] person : new String[][] {{ANALYST, "analyst"}, {RESEARCHER, "researcher"}, {CODER, "coder"}}) {
            TestAccounts.signedIn(port, person[0]);
            TestAccounts.grant(port, STUDY, person[0], person[1]);
        }
        TestAccounts.signedIn(port, OUTSIDER);
    }

    private PageClient page(String username) {
        return WorkspaceSignIn.signedIn(port, username, TestAccounts.PASSWORD);
    }

    @Test
    void showsTheTableChartTestAndSentenceOfAQuestionByABreakdown() {
        var reply = page(ANALYST).get(PAGE + "?question=support_medication&by=community&disclosure=nhs-standard");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String body = reply.body();
        assertThat(body)
                .contains("<h1>Analysis</h1>", "id=\"result-support_medication\"")
                .contains("id=\"t-support_medication-community\"", "<svg", "role=\"img\"", "<desc")
                .contains("Is the difference between groups more than chance?", "p (Holm)", "In words")
                .contains("Shown under the nhs-standard disclosure profile");
        // The form is sent by GET: nothing in it is a secret, and the result is an address to keep.
        String form = body.substring(
                body.indexOf("<form method=\"get\""), body.indexOf("</form>", body.indexOf("<form method=\"get\"")));
        assertThat(form).contains("name=\"question\"").doesNotContain("name=\"_csrf\"");
        assertThat(body).contains("href=\"" + PAGE + "\" aria-current=\"page\"");
        assertThat(body).doesNotContain("value=\"internal\"");
    }

    @Test
    void breaksAQuestionDownBySeveralGroupingsAtOnceAsTheApiDoes() {
        // The form sends each ticked grouping as its own 'by'; the API's comma-joined form works too.
        for (String by : List.of("by=community&by=gender", "by=community,gender")) {
            var reply = page(RESEARCHER).get(PAGE + "?question=support_medication&" + by + "&disclosure=nhs-standard");
            assertThat(reply.status()).as(by).isEqualTo(200);
            assertThat(reply.body())
                    .as(by)
                    .contains("id=\"t-support_medication-community\"", "id=\"t-support_medication-gender\"")
                    .contains("value=\"community\" checked=\"checked\"", "value=\"gender\" checked=\"checked\"");
        }
        var oneUnknown = page(RESEARCHER).get(PAGE + "?question=support_medication&by=community&by=shoe_size");
        assertThat(oneUnknown.status()).isEqualTo(400);
        assertThat(oneUnknown.body()).contains("Choose breakdowns from the list");
    }

    @Test
    void showsExactlyTheFiguresTheApiGivesHiddenCellsIncluded() {
        String query = "?question=support_medication&by=community&disclosure=nhs-standard";
        JsonNode api = TestAccounts.signedIn(port, ANALYST)
                .get("/api/studies/" + STUDY + "/analysis?by=community&disclosure=nhs-standard")
                .json();
        JsonNode question = find(api.get("questions"), "support_medication");
        List<JsonNode> columns = new ArrayList<>(List.of(question.get("overall")));
        question.get("breakdowns").get("community").get("groups").forEach(columns::add);
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < question.get("overall").get("categories").size(); k++) {
            for (JsonNode column : columns) {
                expected.add(cell(column.get("categories").get(k), column.get("base")));
            }
        }

        String body = page(ANALYST).get(PAGE + query).body();
        String table = body.substring(
                body.indexOf("<table id=\"t-support_medication-community\""),
                body.indexOf("</table>", body.indexOf("<table id=\"t-support_medication-community\"")));
        List<String> shown = new ArrayList<>();
        Matcher cells = CELL.matcher(table);
        while (cells.find()) {
            shown.add(cells.group(1) == null ? cells.group(2) : "hidden " + cells.group(2));
        }

        assertThat(expected)
                .as("the demo data has small groups, so some cell is hidden")
                .contains("hidden *");
        assertThat(shown.subList(0, expected.size())).isEqualTo(expected);
        assertThat(body).contains("Hidden under the nhs-standard disclosure profile");
        JsonNode test = question.get("breakdowns").get("community").get("test");
        assertThat(body)
                .contains(HtmlUtils.htmlEscape(test.get("sentence").asString(), "UTF-8"))
                .contains("<td>" + AnalysisView.p(test.get("pHolm").asDouble()) + "</td>");
    }

    /** A cell as the report's tables write it ("n of N (x%)", "*" when hidden), from the API's JSON. */
    private static String cell(JsonNode category, JsonNode base) {
        if (category.get("count").isNull()
                || base.isNull()
                || (base.asLong() != 0 && category.get("percent").isNull())) {
            return "hidden *";
        }
        if (base.asLong() == 0) {
            return "no answers";
        }
        BigDecimal percent = BigDecimal.valueOf(category.get("percent").asDouble())
                .setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return category.get("count").asLong() + " of " + base.asLong() + " ("
                + (percent.scale() < 0 ? percent.setScale(0) : percent).toPlainString() + "%)";
    }

    private static JsonNode find(JsonNode questions, String id) {
        for (JsonNode question : questions) {
            if (question.get("question").asString().equals(id)) {
                return question;
            }
        }
        throw new AssertionError("no question " + id);
    }

    @Test
    void refusesTheInternalProfileToAnAnalystWhoNamesItInTheAddressAsTheApiDoes() {
        var forced = page(ANALYST).get(PAGE + "?question=support_medication&by=community&disclosure=internal");
        var api = TestAccounts.signedIn(port, ANALYST)
                .get("/api/studies/" + STUDY + "/analysis?by=community&disclosure=internal");

        assertThat(forced.status()).isEqualTo(403);
        assertThat(api.status()).isEqualTo(403);
        assertThat(forced.body()).doesNotContain("id=\"t-support_medication-community\"");
    }

    @Test
    void offersAndShowsTheInternalProfileToAResearcher() {
        var client = page(RESEARCHER);
        var form = client.get(PAGE);
        var internal = client.get(PAGE + "?question=support_medication&by=community&disclosure=internal");

        assertThat(form.body()).contains("value=\"internal\"");
        assertThat(internal.status()).isEqualTo(200);
        assertThat(internal.body())
                .contains("these figures must not leave the platform", "Nothing in these tables is hidden.");
    }

    @Test
    void showsWhatToFixForABreakdownTheStudyDoesNotHave() {
        var reply = page(ANALYST).get(PAGE + "?question=support_medication&by=%3Cb%3Enope%3C%2Fb%3E");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body())
                .contains("There is a problem", "Choose breakdowns from the list")
                .doesNotContain("<b>nope</b>", "id=\"results-heading\"");
    }

    @Test
    void showsAnalystsAnalysisAndReportsButNotExports() {
        String body = page(ANALYST).get(PAGE).body();

        assertThat(body)
                .contains("href=\"/workspace/studies/" + STUDY + "/reports\"")
                .doesNotContain("/exports\"", "/audit\"");
    }

    @Test
    void refusesCodersAndOutsiders() {
        for (String who : List.of(CODER, OUTSIDER)) {
            PageClient client = page(who);
            for (String section : List.of("/analysis", "/reports", "/exports")) {
                assertThat(client.get("/workspace/studies/" + STUDY + section).status())
                        .as(who + " on " + section)
                        .isEqualTo(403);
            }
        }
    }
}
