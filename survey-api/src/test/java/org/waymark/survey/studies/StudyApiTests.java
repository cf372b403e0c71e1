package org.waymark.survey.studies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import tools.jackson.databind.JsonNode;

@WaymarkIntegrationTest
class StudyApiTests {

    private static final AtomicInteger STUDIES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi anonymous;
    private TestApi admin;

    @BeforeEach
    void clients() {
        anonymous = TestApi.on(port);
        admin = anonymous.asAdmin();
    }

    private static TestDefinitions newStudy() {
        String id = "api-study-" + STUDIES.incrementAndGet();
        return TestDefinitions.minimal().with(root -> root.put("id", id));
    }

    private static String id(TestDefinitions definition) {
        return definition.root().get("id").asString();
    }

    @Test
    void listsTheCpaStudyAndTheSyntheticDemo() {
        var reply = anonymous.get("/api/studies");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode cpa = find(reply.json(), "cpa-recovery");
        assertThat(cpa.get("version").asInt()).isEqualTo(1);
        assertThat(cpa.get("status").asString()).isEqualTo("published");
        assertThat(cpa.get("synthetic").asBoolean()).isFalse();
        JsonNode demo = find(reply.json(), "cpa-recovery-demo");
        assertThat(demo.get("synthetic").asBoolean()).isTrue();
        assertThat(demo.get("title").asString()).startsWith("SYNTHETIC DEMO:");
    }

    @Test
    void servesThePublishedDefinitionInTheStudyFormat() {
        var reply = anonymous.get("/api/studies/cpa-recovery");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode definition = reply.json();
        assertThat(definition.get("id").asString()).isEqualTo("cpa-recovery");
        assertThat(definition.get("consent").get("statements").size()).isGreaterThan(1);
        assertThat(definition.get("sections").size()).isGreaterThan(3);
    }

    @Test
    void answersAnUnknownStudyWithProblemDetails() {
        var reply = anonymous.get("/api/studies/no-such-study");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString())
                .isEqualTo("There is no study 'no-such-study'. GET /api/studies lists them.");
    }

    @Test
    void requiresSignInToUpload() {
        var reply = anonymous.post("/api/studies", newStudy().json());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.wwwAuthenticate()).startsWith("Basic");
        var wrongPassword = anonymous
                .as("admin", "not the password")
                .post("/api/studies", newStudy().json());
        assertThat(wrongPassword.status()).isEqualTo(401);
    }

    @Test
    void uploadsPublishesAndVersionsAStudy() {
        TestDefinitions definition = newStudy();
        String id = id(definition);

        var created = admin.post("/api/studies", definition.json());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/api/studies/" + id + "/versions/1");
        assertThat(created.json().get("status").asString()).isEqualTo("draft");
        assertThat(anonymous.get("/api/studies/" + id).status())
                .as("a draft is not public")
                .isEqualTo(404);

        var published = admin.post("/api/studies/" + id + "/publish", "");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("status").asString()).isEqualTo("published");
        assertThat(anonymous.get("/api/studies/" + id).json().get("title").asString())
                .isEqualTo("A test study");

        var republish = admin.post("/api/studies/" + id + "/publish", "");
        assertThat(republish.status()).isEqualTo(409);

        definition.with(root -> root.put("title", "A test study, revised"));
        var sameVersion = admin.post("/api/studies/" + id + "/versions", definition.json());
        assertThat(sameVersion.status()).as("a published version never changes").isEqualTo(422);
        assertThat(sameVersion.json().get("errors").get(0).get("path").asString())
                .isEqualTo("$.version");

        definition.with(root -> root.put("version", 2));
        assertThat(admin.post("/api/studies/" + id + "/versions", definition.json())
                        .status())
                .isEqualTo(201);
        definition.with(root -> root.put("title", "A test study, revised twice"));
        assertThat(admin.post("/api/studies/" + id + "/versions", definition.json())
                        .status())
                .as("a draft can be replaced")
                .isEqualTo(200);
        assertThat(anonymous.get("/api/studies/" + id).json().get("version").asInt())
                .as("the draft is not yet current")
                .isEqualTo(1);

        admin.post("/api/studies/" + id + "/publish", "");
        assertThat(anonymous.get("/api/studies/" + id).json().get("title").asString())
                .isEqualTo("A test study, revised twice");
        assertThat(admin.get("/api/studies/" + id + "/versions/1")
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("A test study");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE study_id = ? ORDER BY id")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "study.draft-uploaded",
                        "role.granted", // the uploader becomes the owner
                        "study.published",
                        "study.draft-uploaded",
                        "study.draft-replaced",
                        "study.published");
    }

    @Test
    void rejectsAnInvalidDefinitionListingEveryProblemAndStoresNothing() {
        TestDefinitions definition = newStudy();
        definition.question(1, 1).put("showIf", "ever_detained == 'maybe'");
        definition.question(1, 3).put("maxLength", 0);
        var reply = admin.post("/api/studies", definition.json());
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json()
                        .get("errors")
                        .valueStream()
                        .map(error -> error.get("path").asString()))
                .containsExactlyInAnyOrder("$.sections[1].questions[3].maxLength", "$.sections[1].questions[1].showIf");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM study WHERE id = ?")
                        .param(id(definition))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void rejectsMalformedJsonAndOtherMediaTypes() {
        var malformed = admin.post("/api/studies", "{\"id\": ");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("errors").get(0).get("message").asString())
                .contains("not valid JSON");
        var text = admin.send("POST", "/api/studies", "text/plain", "hello");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("detail").asString()).contains("application/json");
    }

    @Test
    void refusesASecondStudyWithTheSameId() {
        TestDefinitions definition = newStudy();
        assertThat(admin.post("/api/studies", definition.json()).status()).isEqualTo(201);
        var again = admin.post("/api/studies", definition.json());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("/versions");
    }

    @Test
    void refusesAVersionWhoseIdDiffersFromTheAddress() {
        TestDefinitions definition = newStudy();
        admin.post("/api/studies", definition.json());
        var reply = admin.post(
                "/api/studies/" + id(definition) + "/versions", newStudy().json());
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("errors").get(0).get("path").asString()).isEqualTo("$.id");
    }

    @Test
    void closesAPublishedStudyOnce() {
        TestDefinitions definition = newStudy();
        String id = id(definition);
        admin.post("/api/studies", definition.json());
        var draftOnly = admin.post("/api/studies/" + id + "/close", "");
        assertThat(draftOnly.status()).isEqualTo(409);
        assertThat(draftOnly.json().get("detail").asString()).contains("never been published");
        admin.post("/api/studies/" + id + "/publish", "");
        var closed = admin.post("/api/studies/" + id + "/close", "");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("status").asString()).isEqualTo("closed");
        assertThat(admin.post("/api/studies/" + id + "/close", "").status()).isEqualTo(409);
        assertThat(admin.post("/api/studies/no-such-study/close", "").status())
                .as("no role in a study that does not exist: refused, without saying whether it exists")
                .isEqualTo(403);
    }

    private static JsonNode find(JsonNode studies, String id) {
        return studies.valueStream()
                .filter(study -> study.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not listed"));
    }
}
