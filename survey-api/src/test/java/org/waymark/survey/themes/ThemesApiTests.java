package org.waymark.survey.themes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.search.QuerySyntax;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;

/** The coding frame and team coding, through the API, on the real database and index. */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThemesApiTests {

    static final String STUDY = "themes-study";
    static final String API = "/api/studies/" + STUDY;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi admin;
    private final List<String> responseIds = new ArrayList<>();

    @BeforeAll
    void publishAndSubmit() {
        admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        admin.post(API + "/publish", "");
        String[] texts = {
            "The staff were kind and listened to me.",
            "Only medication was offered, nothing else.",
            "Hope for the future and my family around me.",
            "Kind nurses, but too much medication.",
            "Getting back to work."
        };
        for (String text : texts) {
            var reply = TestApi.on(port)
                    .postWithKey(API + "/responses", UUID.randomUUID().toString(), """
                            {"consent": {"version": "1", "agreed": ["take_part"]},
                             "answers": {"adult": "yes", "ethnicity": "white_british", "recovery_meaning": "%s"},
                             "submit": true}""".formatted(text));
            assertThat(reply.status()).isEqualTo(201);
            responseIds.add(reply.json().get("responseId").asString());
        }
    }

    @Test
    void everyShippedRuleIsAValidSearch() {
        for (String frame : ThemeService.FRAMES.keySet()) {
            assertThat(ThemeService.frame(frame)).isNotEmpty().allSatisfy(theme -> {
                if (theme.rule() != null) {
                    QuerySyntax.parse(theme.rule());
                }
            });
        }
    }

    @Test
    void versionsTheCodebookAndRefusesABadOneWithEveryProblemNamed() {
        // A study of its own, so that no other test's codebook versions come in between.
        String api = publishedStudy("codebook-study");
        var bad = admin.post(api + "/themes", """
                {"themes": [{"code": "warmth", "name": "Warmth", "rule": "*kind"},
                            {"code": "warmth", "name": "Again"},
                            {"code": "child", "name": "Child", "parent": "nowhere"}]}""");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").asString())
                .contains("appears twice")
                .contains("parent 'nowhere'")
                .contains("can only end a word");

        var adopted = admin.post(api + "/themes/frames/cpa-study-themes", "");
        assertThat(adopted.status()).isEqualTo(201);
        int version = adopted.json().get("version").asInt();
        var again = admin.post(api + "/themes/frames/recovery-meaning", "");
        assertThat(again.json().get("version").asInt()).isEqualTo(version + 1);
        assertThat(admin.get(api + "/themes").json().get("themes").size())
                .isEqualTo(ThemeService.frame("cpa-study-themes").size()
                        + ThemeService.frame("recovery-meaning").size());
        assertThat(admin.get(api + "/themes/versions/" + version)
                        .json()
                        .get("themes")
                        .size())
                .as("an old version is unchanged")
                .isEqualTo(ThemeService.frame("cpa-study-themes").size());
        assertThat(admin.post(api + "/themes/frames/no-such-frame", "").status())
                .isEqualTo(404);
    }

    @Test
    void rulesProposeAndPeopleDecideThenTwoCodersAgreement() {
        admin.post(API + "/themes", """
                {"themes": [{"code": "warmth", "name": "Warmth", "rule": "kind OR listen*"},
                            {"code": "medical_only", "name": "Medical only", "rule": "medication"},
                            {"code": "other", "name": "Other"}]}""");
        var proposed =
                admin.post(API + "/coding/propose", "").json().get("proposed").asInt();
        assertThat(proposed)
                .as("answers 1 and 4 for warmth, 2 and 4 for medication")
                .isEqualTo(4);
        assertThat(admin.post(API + "/coding/propose", "")
                        .json()
                        .get("proposed")
                        .asInt())
                .as("proposing again adds nothing")
                .isZero();

        var open = admin.get(API + "/coding?status=proposed&theme=warmth").json();
        assertThat(open.size()).isEqualTo(2);
        long first = open.get(0).get("id").asLong();
        assertThat(admin.post(API + "/coding/" + first + "/confirm", "")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("confirmed");
        assertThat(admin.post(API + "/coding/" + first + "/reject", "").status())
                .as("a decided proposal cannot be decided again")
                .isEqualTo(409);

        // Two coders, blind: "admin" and "second". Agreement on 4 answers both coded:
        //   warmth: admin codes answers 0 and 3; second codes 0 only -> both 1, admin only 1, neither 2.
        // Cohen's kappa for [[1,1],[0,2]]: po = 3/4, pe = (2*1 + 2*3)/16 = 1/2, kappa = (0.75-0.5)/0.5 = 0.5.
        // R 4.4: irr::kappa2(cbind(c(1,0,0,1), c(1,0,0,0)))$value = 0.5
        code("admin", 0, "warmth");
        code("admin", 1, "medical_only");
        code("admin", 2, "other");
        code("admin", 3, "warmth");
        code("second", 0, "warmth");
        code("second", 1, "medical_only");
        code("second", 2, "other");
        code("second", 3, "medical_only");
        var agreement = admin.get(API + "/coding/agreement?coders=admin,second").json();
        assertThat(agreement.get("units").asInt()).isEqualTo(4);
        var warmth = agreement.get("themes").get(0);
        assertThat(warmth.get("theme").asString()).isEqualTo("warmth");
        assertThat(warmth.get("both").asInt()).isEqualTo(1);
        assertThat(warmth.get("firstOnly").asInt()).isEqualTo(1);
        assertThat(warmth.get("neither").asInt()).isEqualTo(2);
        assertThat(warmth.get("kappa").asDouble()).isCloseTo(0.5, within(1e-12));
        // Krippendorff's alpha, nominal, 2 coders x 4 units: values (1,1),(0,0),(0,0),(1,0).
        // Coincidences: o11 = 2, o00 = 4, o10 = o01 = 1; n = 8, n1 = 3, n0 = 5.
        // alpha = 1 - (n-1) * o10*2 / (2 * n1 * n0) = 1 - 7 * 2 / 30 = 0.5333...
        // R 4.4: irr::kripp.alpha(rbind(c(1,0,0,1), c(1,0,0,0)), "nominal")$value = 0.5333333
        assertThat(warmth.get("alpha").asDouble()).isCloseTo(1 - 14.0 / 30, within(1e-12));
    }

    @Test
    void aConsensusRecordsWhoDecidedAndCodesAreCheckedAgainstTheAnswer() {
        admin.post(API + "/themes/frames/cpa-study-themes", "");
        var consensus = admin.post(API + "/coding/consensus", """
                {"responseId": "%s", "question": "recovery_meaning", "theme": "warmth", "present": false}""".formatted(responseIds.get(4)));
        assertThat(consensus.status()).isEqualTo(201);
        assertThat(consensus.json().get("status").asString()).isEqualTo("consensus");
        assertThat(consensus.json().get("decidedBy").asString()).isEqualTo("admin");
        assertThat(consensus.json().get("present").asBoolean()).isFalse();

        var segment = admin.post(API + "/coding", """
                {"responseId": "%s", "question": "recovery_meaning", "theme": "warmth", "start": 4, "end": 9}""".formatted(responseIds.get(0)));
        assertThat(segment.status()).isEqualTo(201);
        assertThat(segment.json().get("start").asInt()).isEqualTo(4);

        var outside = admin.post(API + "/coding", """
                {"responseId": "%s", "question": "recovery_meaning", "theme": "warmth", "start": 4, "end": 900}""".formatted(responseIds.get(0)));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("detail").asString()).contains("start and end must mark a stretch");
        assertThat(admin.post(API + "/coding", """
                        {"responseId": "%s", "question": "recovery_meaning", "theme": "no_such_theme"}""".formatted(responseIds.get(0)))
                        .json()
                        .get("detail")
                        .asString())
                .contains("no theme 'no_such_theme'");
        assertThat(admin.post(API + "/coding", """
                        {"responseId": "NOPE", "question": "recovery_meaning", "theme": "warmth"}""").status()).isEqualTo(404);
    }

    @Test
    void theMatrixCountsWhatTheDatabaseHoldsAndProtectsSmallNumbers() {
        admin.post(API + "/themes/frames/cpa-study-themes", "");
        code("matrix-coder", 0, "staffing_funding");
        code("matrix-coder", 3, "staffing_funding");
        var internal = admin.get(API + "/themes/matrix?by=community&disclosure=internal")
                .json();
        assertThat(internal.get("exportable").asBoolean()).isFalse();
        var staffing = internal.get("themes")
                .valueStream()
                .filter(row -> row.get("theme").asString().equals("staffing_funding"))
                .findFirst()
                .orElseThrow();
        int fromDatabase = jdbc.sql("""
                        SELECT COUNT(DISTINCT c.response_id) FROM coding c JOIN response r ON r.id = c.response_id
                        WHERE c.study_id = ? AND c.theme_code = 'staffing_funding' AND r.status = 'submitted'
                          AND c.status IN ('confirmed', 'consensus') AND c.present""").param(STUDY).query(Integer.class).single();
        assertThat(staffing.get("overall").get("count").asInt())
                .isEqualTo(fromDatabase)
                .isEqualTo(2);
        assertThat(staffing.get("overall").get("base").asInt())
                .as("everyone here wrote an answer")
                .isEqualTo(5);
        assertThat(staffing.get("groups").get("other_communities").get("count").asInt())
                .isEqualTo(2);
        assertThat(staffing.get("groups").get("african_caribbean").get("base").asInt())
                .isZero();

        var published = admin.get(API + "/themes/matrix?by=community").json();
        assertThat(published.get("disclosure").asString()).isEqualTo("nhs-standard");
        var protectedRow = published
                .get("themes")
                .valueStream()
                .filter(row -> row.get("theme").asString().equals("staffing_funding"))
                .findFirst()
                .orElseThrow();
        assertThat(protectedRow.get("overall").get("suppressed").asBoolean())
                .as("2 of 5 is hidden")
                .isTrue();
        assertThat(protectedRow.get("overall").get("count").isNull()).isTrue();
        assertThat(protectedRow.get("overall").get("percent").isNull()).isTrue();
        assertThat(protectedRow.get("test").isNull()).isTrue();
        assertThat(admin.post(API + "/coding/consensus", """
                        {"responseId": "%s", "question": "recovery_meaning", "theme": "staffing_funding", "present": false}""".formatted(responseIds.get(0)))
                        .status())
                .isEqualTo(201);
        assertThat(admin.get(API + "/themes/matrix?by=community&disclosure=internal")
                        .json()
                        .get("themes")
                        .valueStream()
                        .filter(row -> row.get("theme").asString().equals("staffing_funding"))
                        .findFirst()
                        .orElseThrow()
                        .get("overall")
                        .get("count")
                        .asInt())
                .as("the consensus overrules the coder on that answer")
                .isEqualTo(1);
        assertThat(admin.post("/api/studies/no-such-study/coding/1/confirm", "").status())
                .as("no role in a study that does not exist")
                .isEqualTo(403);
        assertThat(admin.get(API + "/themes/matrix").json().get("detail").asString())
                .contains("?by=");
        assertThat(admin.get(API + "/themes/matrix?by=community&disclosure=loose")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void quotesComeOnlyFromConsentingParticipantsAndNameOnlyLargeGroups() {
        String study = "quotes-study";
        String api = publishedStudy(study);
        admin.post(api + "/themes/frames/cpa-study-themes", "");
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            receipts.add(
                    submitTo(study, "black_caribbean", "take_part\", \"quote_me", "Kind staff at Example Ward " + i));
        }
        String loneReceipt = submitTo(study, "white_british", "take_part\", \"quote_me", "Kind words from one person");
        submitTo(study, "black_african", "take_part", "Kind but do not quote me");
        jdbc.sql("""
                        INSERT INTO coding (study_id, response_id, question_id, theme_code, coder, status, present,
                                            start_offset, end_offset, decided_by, created_at)
                        SELECT r.study_id, r.id, 'recovery_meaning', 'warmth', 'admin', 'confirmed', TRUE, 0, 10, 'admin', NOW(6)
                        FROM response r WHERE r.study_id = ? AND r.status = 'submitted'""").param(study).update();

        var quotes = admin.get(api + "/quotes?theme=warmth").json();
        assertThat(quotes.size()).as("ten agreed to be quoted, one did not").isEqualTo(10);
        assertThat(quotes.valueStream().map(quote -> quote.get("text").asString()))
                .as("the coded stretch only")
                .allMatch(text -> text.equals("Kind staff") || text.equals("Kind words"))
                .noneMatch(text -> text.contains("do not quote"));
        var lone = quotes.valueStream()
                .filter(quote -> quote.get("text").asString().equals("Kind words"))
                .findFirst()
                .orElseThrow();
        assertThat(lone.get("groups").get("community").isNull())
                .as("a group of one is never named")
                .isTrue();
        assertThat(quotes.get(0).get("groups").get("community").asString())
                .as("nine is above the threshold of 7")
                .isEqualTo("African and African Caribbean");
        assertThat(quotes.get(0).get("approved").asBoolean()).isFalse();

        long quoteId = quotes.get(0).get("quoteId").asLong();
        assertThat(admin.post(api + "/quotes/" + quoteId + "/approve", "{\"text\": \" \"}")
                        .status())
                .isEqualTo(400);
        var approved = admin.post(api + "/quotes/" + quoteId + "/approve", "{\"text\": \"Kind staff at [a ward]\"}");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("redactedText").asString()).isEqualTo("Kind staff at [a ward]");
        assertThat(admin.get(api + "/quotes?approved=true").json().size()).isEqualTo(1);
        long notConsented = jdbc.sql("""
                        SELECT c.id FROM coding c JOIN consent k ON k.response_id = c.response_id
                        WHERE c.study_id = ? AND k.statements_agreed = 'take_part'""").param(study).query(Long.class).single();
        assertThat(admin.post(api + "/quotes/" + notConsented + "/approve", "{\"text\": \"x\"}")
                        .status())
                .isEqualTo(404);

        long overruled = quotes.get(1).get("quoteId").asLong();
        jdbc.sql("""
                        INSERT INTO coding (study_id, response_id, question_id, theme_code, coder, status, present,
                                            decided_by, created_at)
                        SELECT study_id, response_id, question_id, theme_code, 'admin', 'consensus', FALSE, 'admin', NOW(6)
                        FROM coding WHERE id = ?""").param(overruled).update();
        assertThat(admin.get(api + "/quotes")
                        .json()
                        .valueStream()
                        .map(quote -> quote.get("quoteId").asLong()))
                .as("a consensus that the theme is absent takes the passage out of the bank")
                .hasSize(9)
                .doesNotContain(overruled);

        assertThat(TestApi.on(port)
                        .send("DELETE", "/api/responses/" + receipts.getFirst(), "application/json", "")
                        .status())
                .isEqualTo(204);
        assertThat(TestApi.on(port)
                        .send("DELETE", "/api/responses/" + loneReceipt, "application/json", "")
                        .status())
                .isEqualTo(204);
        assertThat(admin.get(api + "/quotes").json().size())
                .as("withdrawn answers leave the bank")
                .isEqualTo(7);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM quote q JOIN coding c ON c.id = q.coding_id WHERE c.study_id = ?")
                        .param(study)
                        .query(Integer.class)
                        .single())
                .as("the approved quote went with its participant")
                .isZero();
    }

    @Test
    void listsTheWordsAGroupUsesMoreThanTheRestWhenEnoughOfThemUsedThem() {
        String study = "terms-study";
        String api = publishedStudy(study);
        for (int i = 0; i < 9; i++) {
            submitTo(study, "black_caribbean", "take_part", "Church community helped");
            submitTo(study, "white_british", "take_part", "Work colleagues helped");
        }
        submitTo(study, "black_african", "take_part", "Zebra");

        // The internal profile shows the counts as they are; ThemeExplorerApiTests checks the protected ones.
        var terms = admin.get(api + "/themes/terms?by=community&group=african_caribbean&disclosure=internal")
                .json();
        assertThat(terms.get("disclosure").asString()).isEqualTo("internal");
        var church = terms.get("terms").get(0);
        assertThat(church.get("word").asString()).isEqualTo("church");
        assertThat(church.get("inGroup").asInt()).isEqualTo(9);
        assertThat(church.get("groupWords").asInt())
                .as("3 words x 9 answers + zebra")
                .isEqualTo(28);
        assertThat(church.get("inRest").asInt()).isZero();
        assertThat(church.get("restWords").asInt()).isEqualTo(27);
        assertThat(church.get("participants").asInt()).isEqualTo(9);
        // G2 of [[9, 0], [19, 27]], all four cells: 2 * sum(o * log(o / e)) over the non-zero cells.
        // R 4.4: t <- matrix(c(9, 19, 0, 27), 2); e <- outer(rowSums(t), colSums(t)) / sum(t);
        //        2 * sum((t * log(t / e))[t > 0]) = 13.85687
        assertThat(church.get("logLikelihood").asDouble()).isCloseTo(13.856870537088376, within(1e-9));
        assertThat(terms.get("terms").valueStream().map(term -> term.get("word").asString()))
                .as("used less than by the rest; internal hides nothing, so a word of one participant is listed")
                .doesNotContain("helped", "work")
                .contains("community", "zebra");
        var published = admin.get(api + "/themes/terms?by=community&group=african_caribbean")
                .json();
        assertThat(published.get("disclosure").asString()).isEqualTo("nhs-standard");
        assertThat(published
                        .get("terms")
                        .valueStream()
                        .map(term -> term.get("word").asString()))
                .as("used by one participant only, or used less than by the rest")
                .doesNotContain("zebra", "helped", "work")
                .contains("church", "community");
        assertThat(admin.get(api + "/themes/terms?by=community&group=martians")
                        .json()
                        .get("detail")
                        .asString())
                .contains("african_caribbean");
    }

    @Test
    void exportsTheCodebookAsAValidRefiQdaFileAndImportsItBackUnchanged() throws Exception {
        String study = "qdc-study";
        String api = publishedStudy(study);
        admin.post(api + "/themes", """
                {"themes": [{"code": "warmth", "name": "Warmth & kindness", "description": "Being treated <as> a person",
                             "rule": "kind*"},
                            {"code": "listening", "name": "Listening", "parent": "warmth"},
                            {"code": "other", "name": "Other"}]}""");
        var before = admin.get(api + "/themes").json();

        var exported = admin.get(api + "/themes/codebook.qdc");
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.contentType()).startsWith("application/xml");
        QdcCodebooks.validate(exported.body());
        assertThat(exported.body()).contains("urn:QDA-XML:codebook:1.0").contains("name=\"Warmth &amp; kindness\"");

        var imported = admin.sendBytes(
                "POST",
                api + "/themes/codebook.qdc",
                "application/xml",
                exported.body().getBytes(UTF_8));
        assertThat(imported.status()).isEqualTo(201);
        assertThat(imported.json().get("version").asInt())
                .isEqualTo(before.get("version").asInt() + 1);
        assertThat(imported.json().get("themes"))
                .as("codes, names, descriptions, parents and rules")
                .isEqualTo(before.get("themes"));

        var notQdc = admin.sendBytes("POST", api + "/themes/codebook.qdc", "application/xml", """
                <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="No guid" isCodable="true"/></Codes></CodeBook>""".getBytes(UTF_8));
        assertThat(notQdc.status()).isEqualTo(422);
        assertThat(notQdc.json().get("detail").asString())
                .contains("nothing was saved")
                .contains("guid");
        var withDoctype = admin.sendBytes("POST", api + "/themes/codebook.qdc", "application/xml", """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000000-0000-0000-0000-000000000000" name="&e;" isCodable="true"/></Codes></CodeBook>""".getBytes(UTF_8));
        assertThat(withDoctype.status()).isEqualTo(422);
        assertThat(withDoctype.body()).doesNotContain("root:");
        assertThat(admin.get(api + "/themes").json().get("version").asInt())
                .as("refused files save nothing")
                .isEqualTo(imported.json().get("version").asInt());
    }

    @Test
    void importsCodesFromOtherToolsWithCodesMadeFromTheirNames() {
        String study = "qdc-import-study";
        String api = publishedStudy(study);
        var imported = admin.sendBytes("POST", api + "/themes/codebook.qdc", "application/xml", """
                <?xml version="1.0" encoding="utf-8"?>
                <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Another tool">
                  <Codes>
                    <Code guid="{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}" name="Hope &amp; optimism" isCodable="true" color="#46AA00">
                      <Description>Looking forward</Description>
                      <Code guid="2FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Goals" isCodable="true"/>
                    </Code>
                    <Code guid="3FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Goals" isCodable="false"/>
                  </Codes>
                </CodeBook>""".getBytes(UTF_8));
        assertThat(imported.status()).isEqualTo(201);
        var themes = imported.json().get("themes");
        assertThat(themes.get(0).get("code").asString()).isEqualTo("hope_optimism");
        assertThat(themes.get(0).get("description").asString()).isEqualTo("Looking forward");
        assertThat(themes.get(1).get("code").asString()).isEqualTo("goals");
        assertThat(themes.get(1).get("parent").asString()).isEqualTo("hope_optimism");
        assertThat(themes.get(2).get("code").asString())
                .as("names repeat; codes do not")
                .isEqualTo("goals_2");
    }

    /** Creates and publishes a study of its own for one test; returns its API path. */
    private String publishedStudy(String study) {
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", study)).json());
        admin.post("/api/studies/" + study + "/publish", "");
        return "/api/studies/" + study;
    }

    private String submitTo(String study, String ethnicity, String agreed, String text) {
        var reply = TestApi.on(port)
                .postWithKey(
                        "/api/studies/" + study + "/responses",
                        UUID.randomUUID().toString(),
                        """
                        {"consent": {"version": "1", "agreed": ["%s"]},
                         "answers": {"adult": "yes", "ethnicity": "%s", "recovery_meaning": "%s"},
                         "submit": true}""".formatted(agreed, ethnicity, text));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("receiptCode").asString();
    }

    private void code(String coder, int answer, String theme) {
        long responseKey = jdbc.sql("SELECT id FROM response WHERE pseudonym = ?")
                .param(responseIds.get(answer))
                .query(Long.class)
                .single();
        // The second coder has no account yet (accounts come with roles); their codes go in as they would.
        jdbc.sql("""
                        INSERT INTO coding (study_id, response_id, question_id, theme_code, coder, status, present,
                                            decided_by, created_at)
                        VALUES (?, ?, 'recovery_meaning', ?, ?, 'confirmed', TRUE, ?, NOW(6))""").params(STUDY, responseKey, theme, coder, coder).update();
    }
}
