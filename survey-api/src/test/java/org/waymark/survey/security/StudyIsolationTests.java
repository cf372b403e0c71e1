package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;

/**
 * A role in one study gives nothing in another: not the other study's routes, and not its responses,
 * codings or quotes by their ids under the first study's address.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudyIsolationTests {

    private static final String A = "isolation-a";
    private static final String B = "isolation-b";

    @LocalServerPort
    int port;

    private TestApi researcherOfA;
    private TestApi ownerOfB;
    private String responseOfB;
    private long openCodingOfB;
    private long quoteOfB;

    @BeforeAll
    void twoStudies() {
        TestApi ownerOfA = TestAccounts.signedIn(port, "isolation-owner-a");
        ownerOfB = TestAccounts.signedIn(port, "isolation-owner-b");
        researcherOfA = TestAccounts.signedIn(port, "isolation-researcher-a");
        AccessStudies.publishWithAnswers(port, ownerOfA, A, "Kind staff here.");
        responseOfB = AccessStudies.publishWithAnswers(port, ownerOfB, B, "Kind people there.", "Kind words there.")
                .getFirst();
        assertThat(ownerOfA.put("/api/studies/" + A + "/roles/isolation-researcher-a", "{\"role\": \"researcher\"}")
                        .status())
                .isEqualTo(200);
        List<Long> proposed = AccessStudies.codings(ownerOfB, B, "proposed");
        assertThat(proposed).as("'kind' in both of B's answers").hasSize(2);
        assertThat(ownerOfB.post("/api/studies/" + B + "/coding/" + proposed.get(0) + "/confirm", "")
                        .status())
                .isEqualTo(200);
        openCodingOfB = proposed.get(1);
        var quotes = ownerOfB.get("/api/studies/" + B + "/quotes").json();
        assertThat(quotes.size())
                .as("the confirmed coding is a quote: its participant agreed")
                .isEqualTo(1);
        quoteOfB = quotes.get(0).get("quoteId").asLong();
    }

    @Test
    void refusesEveryRouteOfAStudyWithoutARoleInIt() {
        String b = "/api/studies/" + B;
        for (String path : List.of(
                b + "/versions/1",
                b + "/responses",
                b + "/analysis",
                b + "/progress",
                b + "/themes/matrix?by=community",
                b + "/search?q=kind",
                b + "/responses/" + responseOfB + "/similar?question=recovery_meaning",
                b + "/themes",
                b + "/coding",
                b + "/quotes",
                b + "/contacts",
                b + "/roles")) {
            assertThat(researcherOfA.get(path).status()).as(path).isEqualTo(403);
        }
        for (String path :
                List.of(b + "/coding/propose", b + "/coding/" + openCodingOfB + "/confirm", b + "/publish")) {
            assertThat(researcherOfA.post(path, "").status()).as(path).isEqualTo(403);
        }
        assertThat(researcherOfA
                        .put(b + "/roles/isolation-researcher-a", "{\"role\": \"owner\"}")
                        .status())
                .as("nor can they give themselves a role there")
                .isEqualTo(403);
    }

    @Test
    void findsNoResponseOfAnotherStudyUnderThisStudysAddress() {
        String a = "/api/studies/" + A;
        assertThat(researcherOfA
                        .get(a + "/responses/" + responseOfB + "/similar?question=recovery_meaning")
                        .status())
                .isEqualTo(404);
        assertThat(researcherOfA.post(a + "/coding", """
                        {"responseId": "%s", "question": "recovery_meaning", "theme": "warmth"}""".formatted(responseOfB)).status())
                .isEqualTo(404);
        assertThat(researcherOfA
                        .post(a + "/coding/consensus", """
                        {"responseId": "%s", "question": "recovery_meaning", "theme": "warmth", "present": false}""".formatted(responseOfB))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void cannotDecideOrApproveAnotherStudysCodingsAndQuotes() {
        String a = "/api/studies/" + A;
        assertThat(researcherOfA
                        .post(a + "/coding/" + openCodingOfB + "/confirm", "")
                        .status())
                .isEqualTo(409);
        assertThat(researcherOfA
                        .post(a + "/coding/" + openCodingOfB + "/reject", "")
                        .status())
                .isEqualTo(409);
        assertThat(researcherOfA
                        .post(a + "/quotes/" + quoteOfB + "/approve", "{\"text\": \"Kind [someone]\"}")
                        .status())
                .isEqualTo(404);

        assertThat(AccessStudies.codings(ownerOfB, B, "proposed"))
                .as("B's open proposal is still open")
                .contains(openCodingOfB);
        assertThat(ownerOfB.get("/api/studies/" + B + "/quotes?approved=true")
                        .json()
                        .size())
                .as("B's quote is still unapproved")
                .isZero();
    }
}
