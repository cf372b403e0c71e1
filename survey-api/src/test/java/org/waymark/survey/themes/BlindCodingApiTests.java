package org.waymark.survey.themes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.waymark.survey.themes.CodingStudies.code;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.security.WorkspaceSignIn;
import tools.jackson.databind.JsonNode;

/**
 * Blind double coding: while a round is on, each coder reads only their own codes, through the API and
 * on the coding page; owners and researchers see both and the agreement; once the round ends, so do coders.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlindCodingApiTests {

    private static final String STUDY = "blind-coding-study";
    private static final String API = "/api/studies/" + STUDY;

    @LocalServerPort
    int port;

    private TestApi owner;
    private TestApi coderA;
    private TestApi coderB;
    private List<String> responses;

    @BeforeAll
    void studyAndCoders() {
        owner = TestAccounts.signedIn(port, "blind-owner");
        responses = CodingStudies.publish(
                port,
                owner,
                STUDY,
                "The staff were kind and listened to me.",
                "Kind nurses, but too much medication.",
                "Only medication was offered, nothing else.",
                "Getting back to work.");
        coderA = TestAccounts.signedIn(port, "blind-coder-a");
        coderB = TestAccounts.signedIn(port, "blind-coder-b");
        TestAccounts.grant(port, STUDY, "blind-coder-a", "coder");
        TestAccounts.grant(port, STUDY, "blind-coder-b", "coder");
    }

    @Test
    void eachCoderSeesOnlyTheirOwnCodesUntilTheRoundEndsThenAgreementIsShown() {
        assertThat(coderA.post(API + "/coding/blind", "{\"blind\": true}").status())
                .as("a coder cannot start or end a round")
                .isEqualTo(403);
        var started = owner.post(API + "/coding/blind", "{\"blind\": true}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().get("blind").asBoolean()).isTrue();
        assertThat(started.json().get("startedBy").asString()).isEqualTo("blind-owner");
        assertThat(coderB.get(API + "/coding/blind").json().get("blind").asBoolean())
                .isTrue();

        // Coder A: warmth on answers 0 and 1, other on 2 and 3. Coder B: warmth on 0, other on 1, 2, 3.
        code(coderA, STUDY, responses.get(0), "warmth");
        code(coderA, STUDY, responses.get(1), "warmth");
        code(coderA, STUDY, responses.get(2), "other");
        code(coderA, STUDY, responses.get(3), "other");
        code(coderB, STUDY, responses.get(0), "warmth");
        code(coderB, STUDY, responses.get(1), "other");
        code(coderB, STUDY, responses.get(2), "other");
        code(coderB, STUDY, responses.get(3), "other");

        assertThat(coders(coderA.get(API + "/coding").json())).containsOnly("blind-coder-a");
        assertThat(coders(coderB.get(API + "/coding").json())).containsOnly("blind-coder-b");
        assertThat(coderA.get(API + "/coding").json().size()).isEqualTo(4);
        assertThat(coders(owner.get(API + "/coding").json())).containsOnly("blind-coder-a", "blind-coder-b");

        var hiddenAgreement = coderA.get(API + "/coding/agreement?coders=blind-coder-a,blind-coder-b");
        assertThat(hiddenAgreement.status()).isEqualTo(409);
        assertThat(hiddenAgreement.json().get("detail").asString())
                .contains("A blind coding round is on", "the agreement between coders is shown to coders once");
        var consensus = owner.post(API + "/coding/consensus", """
                {"responseId": "%s", "question": "recovery_meaning", "theme": "warmth"}""".formatted(responses.get(1)));
        assertThat(consensus.status())
                .as("consensus waits for the round to end")
                .isEqualTo(409);

        // The owner sees the agreement during the round. Warmth: both on answer 0, only A on answer 1,
        // neither on 2 and 3: the table [[1,1],[0,2]], kappa = (3/4 - 1/2) / (1 - 1/2) = 0.5.
        // R 4.4: irr::kappa2(cbind(c(1,1,0,0), c(1,0,0,0)))$value = 0.5
        assertWarmthKappa(owner);

        var ended = owner.post(API + "/coding/blind", "{\"blind\": false}");
        assertThat(ended.json().get("blind").asBoolean()).isFalse();
        assertThat(coders(coderA.get(API + "/coding").json())).containsOnly("blind-coder-a", "blind-coder-b");
        assertWarmthKappa(coderA);
    }

    @Test
    void theCodingPageHidesTheOtherCodersCodesDuringTheRound() {
        String study = STUDY + "-page";
        List<String> ids = CodingStudies.publish(port, owner, study, "Kind staff who listened.");
        TestAccounts.grant(port, study, "blind-coder-a", "coder");
        TestAccounts.grant(port, study, "blind-coder-b", "coder");
        assertThat(owner.post("/api/studies/" + study + "/coding/blind", "{\"blind\": true}")
                        .status())
                .isEqualTo(200);
        code(coderA, study, ids.getFirst(), "warmth");
        code(coderB, study, ids.getFirst(), "other");
        String answerPage =
                "/workspace/studies/" + study + "/coding?response=" + ids.getFirst() + "&question=recovery_meaning";
        PageClient pageA = WorkspaceSignIn.signedIn(port, "blind-coder-a", TestAccounts.PASSWORD);

        String during = pageA.get(answerPage).body();
        assertThat(during)
                .contains("by blind-coder-a", "A blind round is on: you see only your own codes")
                .doesNotContain("blind-coder-b", "Agreement between two coders", "Record a consensus");
        String owners = WorkspaceSignIn.signedIn(port, "blind-owner", TestAccounts.PASSWORD)
                .get(answerPage)
                .body();
        assertThat(owners).contains("by blind-coder-a", "by blind-coder-b", "End the blind round");

        assertThat(owner.post("/api/studies/" + study + "/coding/blind", "{\"blind\": false}")
                        .status())
                .isEqualTo(200);
        String after = pageA.get(answerPage).body();
        assertThat(after)
                .contains("by blind-coder-a", "by blind-coder-b", "Agreement between blind-coder-a and blind-coder-b");
    }

    @Test
    void aRoundIsSwitchedWithAPlainRequestOnly() {
        var empty = owner.post(API + "/coding/blind", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("detail").asString()).contains("{\"blind\": true}");
        assertThat(owner.get(API + "/coding/blind").json().get("blind").asBoolean())
                .as("a refused request changes nothing")
                .isFalse();
    }

    private void assertWarmthKappa(TestApi viewer) {
        var reply = viewer.get(API + "/coding/agreement?coders=blind-coder-a,blind-coder-b");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("units").asInt()).isEqualTo(4);
        JsonNode warmth = reply.json().get("themes").get(0);
        assertThat(warmth.get("theme").asString()).isEqualTo("warmth");
        assertThat(warmth.get("both").asInt()).isEqualTo(1);
        assertThat(warmth.get("firstOnly").asInt()).isEqualTo(1);
        assertThat(warmth.get("secondOnly").asInt()).isZero();
        assertThat(warmth.get("kappa").asDouble()).isCloseTo(0.5, within(1e-12));
    }

    private static List<String> coders(JsonNode codings) {
        return codings.valueStream()
                .map(coding -> coding.get("coder").asString())
                .toList();
    }
}
