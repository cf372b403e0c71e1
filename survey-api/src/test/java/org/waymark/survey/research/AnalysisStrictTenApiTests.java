package org.waymark.survey.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.analysis.multiplicity.PValueAdjustment;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import tools.jackson.databind.JsonNode;

/**
 * The analysis API under {@code strict-10}, over the demo study (60 synthetic participants in tests,
 * stored in MariaDB): every test that compares a hidden count publishes none of its figures, every
 * other test publishes all of them, and Holm and Benjamini-Hochberg adjust over the published ones.
 * Whether a compared count is hidden is read from the JSON itself.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisStrictTenApiTests {

    private static final String ANALYSIS =
            "/api/studies/" + DemoStudy.ID + "/analysis?by=community,gender,compulsory,detention_history,age_band";
    private static final List<String> WITHHELD_FIGURES =
            List.of("statistic", "df", "pValue", "pHolm", "pBH", "effect", "oddsRatio", "adjustedResiduals");

    @LocalServerPort
    int port;

    private JsonNode strict;
    private JsonNode internal;

    @BeforeAll
    void analyse() {
        TestApi researcher = TestAccounts.signedIn(port, "strict-researcher");
        TestAccounts.grant(port, DemoStudy.ID, "strict-researcher", "researcher");
        TestApi.Reply reply = researcher.get(ANALYSIS + "&disclosure=strict-10");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        strict = reply.json();
        internal = researcher.get(ANALYSIS + "&disclosure=internal").json();
    }

    /** A test as published, with what the test needs to know about the groups it compares. */
    private record Published(String where, JsonNode test, boolean comparesAHiddenCount) {}

    @Test
    void aTestOverAHiddenCountIsWithheldWholeWithAPlainSentence() {
        List<Published> tests = tests(strict);
        int withheld = 0;
        int twoByTwo = 0;
        for (Published published : tests) {
            JsonNode test = published.test();
            if (published.comparesAHiddenCount()) {
                withheld++;
                for (String field : WITHHELD_FIGURES) {
                    assertThat(test.get(field).isNull())
                            .as("%s: %s", published.where(), field)
                            .isTrue();
                }
                assertThat(test.get("suppressed").asBoolean()).isTrue();
                assertThat(test.get("method").asString()).isNotBlank();
                if (test.has("monteCarlo")) {
                    assertThat(test.get("monteCarlo").get("standardError").isNull())
                            .isTrue();
                }
                assertThat(test.get("sentence").asString())
                        .contains("withheld to protect small groups")
                        .doesNotContain("p = ")
                        .doesNotContain("p < ");
                twoByTwo += published.where().contains(" option ") ? 1 : 0;
                // The same test exists, with a p-value, in the unprotected view: it was withheld, not missing.
                assertThat(at(internal, published.where()).get("pValue").isNumber())
                        .as(published.where())
                        .isTrue();
            } else {
                assertThat(test.get("pValue").isNumber()).as(published.where()).isTrue();
                assertThat(test.get("pHolm").isNumber()).isTrue();
                assertThat(test.get("effect").get("value").isNumber()).isTrue();
            }
        }
        assertThat(strict.get("testsWithheld").asInt()).isEqualTo(withheld);
        assertThat(strict.get("tests").asInt()).isEqualTo(tests.size() - withheld);
        // With 60 people in five groupings, both kinds occur, withheld 2x2 tables (multi options) among them.
        assertThat(withheld).isGreaterThan(10);
        assertThat(twoByTwo).isPositive();
        assertThat(tests.size() - withheld).isPositive();
        assertThat(internal.get("testsWithheld").asInt()).isZero();
    }

    @Test
    void holmAndBenjaminiHochbergAdjustOverThePublishedTestsOnly() {
        List<JsonNode> published = tests(strict).stream()
                .filter(test -> !test.comparesAHiddenCount())
                .map(Published::test)
                .toList();
        double[] p = published.stream()
                .mapToDouble(test -> test.get("pValue").asDouble())
                .toArray();
        double[] holm = PValueAdjustment.HOLM.adjust(p);
        double[] bh = PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p);
        for (int t = 0; t < published.size(); t++) {
            assertThat(published.get(t).get("pHolm").asDouble()).isEqualTo(holm[t]);
            assertThat(published.get(t).get("pBH").asDouble()).isEqualTo(bh[t]);
        }
        assertThat(strict.get("tests").asInt()).isEqualTo(p.length);
    }

    /**
     * Every test of the questions and scales, in the order of the JSON, with whether a count it
     * compares is hidden: for a single or scale question any answer's count in a compared group; for
     * a multi option the ticked count, the base, or what they leave if it is 1 to 10; for numbers
     * and scale scores the base.
     */
    private static List<Published> tests(JsonNode json) {
        List<Published> tests = new ArrayList<>();
        for (String part : List.of("questions", "scales")) {
            for (JsonNode question : json.get(part)) {
                String id = question.has("question")
                        ? question.get("question").asString()
                        : question.get("scale").asString();
                String type = question.has("type") ? question.get("type").asString() : "number";
                for (Map.Entry<String, JsonNode> breakdown :
                        question.get("breakdowns").properties()) {
                    JsonNode groups = breakdown.getValue().get("groups");
                    String where = part + " " + id + " by " + breakdown.getKey();
                    JsonNode test = breakdown.getValue().get("test");
                    if (test != null && !test.isNull()) {
                        tests.add(new Published(where, test, hidden(type, groups, test, null)));
                    }
                    JsonNode options = breakdown.getValue().get("optionTests");
                    if (options != null && !options.isNull()) {
                        for (Map.Entry<String, JsonNode> option : options.properties()) {
                            tests.add(new Published(
                                    where + " option " + option.getKey(),
                                    option.getValue(),
                                    hidden(type, groups, option.getValue(), option.getKey())));
                        }
                    }
                }
            }
        }
        return tests;
    }

    private static boolean hidden(String type, JsonNode groups, JsonNode test, String option) {
        List<String> leftOut =
                test.get("groupsLeftOut").valueStream().map(JsonNode::asString).toList();
        for (JsonNode group : groups) {
            JsonNode base = group.get("base");
            if (leftOut.contains(group.get("group").asString()) || (base.isNumber() && base.asLong() == 0)) {
                continue;
            }
            if (base.isNull() && !type.equals("single") && !type.equals("scale")) {
                return true;
            }
            for (JsonNode category : group.get("categories")) {
                JsonNode count = category.get("count");
                boolean compared =
                        option == null || category.get("code").asString().equals(option);
                if (compared && count.isNull()) {
                    return true;
                }
                if (compared && option != null) {
                    long notTicked = base.asLong() - count.asLong();
                    if (notTicked >= 1 && notTicked <= 10) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The test at a place named as {@link #tests} names it, in another run's JSON. */
    private static JsonNode at(JsonNode json, String where) {
        return tests(json).stream()
                .filter(test -> test.where().equals(where))
                .findFirst()
                .orElseThrow()
                .test();
    }
}
