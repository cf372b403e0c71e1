package org.waymark.survey.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.waymark.survey.TestApi;
import org.waymark.survey.studies.TestDefinitions;

/** Synthetic studies for the coding tests: published by their owner, with answers and a small codebook. */
final class CodingStudies {

    private CodingStudies() {}

    /**
     * Publishes {@code studyId} as {@code owner}, submits one response per text (each participant Black
     * African, never detained, medication helped "a lot": columns a coder must never see), and saves a
     * codebook of three themes. Returns the responses' pseudonymous ids, in the order of the texts.
     */
    static List<String> publish(int port, TestApi owner, String studyId, String... texts) {
        String api = "/api/studies/" + studyId;
        var created = owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", studyId)).json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(owner.post(api + "/publish", "").status()).isEqualTo(200);
        List<String> responseIds = new ArrayList<>();
        for (String text : texts) {
            var reply = TestApi.on(port)
                    .postWithKey(api + "/responses", UUID.randomUUID().toString(), """
                    {"consent": {"version": "1", "agreed": ["take_part"]},
                     "answers": {"adult": "yes", "ethnicity": "black_african", "ever_detained": "no",
                                 "support_medication": "a_lot", "recovery_meaning": %s},
                     "submit": true}""".formatted(json(text)));
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            responseIds.add(reply.json().get("responseId").asString());
        }
        var codebook = owner.post(api + "/themes", """
                {"themes": [{"code": "warmth", "name": "Warmth and human qualities", "rule": "kind"},
                            {"code": "medical_only", "name": "Medical-only explanations"},
                            {"code": "other", "name": "Other"}]}""");
        assertThat(codebook.status()).as(codebook.body()).isEqualTo(201);
        return responseIds;
    }

    /** A coder's own code of a whole answer, through the API. */
    static void code(TestApi coder, String studyId, String responseId, String theme) {
        var reply = coder.post("/api/studies/" + studyId + "/coding", """
                {"responseId": "%s", "question": "recovery_meaning", "theme": "%s"}""".formatted(responseId, theme));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
