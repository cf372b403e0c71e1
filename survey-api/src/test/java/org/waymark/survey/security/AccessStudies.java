package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.waymark.survey.TestApi;
import org.waymark.survey.studies.TestDefinitions;

/** Studies for the access tests: uploaded and published by their owner, with a few answers and a codebook. */
final class AccessStudies {

    private AccessStudies() {}

    /**
     * Publishes {@code studyId} as {@code owner}, submits one response per text (every participant
     * agrees to be quoted), adds a codebook whose theme {@code warmth} matches "kind", and runs its
     * rules. Returns the responses' pseudonymous ids.
     */
    static List<String> publishWithAnswers(int port, TestApi owner, String studyId, String... texts) {
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
                    {"consent": {"version": "1", "agreed": ["take_part", "quote_me"]},
                     "answers": {"adult": "yes", "ethnicity": "black_african", "recovery_meaning": "%s"},
                     "submit": true}""".formatted(text));
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            responseIds.add(reply.json().get("responseId").asString());
        }
        var codebook = owner.post(api + "/themes", """
                {"themes": [{"code": "warmth", "name": "Warmth", "rule": "kind"}]}""");
        assertThat(codebook.status()).as(codebook.body()).isEqualTo(201);
        assertThat(owner.post(api + "/coding/propose", "").status()).isEqualTo(200);
        return responseIds;
    }

    /** The ids of the study's codings with the given status. */
    static List<Long> codings(TestApi researcher, String studyId, String status) {
        var reply = researcher.get("/api/studies/" + studyId + "/coding?status=" + status);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json()
                .valueStream()
                .map(coding -> coding.get("id").asLong())
                .toList();
    }
}
