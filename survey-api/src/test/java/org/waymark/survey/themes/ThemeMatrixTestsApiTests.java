package org.waymark.survey.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.analysis.multiplicity.PValueAdjustment;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;
import tools.jackson.databind.JsonNode;

/**
 * The theme matrix's tests, through the API against MariaDB: p-values adjusted across the themes,
 * and under {@code strict-10} no test over a hidden count. Synthetic: 14 Black Caribbean and 14 White
 * British participants (groups "african_caribbean" and "other_communities"), each writing one answer.
 * "warmth" is coded for 12 of the first and 3 of the second (so 2 and 3 are hidden under strict-10);
 * "hope" for all 14 of the first and none of the second (nothing from 1 to 10 anywhere).
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThemeMatrixTestsApiTests {

    private static final String STUDY = "matrix-tests-study";
    private static final String API = "/api/studies/" + STUDY;
    private static final String MATRIX = API + "/themes/matrix?by=community&disclosure=";

    @LocalServerPort
    int port;

    private TestApi admin;

    @BeforeAll
    void publishSubmitAndCode() {
        admin = TestApi.on(port).asAdmin();
        if (admin.get(API).status() == 200) {
            return;
        }
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        admin.post(API + "/publish", "");
        assertThat(admin.post(API + "/themes", """
                        {"themes": [{"code": "warmth", "name": "Warmth"}, {"code": "hope", "name": "Hope"}]}""").status()).isEqualTo(201);
        List<String> caribbean = submit("black_caribbean");
        List<String> british = submit("white_british");
        for (int i = 0; i < 14; i++) {
            if (i < 12) {
                code(caribbean.get(i), "warmth");
            }
            if (i < 3) {
                code(british.get(i), "warmth");
            }
            code(caribbean.get(i), "hope");
        }
    }

    @Test
    void adjustsThePValuesAcrossTheThemesOfTheMatrix() {
        JsonNode internal = admin.get(MATRIX + "internal").json();
        JsonNode warmth = theme(internal, "warmth").get("test");
        JsonNode hope = theme(internal, "hope").get("test");
        double[] p = {warmth.get("pValue").asDouble(), hope.get("pValue").asDouble()};
        double[] holm = PValueAdjustment.HOLM.adjust(p);
        double[] bh = PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p);

        assertThat(warmth.get("pHolm").asDouble()).isEqualTo(holm[0]);
        assertThat(hope.get("pHolm").asDouble()).isEqualTo(holm[1]);
        assertThat(warmth.get("pBH").asDouble()).isEqualTo(bh[0]);
        assertThat(hope.get("pBH").asDouble()).isEqualTo(bh[1]);
        // Hope's p-value is the smaller, so Holm doubles it: the adjustment visibly changes it.
        assertThat(hope.get("pHolm").asDouble())
                .isGreaterThan(hope.get("pValue").asDouble());
        assertThat(warmth.get("suppressed").asBoolean()).isFalse();
    }

    @Test
    void underStrictTenWithholdsATestOverAHiddenCountAndLeavesItOutOfTheAdjustment() {
        JsonNode strict = admin.get(MATRIX + "strict-10").json();
        JsonNode internal = admin.get(MATRIX + "internal").json();

        JsonNode warmth = theme(strict, "warmth");
        assertThat(warmth.get("groups").get("other_communities").get("count").isNull())
                .as("3 of 14 is hidden")
                .isTrue();
        JsonNode withheld = warmth.get("test");
        assertThat(withheld.get("method").asString()).isNotBlank();
        for (String field : List.of("pValue", "pHolm", "pBH", "cramersV")) {
            assertThat(withheld.get(field).isNull()).as(field).isTrue();
        }
        assertThat(withheld.get("suppressed").asBoolean()).isTrue();
        assertThat(warmth.get("testNote").asString()).startsWith("Test withheld to protect small groups");

        JsonNode hope = theme(strict, "hope").get("test");
        assertThat(hope.get("suppressed").asBoolean()).isFalse();
        assertThat(hope.get("pValue").asDouble())
                .isEqualTo(theme(internal, "hope").get("test").get("pValue").asDouble());
        assertThat(hope.get("pHolm").asDouble())
                .as("the only published test is a family of one")
                .isEqualTo(hope.get("pValue").asDouble());
        assertThat(hope.get("pBH").asDouble()).isEqualTo(hope.get("pValue").asDouble());
    }

    @Test
    void underNhsStandardTheTestOfGroupsOfEightOrMoreIsGiven() {
        JsonNode warmth = theme(admin.get(MATRIX + "nhs-standard").json(), "warmth");
        assertThat(warmth.get("groups").get("other_communities").get("count").isNull())
                .isTrue();
        assertThat(warmth.get("test").get("pValue").isNumber()).isTrue();
        assertThat(warmth.get("test").get("suppressed").asBoolean()).isFalse();
    }

    private List<String> submit(String ethnicity) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            TestApi.Reply reply = TestApi.on(port)
                    .postWithKey(API + "/responses", UUID.randomUUID().toString(), """
                    {"consent": {"version": "1", "agreed": ["take_part"]},
                     "answers": {"adult": "yes", "ethnicity": "%s", "recovery_meaning": "Synthetic answer %d."},
                     "submit": true}""".formatted(ethnicity, i));
            assertThat(reply.status()).isEqualTo(201);
            ids.add(reply.json().get("responseId").asString());
        }
        return ids;
    }

    private void code(String responseId, String theme) {
        TestApi.Reply reply = admin.post(API + "/coding", """
                {"responseId": "%s", "question": "recovery_meaning", "theme": "%s"}""".formatted(responseId, theme));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static JsonNode theme(JsonNode matrix, String code) {
        return matrix.get("themes")
                .valueStream()
                .filter(row -> row.get("theme").asString().equals(code))
                .findFirst()
                .orElseThrow();
    }
}
