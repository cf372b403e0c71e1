package org.waymark.survey.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Element;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import tools.jackson.databind.JsonNode;

/**
 * The report of the demo study (60 synthetic participants in tests, application-test.yaml) against
 * the analysis API: the same figures, and none that the disclosure profile hides. With 60 people
 * split by community, gender and compulsory treatment, many cells hold 1 to 7 people, so suppression
 * really happens (the tests check that it does).
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportApiTests {

    static final String BY = "community,gender,compulsory";
    static final String REPORT = "/api/studies/" + DemoStudy.ID + "/report.html?by=" + BY;
    static final Pattern SHARE = Pattern.compile("(\\d+) of (\\d+) \\((\\d+(?:\\.\\d)?)%\\)");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi researcher;
    private JsonNode analysis;
    private JsonNode internal;
    private ReportDocument report;

    @BeforeAll
    void build() {
        // The demo study has no owner until the admin gives someone a role in it.
        researcher = TestAccounts.signedIn(port, "report-researcher");
        TestAccounts.grant(port, DemoStudy.ID, "report-researcher", "researcher");
        analysis = ok("/api/studies/" + DemoStudy.ID + "/analysis?by=" + BY).json();
        internal = ok("/api/studies/" + DemoStudy.ID + "/analysis?disclosure=internal&by=" + BY)
                .json();
        TestApi.Reply reply = ok(REPORT);
        assertThat(reply.contentType()).startsWith("text/html");
        report = new ReportDocument(reply.body());
    }

    private TestApi.Reply ok(String path) {
        TestApi.Reply reply = researcher.get(path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply;
    }

    @Test
    void everyTableCellEqualsTheAnalysisApi() {
        int compared = 0;
        for (JsonNode question : analysis.get("questions")) {
            if (question.get("type").asString().equals("number")) {
                continue;
            }
            for (var breakdown : question.get("breakdowns").properties()) {
                List<JsonNode> columns = new ArrayList<>();
                columns.add(question.get("overall"));
                breakdown.getValue().get("groups").forEach(columns::add);
                List<List<String>> cells =
                        report.cells("t-" + question.get("question").asString() + "-" + breakdown.getKey());
                int options = question.get("overall").get("categories").size();
                for (int row = 0; row < options; row++) {
                    for (int column = 0; column < columns.size(); column++) {
                        JsonNode group = columns.get(column);
                        assertCell(
                                cells.get(row).get(column),
                                group,
                                group.get("categories").get(row));
                        compared++;
                    }
                }
            }
        }
        // 43 closed questions of which 1 number question, by 3 groupings: thousands of cells.
        assertThat(compared).isGreaterThan(1000);
        assertThat(report.cells("t-support_medication-gender").getFirst().getFirst())
                .as("a cell written as n of N (x%%)")
                .matches(SHARE.pattern());
    }

    private static void assertCell(String text, JsonNode group, JsonNode category) {
        JsonNode count = category.get("count");
        JsonNode base = group.get("base");
        JsonNode percent = category.get("percent");
        if (count.isNull() || base.isNull() || (base.asLong() != 0 && percent.isNull())) {
            assertThat(text).isEqualTo("*");
        } else if (base.asLong() == 0) {
            assertThat(text).isEqualTo("no answers");
        } else {
            Matcher share = SHARE.matcher(text);
            assertThat(share.matches()).as(text).isTrue();
            assertThat(Long.parseLong(share.group(1))).isEqualTo(count.asLong());
            assertThat(Long.parseLong(share.group(2))).isEqualTo(base.asLong());
            assertThat(Double.parseDouble(share.group(3))).isEqualTo(percent.asDouble());
        }
    }

    @Test
    void noHiddenValueAppearsAnywhere() {
        int hidden = 0;
        for (JsonNode question : analysis.get("questions")) {
            String id = question.get("question").asString();
            if (question.get("type").asString().equals("number")) {
                continue;
            }
            JsonNode unprotected = find(internal.get("questions"), id);
            for (var breakdown : question.get("breakdowns").properties()) {
                String table = "t-" + id + "-" + breakdown.getKey();
                List<List<String>> cells = report.cells(table);
                List<String> figures = report.chartFigures(table);
                List<JsonNode> groups = new ArrayList<>();
                breakdown.getValue().get("groups").forEach(groups::add);
                JsonNode exactGroups =
                        unprotected.get("breakdowns").get(breakdown.getKey()).get("groups");
                int columns = groups.size() + 1;
                for (int g = 0; g < groups.size(); g++) {
                    for (int row = 0; row < groups.get(g).get("categories").size(); row++) {
                        JsonNode shown = groups.get(g).get("categories").get(row);
                        if (!shown.get("count").isNull()) {
                            continue;
                        }
                        hidden++;
                        JsonNode exact = exactGroups.get(g).get("categories").get(row);
                        assertThat(exact.get("count").asLong())
                                .as("the profile hides counts of 1 to 7")
                                .isBetween(1L, 7L);
                        assertThat(cells.get(row).get(g + 1)).as(table).isEqualTo("*");
                        assertThat(figures.get(row * columns + g + 1))
                                .as("the chart's label of a hidden value in " + table)
                                .isEqualTo("hidden (*)");
                    }
                }
            }
        }
        assertThat(hidden)
                .as("the demo's small groups make the profile hide cells")
                .isGreaterThan(50);
        assertThat(report.smallCounts(7))
                .as("no count from 1 to 7 in any text, table, chart label, title, description or sentence")
                .isEmpty();
    }

    @Test
    void theLeakCheckFindsAHiddenCountPutBack() {
        // Proves the check above can fail: put one hidden cell's true figures back into the report.
        String leaked = report.html.replaceFirst("<td class=\"hidden\">\\*</td>", "<td>3 of 12 (25%)</td>");
        assertThat(leaked).isNotEqualTo(report.html);
        assertThat(new ReportDocument(leaked).smallCounts(7)).containsExactly("3 of 12");
        String inChart = report.html.replaceFirst("hidden \\(\\*\\)</text>", "2 of 9</text>");
        assertThat(new ReportDocument(inChart).smallCounts(7)).isNotEmpty();
    }

    @Test
    void strictProfileShowsNoCountUpToTen() {
        ReportDocument strict =
                new ReportDocument(ok(REPORT + "&disclosure=strict-10").body());
        assertThat(strict.html).contains("strict-10");
        assertThat(strict.all("td").stream()
                        .filter(cell -> cell.getTextContent().equals("*")))
                .isNotEmpty();
        assertThat(strict.smallCounts(10)).isEmpty();
    }

    @Test
    void keyFindingsAreTheAnalysisSentencesThatSurviveHolm() {
        List<String> expected = significant(analysis);
        List<String> shown = findings(report);
        assertThat(shown).hasSize(Math.min(expected.size(), Findings.MOST));
        assertThat(expected).containsAll(shown);
    }

    @Test
    void underStrictTenWithheldTestsAreNeitherFindingsNorCountedAndTheMethodsSaySo() {
        JsonNode strictAnalysis = ok("/api/studies/" + DemoStudy.ID + "/analysis?disclosure=strict-10&by=" + BY)
                .json();
        ReportDocument strict =
                new ReportDocument(ok(REPORT + "&disclosure=strict-10").body());
        List<String> withheld = tests(strictAnalysis).stream()
                .filter(test -> test.get("pValue").isNull())
                .map(test -> test.get("sentence").asString())
                .toList();
        assertThat(withheld)
                .as("60 people by three groupings leave hidden cells in tested groups")
                .isNotEmpty();
        List<String> expected = significant(strictAnalysis);
        List<String> shown = findings(strict);
        assertThat(shown).hasSize(Math.min(expected.size(), Findings.MOST));
        assertThat(expected).containsAll(shown);
        assertThat(shown).noneMatch(withheld::contains).noneMatch(text -> text.contains("withheld"));
        int count = strictAnalysis.get("testsWithheld").asInt();
        long withheldScaleTests = strictAnalysis
                .get("scales")
                .valueStream()
                .flatMap(scale -> scale.get("breakdowns").valueStream())
                .filter(breakdown -> !breakdown.get("test").isNull()
                        && breakdown.get("test").get("pValue").isNull())
                .count();
        assertThat(count).isEqualTo(withheld.size() + withheldScaleTests);
        assertThat(strict.html)
                .contains("This analysis made " + strictAnalysis.get("tests").asInt() + " tests.")
                .contains(count + " more tests were withheld to protect small groups");
        assertThat(report.html).as("nothing is withheld under nhs-standard").doesNotContain("more tests were withheld");
    }

    /** The sentences of the tests whose Holm-adjusted p-value is under 0.05. */
    private static List<String> significant(JsonNode analysis) {
        return tests(analysis).stream()
                .filter(test -> !test.get("pHolm").isNull() && test.get("pHolm").asDouble() < 0.05)
                .map(test -> test.get("sentence").asString())
                .toList();
    }

    private static List<JsonNode> tests(JsonNode analysis) {
        List<JsonNode> tests = new ArrayList<>();
        for (JsonNode question : analysis.get("questions")) {
            for (var breakdown : question.get("breakdowns").properties()) {
                if (!breakdown.getValue().get("test").isNull()) {
                    tests.add(breakdown.getValue().get("test"));
                }
                if (!breakdown.getValue().get("optionTests").isNull()) {
                    breakdown.getValue().get("optionTests").forEach(tests::add);
                }
            }
        }
        return tests;
    }

    private static List<String> findings(ReportDocument document) {
        Element findings = document.byId("key-findings").orElseThrow();
        return ReportDocument.children(findings, "li").stream()
                .map(li -> li.getTextContent().strip())
                .toList();
    }

    @Test
    void printsWhatItWasBuiltFromAndRebuildsIdentically() {
        String again = ok(REPORT).body();
        assertThat(again).isEqualTo(report.html);
        String provenance = report.byId("provenance").orElseThrow().getTextContent();
        assertThat(provenance).containsPattern("[0-9a-f]{64}");
        assertThat(provenance).contains("nhs-standard");
        // 60 synthetic participants, a multiple of 5 so the rounded count is the count.
        assertThat(provenance).containsPattern("Responses included\\s*60");
    }

    @Test
    void recordsEachGenerationInTheAuditLog() {
        ok(REPORT + "&disclosure=strict-10");
        List<String> details = jdbc.sql(
                        "SELECT detail FROM audit_event WHERE action = 'report.generated' AND study_id = ? ORDER BY id")
                .param(DemoStudy.ID)
                .query(String.class)
                .list();
        assertThat(details.getLast()).startsWith("format html; disclosure strict-10; responses 60; data sha256 ");
    }

    @Test
    void refusesTheInternalProfileInPlainWords() {
        TestApi.Reply reply = researcher.get(REPORT + "&disclosure=internal");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).contains("cannot use the 'internal' profile");
        assertThat(researcher
                        .get("/api/studies/" + DemoStudy.ID + "/report.pdf?disclosure=internal")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void refusesOptionsItCannotUse() {
        TestApi.Reply unknown = researcher.get(REPORT + "&questions=no_such_question");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("has no question 'no_such_question'");
        TestApi.Reply text = researcher.get(REPORT + "&questions=recovery_meaning");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("detail").asString()).contains("free text");
        assertThat(researcher.get(REPORT.replace("by=" + BY, "by=nonsense")).status())
                .isEqualTo(400);
    }

    @Test
    void needsASignedInResearcher() {
        assertThat(TestApi.on(port).get(REPORT).status()).isEqualTo(401);
        assertThat(TestApi.on(port)
                        .get("/api/studies/" + DemoStudy.ID + "/report.pdf")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void isAccessibleHtmlWithNothingToFetchAndNoScript() {
        List<Element> headings = new ArrayList<>();
        collectHeadings(report.document.getDocumentElement(), headings);
        assertThat(headings.getFirst().getLocalName()).isEqualTo("h1");
        assertThat(headings.stream().filter(h -> h.getLocalName().equals("h1"))).hasSize(1);
        for (int i = 1; i < headings.size(); i++) {
            int level = headings.get(i).getLocalName().charAt(1) - '0';
            int previous = headings.get(i - 1).getLocalName().charAt(1) - '0';
            assertThat(level).as(headings.get(i).getTextContent()).isLessThanOrEqualTo(previous + 1);
        }
        List<Element> tables = report.all("table");
        assertThat(tables).isNotEmpty().allSatisfy(table -> {
            assertThat(ReportDocument.children(table, "caption")).hasSize(1);
            assertThat(ReportDocument.children(table, "th"))
                    .isNotEmpty()
                    .allSatisfy(th -> assertThat(th.getAttribute("scope")).isIn("col", "row"));
        });
        List<Element> charts = report.all("svg");
        assertThat(charts).isNotEmpty().allSatisfy(svg -> {
            assertThat(svg.getAttribute("role")).isEqualTo("img");
            assertThat(ReportDocument.children(svg, "title")).hasSize(1);
            assertThat(ReportDocument.children(svg, "desc")).hasSize(1);
            for (String id : svg.getAttribute("aria-labelledby").split(" ")) {
                assertThat(report.byId(id)).as(id).isPresent();
            }
        });
        assertThat(report.all("script")).isEmpty();
        assertThat(report.all("*"))
                .as("nothing is loaded from anywhere: no src, no outside link")
                .allSatisfy(element -> {
                    assertThat(element.hasAttribute("src")).isFalse();
                    assertThat(element.getAttribute("href")).matches("(#.*)?");
                });
        assertThat(report.html).doesNotContain("url(", "@import");
        assertThat(researcher.get(REPORT).contentType()).startsWith("text/html");
    }

    private static void collectHeadings(org.w3c.dom.Node node, List<Element> headings) {
        if (node instanceof Element element && element.getLocalName().matches("h[1-6]")) {
            headings.add(element);
        }
        for (var child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collectHeadings(child, headings);
        }
    }

    private static JsonNode find(JsonNode questions, String id) {
        for (JsonNode question : questions) {
            if (question.get("question").asString().equals(id)) {
                return question;
            }
        }
        throw new AssertionError("no question " + id);
    }
}
