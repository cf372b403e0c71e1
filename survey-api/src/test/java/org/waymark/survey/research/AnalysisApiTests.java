package org.waymark.survey.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.survey.SurveyAnalysis;
import org.waymark.analysis.survey.SurveyReport;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.TestDefinitions;
import org.waymark.survey.studies.ValidatedDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * From responses submitted through the intake API, stored in MariaDB, to the analysis API's JSON.
 *
 * <p>The study is {@link TestDefinitions#minimal()}. Thirty responses count: 9 Black Caribbean,
 * detained under section 3, medication helped "not at all"; 3 Black African, detained under
 * sections 2 and 37, "a lot"; 11 White British, never detained, "a lot"; 4 the same but "not at
 * all"; 2 the same but never had medication; 1 who preferred not to say their ethnicity or
 * detention, and answered nothing else. One more response is withdrawn and one left as a draft;
 * neither counts.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisApiTests {

    private static final String STUDY = "analysis-study";
    private static final String ANALYSIS = "/api/studies/" + STUDY + "/analysis";
    private static final Set<String> COUNT_FIELDS =
            Set.of("responses", "base", "notApplicable", "preferNotToSay", "count");

    @LocalServerPort
    int port;

    @Autowired
    StudyService studies;

    @Autowired
    StoredResponses responses;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private TestApi researcher;

    @BeforeAll
    void publishAndAnswer() {
        researcher = TestApi.on(port).asAdmin();
        if (researcher.get("/api/studies/" + STUDY).status() == 200) {
            return;
        }
        researcher.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", STUDY))
                        .with(root -> {
                            ArrayNode peers = ((ArrayNode)
                                            root.get("sections").get(1).get("questions"))
                                    .addObject()
                                    .put("id", "support_peers")
                                    .put("type", "scale")
                                    .put("text", "Peers helped")
                                    .putArray("options");
                            peers.addObject().put("code", "a_lot").put("label", "A lot");
                            peers.addObject().put("code", "not_at_all").put("label", "Not at all");
                            var scale = root.putArray("scales")
                                    .addObject()
                                    .put("id", "support")
                                    .put("label", "Support")
                                    .put("scoring", "mean")
                                    .put("minAnswered", 1);
                            scale.putArray("items").add("support_medication").add("support_peers");
                        })
                        .with(root -> ((ArrayNode) root.get("sections").get(1).get("questions"))
                                .addObject()
                                .put("id", "age")
                                .put("type", "number")
                                .put("text", "Your age")
                                .put("min", 18)
                                .put("preferNotToSay", true))
                        .json());
        assertThat(researcher.post("/api/studies/" + STUDY + "/publish", "").status())
                .isEqualTo(200);
        submit(
                9,
                answers("black_caribbean", "yes", "[\"s3\"]", "not_at_all")
                        + ", \"support_peers\": \"not_at_all\", \"age\": 40",
                true);
        submit(
                3,
                answers("black_african", "yes", "[\"s2\", \"s37\"]", "a_lot")
                        + ", \"support_peers\": \"a_lot\", \"age\": \"prefer_not_to_say\"",
                true);
        submit(
                11,
                answers("white_british", "no", null, "a_lot") + ", \"support_peers\": \"not_at_all\", \"age\": 25",
                true);
        submit(4, answers("white_british", "no", null, "not_at_all"), true);
        submit(2, answers("white_british", "no", null, "never_had"), true);
        submit(1, answers("prefer_not_to_say", "prefer_not_to_say", null, null), true);
        submit(1, answers("black_caribbean", "no", null, "a_lot"), false);
        String receipt = submit(1, answers("black_caribbean", "yes", "[\"s2\"]", "a_lot"), true)
                .getFirst();
        assertThat(TestApi.on(port)
                        .send("DELETE", "/api/responses/" + receipt, null, null)
                        .status())
                .isEqualTo(204);
    }

    private static String answers(String ethnicity, String detained, String sections, String medication) {
        StringBuilder answers = new StringBuilder(
                "\"adult\": \"yes\", \"ethnicity\": \"" + ethnicity + "\", \"ever_detained\": \"" + detained + "\"");
        if (sections != null) {
            answers.append(", \"detained_sections\": ").append(sections);
        }
        if (medication != null) {
            answers.append(", \"support_medication\": \"").append(medication).append('"');
        }
        return answers.toString();
    }

    /** Posts the same answers {@code times} times; returns the receipt codes. */
    private List<String> submit(int times, String answers, boolean submit) {
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            var reply = TestApi.on(port).respond(STUDY, answers, submit);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            receipts.add(submit ? reply.json().get("receiptCode").asString() : null);
        }
        return receipts;
    }

    private JsonNode analysis(String query) {
        var reply = researcher.get(ANALYSIS + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode question(JsonNode analysis, String id) {
        for (JsonNode question : analysis.get("questions")) {
            if (question.get("question").asString().equals(id)) {
                return question;
            }
        }
        throw new AssertionError("no question " + id);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.get(field).asString().equals(value)) {
                return element;
            }
        }
        throw new AssertionError("no " + field + " " + value);
    }

    @Test
    void countsSubmittedResponsesOnlyWithTheBaseAndWhatIsBesideIt() {
        JsonNode json = analysis("?disclosure=internal");
        assertThat(json.get("study").asString()).isEqualTo(STUDY);
        assertThat(json.get("definitionVersion").asInt()).isEqualTo(1);
        assertThat(json.get("responses").asLong())
                .as("30 submitted; the withdrawn one and the draft do not count")
                .isEqualTo(30);
        assertThat(json.get("disclosure").asString()).isEqualTo("internal");
        assertThat(json.get("exportable").asBoolean()).isFalse();
        assertThat(json.get("questions").findValuesAsString("question"))
                .as("the closed questions, in the definition's order; no free text")
                .containsExactly(
                        "adult",
                        "ethnicity",
                        "ever_detained",
                        "detained_sections",
                        "support_medication",
                        "support_peers",
                        "age");

        JsonNode medication = question(json, "support_medication");
        assertThat(medication.get("type").asString()).isEqualTo("scale");
        JsonNode overall = medication.get("overall");
        assertThat(overall.has("group")).isFalse();
        assertThat(overall.get("base").asLong()).isEqualTo(27);
        assertThat(overall.get("notApplicable").asLong()).isEqualTo(2);
        assertThat(overall.get("preferNotToSay").asLong()).isZero();
        assertThat(overall.get("suppressed").asBoolean()).isFalse();
        JsonNode aLot = find(overall.get("categories"), "code", "a_lot");
        assertThat(aLot.get("label").asString()).isEqualTo("A lot");
        assertThat(aLot.get("count").asLong()).isEqualTo(14);
        // 14 / 27 = 51.85...%
        assertThat(aLot.get("percent").asDouble()).isEqualTo(51.9);
        // R 4.2.2: prop.test(14, 27, correct = FALSE)$conf.int * 100 = 33.9856157549523 69.2567730237815
        assertThat(aLot.get("ci95").get(0).asDouble()).isEqualTo(34.0);
        assertThat(aLot.get("ci95").get(1).asDouble()).isEqualTo(69.3);
        assertThat(aLot.get("suppressed").asBoolean()).isFalse();

        JsonNode ethnicity = question(json, "ethnicity").get("overall");
        assertThat(ethnicity.get("base").asLong()).isEqualTo(29);
        assertThat(ethnicity.get("preferNotToSay").asLong()).isEqualTo(1);

        JsonNode age = question(json, "age");
        assertThat(age.get("type").asString()).isEqualTo("number");
        assertThat(age.get("overall").get("base").asLong()).isEqualTo(20);
        assertThat(age.get("overall").get("preferNotToSay").asLong())
                .as("prefer not to say is beside the base of a number question too")
                .isEqualTo(3);
        assertThat(age.get("overall").get("notApplicable").asLong()).isZero();
        JsonNode africanCaribbean =
                find(age.get("breakdowns").get("community").get("groups"), "group", "african_caribbean");
        assertThat(africanCaribbean.get("base").asLong()).isEqualTo(9);
        assertThat(africanCaribbean.get("preferNotToSay").asLong()).isEqualTo(3);

        JsonNode sections = question(json, "detained_sections").get("overall");
        assertThat(sections.get("base").asLong()).isEqualTo(12);
        assertThat(sections.get("categories").findValues("count"))
                .extracting(JsonNode::asLong)
                .containsExactly(3L, 9L, 3L);
    }

    @Test
    void breaksDownByTheStudysGroupingsWithTheTestTheRuleChooses() {
        JsonNode json = analysis("?disclosure=internal&by=detained,community");
        JsonNode medication = question(json, "support_medication").get("breakdowns");
        assertThat(medication.propertyNames()).containsExactly("detained", "community");

        JsonNode detained = medication.get("detained");
        JsonNode yes = find(detained.get("groups"), "group", "yes");
        assertThat(yes.get("base").asLong()).isEqualTo(12);
        assertThat(find(yes.get("categories"), "code", "a_lot").get("count").asLong())
                .isEqualTo(3);
        JsonNode no = find(detained.get("groups"), "group", "no");
        assertThat(no.get("base").asLong()).isEqualTo(15);
        assertThat(no.get("notApplicable").asLong()).isEqualTo(2);
        JsonNode test = detained.get("test");
        assertThat(test.get("method").asString()).isEqualTo("mann-whitney");
        // R 4.2.2: wilcox.test(c(rep(1, 3), rep(2, 9)), c(rep(1, 11), rep(2, 4)), correct = TRUE,
        //   exact = FALSE)$p.value = 0.0154024406120173
        assertThat(test.get("pValue").asDouble()).isCloseTo(0.0154024406120173, within(1e-12));
        assertThat(test.get("pHolm").asDouble())
                .isGreaterThanOrEqualTo(test.get("pValue").asDouble());
        assertThat(test.get("pBH").asDouble())
                .isGreaterThanOrEqualTo(test.get("pValue").asDouble());
        assertThat(test.get("effect").get("name").asString()).isEqualTo("rank-biserial");
        assertThat(test.get("sentence").asString()).isNotBlank();

        JsonNode community = question(json, "ever_detained").get("breakdowns").get("community");
        assertThat(find(community.get("groups"), "group", "african_caribbean")
                        .get("base")
                        .asLong())
                .isEqualTo(12);
        // R 4.2.2: chisq.test(matrix(c(12, 0, 0, 17), 2))$expected has 4.97 < 5, so Fisher's test;
        // fisher.test(matrix(c(12, 0, 0, 17), 2))$p.value = 1.9269331981397e-08
        assertThat(community.get("test").get("method").asString()).isEqualTo("fisher-exact");
        assertThat(community.get("test").get("statistic").isNull()).isTrue();
        assertThat(community.get("test").get("df").isNull()).isTrue();
        assertThat(community.get("test").get("pValue").asDouble()).isCloseTo(1.9269331981397e-08, within(1e-18));
        // A zero cell, so 0.5 is added to each: R 4.2.2: (12.5 * 17.5) / (0.5 * 0.5) = 875
        JsonNode oddsRatio = community.get("test").get("oddsRatio");
        assertThat(oddsRatio.get("estimate").asDouble()).isCloseTo(875, within(1e-9));
        assertThat(oddsRatio.get("correction").asString()).isEqualTo("haldane-anscombe");
        assertThat(oddsRatio.get("answer").asString()).isEqualTo("yes");
        // R 4.2.2: chisq.test(matrix(c(12, 0, 0, 17), 2), correct = FALSE)$stdres[1, 1] = 5.3851648071345037
        assertThat(community
                        .get("test")
                        .get("adjustedResiduals")
                        .get("african_caribbean")
                        .get("yes")
                        .asDouble())
                .isCloseTo(5.3851648071345037, within(1e-12));
        assertThat(community.get("test").get("suppressed").asBoolean()).isFalse();

        JsonNode sections =
                question(json, "detained_sections").get("breakdowns").get("community");
        assertThat(sections.get("test").isNull())
                .as("a multi question tests each option")
                .isTrue();
        assertThat(sections.get("optionTests").isObject()).isTrue();
    }

    @Test
    void reportsTheStudysScaleScoresWithARankTestAndAlpha() {
        // Scores, the mean of medication and peers (1 a lot, 2 not at all): 9 Black Caribbean 2, 3
        // Black African 1, 11 White British 1.5, 4 White British 2 (medication only); 2 with neither.
        JsonNode json = analysis("?disclosure=internal&by=community");
        JsonNode scale = json.get("scales").get(0);
        assertThat(scale.propertyNames())
                .containsExactly(
                        "scale",
                        "label",
                        "scoring",
                        "items",
                        "reversed",
                        "minAnswered",
                        "overall",
                        "breakdowns",
                        "reliability");
        assertThat(scale.get("scale").asString()).isEqualTo("support");
        assertThat(scale.get("scoring").asString()).isEqualTo("mean");
        assertThat(scale.get("minAnswered").asInt()).isEqualTo(1);
        JsonNode overall = scale.get("overall");
        assertThat(overall.get("base").asLong()).isEqualTo(27);
        assertThat(overall.get("notApplicable").isNull()).isTrue();
        assertThat(overall.get("preferNotToSay").isNull()).isTrue();
        // R 4.2.2: x <- c(rep(2, 9), rep(1, 3), rep(1.5, 11), rep(2, 4));
        //   quantile(x, type = 7) = 1.5 1.5 2 at 25%, 50%, 75%; mean(x) = 1.6851851851851851;
        //   sd(x) = 0.34385115709216135
        assertThat(overall.get("quartiles").get("median").asDouble()).isEqualTo(1.5);
        assertThat(overall.get("quartiles").get("upper").asDouble()).isEqualTo(2.0);
        assertThat(overall.get("mean").asDouble()).isCloseTo(1.6851851851851851, within(1e-12));
        assertThat(overall.get("sd").asDouble()).isCloseTo(0.34385115709216135, within(1e-12));
        JsonNode test = scale.get("breakdowns").get("community").get("test");
        assertThat(test.get("method").asString()).isEqualTo("mann-whitney");
        // R 4.2.2: wilcox.test(c(rep(2, 9), rep(1, 3)), c(rep(1.5, 11), rep(2, 4)), correct = TRUE,
        //   exact = FALSE): W = 117, p = 0.153433528187541
        assertThat(test.get("statistic").asDouble()).isEqualTo(117.0);
        assertThat(test.get("pValue").asDouble()).isCloseTo(0.153433528187541, within(1e-12));
        assertThat(test.get("sentence").asString())
                .startsWith("The median was 2 in \u201cAfrican and African Caribbean\u201d, compared with 1.5 in");
        JsonNode reliability = scale.get("reliability");
        // R 4.2.2: cronbach(cbind(c(rep(2, 9), rep(1, 14)), c(rep(2, 9), rep(1, 3), rep(2, 11))))
        //   = 0.44999999999999996, over the 23 who answered both
        assertThat(reliability.get("alpha").asDouble()).isCloseTo(0.45, within(1e-12));
        assertThat(reliability.get("alphaIfItemDeleted").get("support_peers").isNull())
                .as("one item alone has no alpha")
                .isTrue();
        assertThat(reliability.get("completeCases").asLong()).isEqualTo(23);
        assertThat(reliability.get("incompleteCases").asLong()).isEqualTo(7);
        assertThat(reliability.get("suppressed").asBoolean()).isFalse();

        JsonNode published = analysis("?by=community").get("scales").get(0);
        assertThat(published.get("reliability").get("completeCases").asLong())
                .as("23, rounded")
                .isEqualTo(25);
        assertThat(published.get("reliability").get("incompleteCases").isNull()).isTrue();
        assertThat(published.get("reliability").get("suppressed").asBoolean()).isTrue();
        assertThat(published.get("reliability").get("alpha").asDouble()).isCloseTo(0.45, within(1e-12));
    }

    @Test
    void hidesSmallCountsUnderNhsStandard() {
        JsonNode json = analysis("");
        assertThat(json.get("disclosure").asString()).isEqualTo("nhs-standard");
        assertThat(json.get("exportable").asBoolean()).isTrue();
        assertThat(json.get("responses").asLong()).isEqualTo(30);

        JsonNode ethnicity = question(json, "ethnicity").get("overall");
        JsonNode blackAfrican = find(ethnicity.get("categories"), "code", "black_african");
        assertThat(blackAfrican.get("count").isNull()).isTrue();
        assertThat(blackAfrican.get("percent").isNull()).isTrue();
        assertThat(blackAfrican.get("ci95").isNull()).isTrue();
        assertThat(blackAfrican.get("suppressed").asBoolean()).isTrue();
        assertThat(ethnicity.get("preferNotToSay").isNull())
                .as("1 preferred not to say")
                .isTrue();
        assertThat(ethnicity.get("suppressed").asBoolean()).isTrue();
        assertThat(find(ethnicity.get("categories"), "code", "white_british")
                        .get("count")
                        .asLong())
                .as("17, rounded to the nearest 5")
                .isEqualTo(15);

        // Detained: 3 Black African, 9 Black Caribbean; not: 17 White British. The 3 is hidden, and
        // the residuals would give it back, so they are withheld; the test itself is given.
        JsonNode byDetained =
                question(json, "ethnicity").get("breakdowns").get("detained").get("test");
        assertThat(byDetained.get("method").asString()).isEqualTo("fisher-exact");
        assertThat(byDetained.get("suppressed").asBoolean()).isTrue();
        assertThat(byDetained.get("adjustedResiduals").isNull()).isTrue();
        assertThat(byDetained.get("oddsRatio").isNull()).isTrue();
        JsonNode internal = question(analysis("?disclosure=internal"), "ethnicity")
                .get("breakdowns")
                .get("detained")
                .get("test");
        assertThat(internal.get("suppressed").asBoolean()).isFalse();
        assertThat(internal.get("adjustedResiduals").get("yes").propertyNames())
                .containsExactly("black_african", "black_caribbean", "white_british");
        assertThat(internal.get("oddsRatio").isNull()).as("not a 2x2 table").isTrue();

        List<Long> counts = new ArrayList<>();
        collectCounts(json, counts);
        assertThat(counts).isNotEmpty().allSatisfy(count -> {
            assertThat(count).isNotIn(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(count % 5).isZero();
        });
    }

    private static void collectCounts(JsonNode node, List<Long> counts) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (COUNT_FIELDS.contains(field.getKey()) && field.getValue().isNumber()) {
                counts.add(field.getValue().asLong());
            }
        }
        for (JsonNode child : node) {
            collectCounts(child, counts);
        }
    }

    @Test
    void readsTheSameResponsesInRangesAtOnceAsInOneGo() {
        ValidatedDefinition definition = studies.published(STUDY).definition();
        StoredResponses inRanges = new StoredResponses(jdbc, transactions, 1);
        try {
            SurveyAnalysis internal = SurveyAnalysis.withDefaults().with(DisclosureProfile.INTERNAL);
            SurveyReport whole = internal.run(responses.load(STUDY, definition, definition.groupings()));
            SurveyReport joined = internal.run(inRanges.load(STUDY, definition, definition.groupings()));

            assertThat(joined.responses()).isEqualTo(30);
            assertThat(joined).isEqualTo(whole);
        } finally {
            inRanges.destroy();
        }
    }

    @Test
    void needsSignIn() {
        var reply = TestApi.on(port).get(ANALYSIS);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesAnUnknownGroupingNamingTheStudysOwn() {
        var reply = researcher.get(ANALYSIS + "?by=gender");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString())
                .isEqualTo("Study 'analysis-study' has no grouping 'gender'."
                        + " Its groupings are: community, detained, sections, history.");
    }

    @Test
    void refusesAnUnknownDisclosureProfile() {
        var reply = researcher.get(ANALYSIS + "?disclosure=everything");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asString())
                .isEqualTo(
                        "There is no disclosure profile 'everything'. Use one of: nhs-standard, strict-10, internal.");
    }

    @Test
    void refusesAnUnknownStudyAsOneWithoutARole() {
        var reply = researcher.get("/api/studies/no-such-study/analysis");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void analysesTheDemoStudy() {
        // The demo study, like every study Waymark ships, has no owner until the admin gives someone a role.
        TestApi analyst = TestAccounts.signedIn(port, "demo-analyst");
        TestAccounts.grant(port, DemoStudy.ID, "demo-analyst", "analyst");
        var reply = analyst.get("/api/studies/" + DemoStudy.ID + "/analysis");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode json = reply.json();
        JsonNode sections =
                TestApi.on(port).get("/api/studies/" + DemoStudy.ID).json().get("sections");
        List<String> closed = new ArrayList<>();
        for (JsonNode section : sections) {
            for (JsonNode question : section.get("questions")) {
                if (Set.of("single", "scale", "multi", "number")
                        .contains(question.get("type").asString())) {
                    closed.add(question.get("id").asString());
                }
            }
        }
        assertThat(json.get("questions").findValuesAsString("question")).containsExactlyElementsOf(closed);
        assertThat(question(json, "support_medication").get("breakdowns").propertyNames())
                .containsExactly("community", "gender", "compulsory", "detention_history", "age_band");
        assertThat(json.get("scales").findValuesAsString("scale")).containsExactly("help_from_services", "involvement");
        assertThat(json.get("scales").get(0).get("reliability").get("alpha").isNumber())
                .isTrue();
    }
}
