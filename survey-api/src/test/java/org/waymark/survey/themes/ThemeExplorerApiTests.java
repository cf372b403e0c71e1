package org.waymark.survey.themes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.DisclosedTable;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.table.Table;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Disclosure control on the counts of significant terms and of search's {@code byGroup}, checked against
 * the analysis module's own rule applied to the same counts, and redaction of quotes through the API.
 * The data is {@link ExplorerStudy}: "church" is used by 12 participants of one group and 3 of the rest.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThemeExplorerApiTests {

    private static final String TERMS = "/themes/terms?by=community&group=african_caribbean";

    @LocalServerPort
    int port;

    private ExplorerStudy study;

    @BeforeAll
    void makeTheStudy() {
        study = ExplorerStudy.make(port, "explorer-api-study", "explorer-api");
    }

    @Test
    void termCountsPassThroughTheProfileAsTheAnalysisTablesDo() {
        JsonNode exact = church(
                study.owner.get(study.api + TERMS + "&disclosure=internal").json());
        assertThat(exact.get("inGroup").asLong()).isEqualTo(12);
        assertThat(exact.get("inRest").asLong()).isEqualTo(3);
        assertThat(exact.get("participants").asLong()).isEqualTo(12);
        assertThat(exact.get("suppressed").asBoolean()).isFalse();
        long groupWords = exact.get("groupWords").asLong();
        long restWords = exact.get("restWords").asLong();

        JsonNode standard = study.owner.get(study.api + TERMS).json();
        assertThat(standard.get("disclosure").asString()).isEqualTo("nhs-standard");
        JsonNode church = church(standard);
        // The analysis's rule on the word's table: counts 1 to 7 hidden, the rest rounded to the nearest 5.
        DisclosedTable expected = DisclosureProfile.NHS_STANDARD.apply(Table.of(
                new long[][] {{12, groupWords - 12}, {3, restWords - 3}}));
        assertThat(value(church, "inGroup"))
                .isEqualTo(shown(expected.cell(0, 0)))
                .isEqualTo(10L);
        assertThat(value(church, "inRest"))
                .isEqualTo(shown(expected.cell(1, 0)))
                .isNull();
        assertThat(value(church, "groupWords")).isEqualTo(shown(expected.rowTotal(0)));
        assertThat(value(church, "restWords")).isEqualTo(shown(expected.rowTotal(1)));
        assertThat(value(church, "participants")).as("12 rounded to 5").isEqualTo(10L);
        assertThat(church.get("suppressed").asBoolean()).isTrue();
        assertThat(church.get("logLikelihood").asDouble())
                .as("nhs-standard publishes the statistic over a hidden count, as the analysis does")
                .isEqualTo(exact.get("logLikelihood").asDouble());

        JsonNode strict = church(
                study.owner.get(study.api + TERMS + "&disclosure=strict-10").json());
        assertThat(value(strict, "inRest")).isNull();
        assertThat(value(strict, "participants")).as("above 10, shown exactly").isEqualTo(12L);
        assertThat(strict.get("logLikelihood").isNull())
                .as("strict-10 withholds the statistic over a hidden count")
                .isTrue();
        assertThat(strict.get("pValue").isNull()).isTrue();
        assertThat(strict.get("suppressed").asBoolean()).isTrue();
    }

    @Test
    void searchCountsPerGroupPassThroughTheProfileAndCodersCannotAskForTheInternalOne() {
        TestApi coder = TestApi.on(port).as("explorer-api-coder", TestAccounts.PASSWORD);
        String search = study.api + "/search?q=church";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> coder.get(search).json().get("total").asInt() == 15);

        JsonNode exact = study.owner.get(search + "&disclosure=internal").json().get("byGroup");
        assertThat(exact.get("community").get("african_caribbean").asLong()).isEqualTo(12);
        assertThat(exact.get("community").get("other_communities").asLong()).isEqualTo(3);

        JsonNode seen = coder.get(search).json();
        assertThat(seen.get("disclosure").asString()).isEqualTo("nhs-standard");
        assertThat(seen.get("suppressed").asBoolean()).isTrue();
        JsonNode community = seen.get("byGroup").get("community");
        assertThat(value(community, "african_caribbean"))
                .isEqualTo(shown(one(12, DisclosureProfile.NHS_STANDARD)))
                .isEqualTo(10L);
        assertThat(value(community, "other_communities"))
                .isEqualTo(shown(one(3, DisclosureProfile.NHS_STANDARD)))
                .isNull();
        assertThat(value(seen.get("byGroup").get("detained"), "yes"))
                .as("3 detained participants")
                .isNull();
        assertThat(value(
                        study.owner
                                .get(search + "&disclosure=strict-10")
                                .json()
                                .get("byGroup")
                                .get("community"),
                        "african_caribbean"))
                .as("strict-10 shows counts above 10 exactly")
                .isEqualTo(12L);
        assertThat(coder.get(search + "&disclosure=internal").status()).isEqualTo(403);
        assertThat(coder.get(search + "&disclosure=loose").status()).isEqualTo(400);
    }

    @Test
    void redactsWordsFromAQuoteWithoutChangingTheAnswer() {
        JsonNode quote =
                study.owner.get(study.api + "/quotes?theme=hope").json().get(0);
        long id = quote.get("quoteId").asLong();
        String approve = study.api + "/quotes/" + id + "/approve";

        var misspelt = study.owner.post(approve, "{\"redact\": [\"Example Ward\", \"Exampel\"]}");
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.json().get("detail").asString())
                .contains("Word or phrase 2")
                .doesNotContain("Exampel");
        assertThat(study.owner.post(approve, "{\"redact\": [\"Kin\"]}").status())
                .as("whole words only: 'Kin' is not a word of the quote")
                .isEqualTo(400);
        assertThat(study.owner.get(study.api + "/quotes?approved=true").json().size())
                .as("nothing approved by a refused request")
                .isZero();

        var approved = study.owner.post(approve, "{\"redact\": [\"example ward\"]}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("redactedText").asString())
                .isEqualTo("<b>Kind</b> staff at [redacted] <script>alert(1)</script>");
        assertThat(approved.json().get("text").asString())
                .as("the answer itself is unchanged")
                .isEqualTo(ExplorerStudy.MARKUP);

        var edited =
                study.owner.post(approve, "{\"text\": \"Kind staff at Example Ward\", \"redact\": [\"Example Ward\"]}");
        assertThat(edited.json().get("redactedText").asString()).isEqualTo("Kind staff at [redacted]");
        String report = study.owner.get(study.api + "/report.html").body();
        assertThat(report).contains("Kind staff at [redacted]").doesNotContain("Example Ward");
    }

    private static JsonNode church(JsonNode terms) {
        return terms.get("terms")
                .valueStream()
                .filter(term -> term.get("word").asString().equals("church"))
                .findFirst()
                .orElseThrow();
    }

    private static Long value(JsonNode node, String field) {
        return node.get(field).isNull() ? null : node.get(field).asLong();
    }

    private static Long shown(DisclosedCount count) {
        return count.suppressed() ? null : count.value().getAsLong();
    }

    private static DisclosedCount one(long count, DisclosureProfile profile) {
        return profile.apply(Table.of(new long[][] {{count}})).cell(0, 0);
    }
}
