package org.waymark.survey.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.studies.TestDefinitions;

/**
 * A synthetic study for the theme explorer's tests, made through the API by its owner, with a coder, an
 * analyst and a researcher given their roles, and an outsider with none. 24 participants, all agreeing to
 * be quoted:
 *
 * <ul>
 *   <li>12 Black Caribbean (group "african_caribbean"), each writing "Church community helped me recover";
 *       the first 3 were detained.
 *   <li>12 White British ("other_communities"): the first 3 write "Church and work colleagues helped", the
 *       last writes {@link #MARKUP}, and the rest "Work colleagues helped".
 * </ul>
 *
 * So "church" is used by 12 of the first group and 3 of the rest: counts from 1 to 7 that a profile must
 * hide. "warmth" is coded for 10 of the first group and 2 of the second (the second hidden), "hope" for
 * the last participant only.
 */
final class ExplorerStudy {

    static final String CHURCH = "Church community helped me recover";
    static final String MARKUP = "<b>Kind</b> staff at Example Ward <script>alert(1)</script>";

    final String id;
    final String api;
    final TestApi owner;
    final List<String> caribbean = new ArrayList<>();
    final List<String> british = new ArrayList<>();

    private ExplorerStudy(String id, TestApi owner) {
        this.id = id;
        this.api = "/api/studies/" + id;
        this.owner = owner;
    }

    /** People are named {@code prefix-owner}, {@code prefix-coder} and so on; {@code prefix-outsider} has no role. */
    static ExplorerStudy make(int port, String id, String prefix) {
        ExplorerStudy study = new ExplorerStudy(id, TestAccounts.signedIn(port, prefix + "-owner"));
        TestAccounts.signedIn(port, prefix + "-outsider");
        var created = study.owner.post(
                "/api/studies",
                TestDefinitions.minimal()
                        .with(root -> root.put("id", id).put("title", "Synthetic theme explorer study"))
                        .json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(study.owner.post(study.api + "/publish", "").status()).isEqualTo(200);
        for (String role : List.of("coder", "analyst", "researcher")) {
            TestAccounts.signedIn(port, prefix + "-" + role);
            var granted = study.owner.put(study.api + "/roles/" + prefix + "-" + role, "{\"role\": \"" + role + "\"}");
            assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        }
        assertThat(study.owner.post(study.api + "/themes", """
                        {"themes": [{"code": "warmth", "name": "Warmth and human qualities"},
                                    {"code": "hope", "name": "Hope"}]}""").status()).isEqualTo(201);
        for (int i = 0; i < 12; i++) {
            study.caribbean.add(study.submit(port, "black_caribbean", i < 3 ? "yes" : "no", CHURCH));
            String text = i < 3 ? "Church and work colleagues helped" : i == 11 ? MARKUP : "Work colleagues helped";
            study.british.add(study.submit(port, "white_british", "no", text));
        }
        for (int i = 0; i < 10; i++) {
            study.code(study.caribbean.get(i), "warmth");
        }
        study.code(study.british.get(0), "warmth");
        study.code(study.british.get(11), "warmth");
        study.code(study.british.get(11), "hope");
        return study;
    }

    private String submit(int port, String ethnicity, String detained, String text) {
        var reply = TestApi.on(port)
                .postWithKey(api + "/responses", UUID.randomUUID().toString(), """
                        {"consent": {"version": "1", "agreed": ["take_part", "quote_me"]},
                         "answers": {"adult": "yes", "ethnicity": "%s", "ever_detained": "%s",
                                     "recovery_meaning": "%s"},
                         "submit": true}""".formatted(
                                ethnicity, detained, text.replace("\"", "\\\"")));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("responseId").asString();
    }

    private void code(String responseId, String theme) {
        var reply = owner.post(api + "/coding", """
                {"responseId": "%s", "question": "recovery_meaning", "theme": "%s"}""".formatted(responseId, theme));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }
}
