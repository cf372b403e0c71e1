package org.waymark.survey.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;

@WaymarkIntegrationTest
class ImportApiTests {

    private static final AtomicInteger STUDIES = new AtomicInteger();
    private static final String HEADER =
            "consent_agreed,adult,ethnicity,ever_detained,detained_sections,support_medication,recovery_meaning\r\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi admin;
    private String study;

    @BeforeEach
    void publishAStudy() {
        admin = TestApi.on(port).asAdmin();
        study = "import-study-" + STUDIES.incrementAndGet();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", study)).json());
        admin.post("/api/studies/" + study + "/publish", "");
    }

    private TestApi.Reply importCsv(String csv, String query) {
        return admin.sendBytes(
                "POST", "/api/studies/" + study + "/imports" + query, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private int responses() {
        return jdbc.sql("SELECT COUNT(*) FROM response WHERE study_id = ?")
                .param(study)
                .query(Integer.class)
                .single();
    }

    @Test
    void importsEveryRowThroughTheSameRulesAsOnlineResponses() {
        String csv = HEADER
                + "take_part;quote_me,yes,black_african,yes,s2;s37,a_lot,\"Being heard, at last.\"\r\n"
                + "take_part,yes,prefer_not_to_say,no,,never_had,\r\n";
        var reply = importCsv(csv, "");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("imported").asInt()).isEqualTo(2);
        assertThat(reply.json().get("rows").get(0).get("status").asString()).isEqualTo("imported");
        assertThat(responses()).isEqualTo(2);
        assertThat(jdbc.sql("""
                                SELECT a.value FROM answer a JOIN response r ON r.id = a.response_id
                                WHERE r.study_id = ? AND a.question_id = 'detained_sections'""").param(study).query(String.class).single()).isEqualTo("s2;s37");
        assertThat(jdbc.sql("SELECT DISTINCT source FROM response WHERE study_id = ?")
                        .param(study)
                        .query(String.class)
                        .single())
                .isEqualTo("import");
    }

    @Test
    void refusesTheWholeFileByDefaultReportingEachRowAndColumn() {
        String csv = HEADER
                + "take_part,yes,white_british,no,,a_lot,\r\n"
                + "take_part,yes,martian,no,s2,a_lot,\r\n"
                + "quote_me,no,,,,,\r\n";
        var reply = importCsv(csv, "");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json()
                        .get("errors")
                        .valueStream()
                        .map(error -> error.get("row").asInt() + ":"
                                + error.get("column").asString()))
                .containsExactly("3:ethnicity", "3:detained_sections", "4:consent_agreed");
        assertThat(responses()).isZero();
    }

    @Test
    void importsTheValidRowsWhenAskedAndReportsTheOthers() {
        String csv = HEADER + "take_part,yes,white_british,no,,a_lot,\r\n" + "take_part,yes,martian,no,,a_lot,\r\n";
        var reply = importCsv(csv, "?mode=valid-rows");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("imported").asInt()).isEqualTo(1);
        assertThat(reply.json().get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(responses()).isEqualTo(1);
    }

    @Test
    void recognisesAFileImportedBefore() {
        String csv = HEADER + "take_part,yes,white_british,no,,a_lot,\r\n";
        assertThat(importCsv(csv, "").status()).isEqualTo(201);
        var again = importCsv(csv, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("imported into study");
        assertThat(responses()).isEqualTo(1);
    }

    @Test
    void refusesUnknownColumnsMalformedCsvAndStrangers() {
        var unknown = importCsv("consent_agreed,adult,shoe_size\r\ntake_part,yes,9\r\n", "");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("column").asString()).isEqualTo("shoe_size");
        var ragged = importCsv(HEADER + "take_part,yes\r\n", "");
        assertThat(ragged.status()).isEqualTo(422);
        var broken = importCsv(HEADER + "take_part,yes,\"unclosed\r\n", "");
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().get("errors").get(0).get("message").asString()).contains("not valid CSV");
        var anonymous = TestApi.on(port)
                .sendBytes(
                        "POST",
                        "/api/studies/" + study + "/imports",
                        "text/csv",
                        HEADER.getBytes(StandardCharsets.UTF_8));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(responses()).isZero();
    }
}
