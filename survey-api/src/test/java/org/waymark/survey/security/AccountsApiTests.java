package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;

/** Accounts made and disabled by the admin, roles given and taken by owners, each change audited. */
@WaymarkIntegrationTest
class AccountsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void storesPasswordsAsArgon2idWithOwaspsParameters() {
        TestAccounts.signedIn(port, "hash-check");
        String stored = jdbc.sql("SELECT password_hash FROM researcher_account WHERE username = 'hash-check'")
                .query(String.class)
                .single();
        // OWASP's minimum for Argon2id: m=19456 (19 MiB), t=2, p=1.
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(TestAccounts.PASSWORD);
    }

    @Test
    void makesAndDisablesAccountsAndRefusesWeakPasswords() {
        TestApi admin = TestApi.on(port).asAdmin();
        var weak = admin.post("/api/accounts", "{\"username\": \"weak-one\", \"password\": \"q1w2e3r4t5y6\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("detail").asString()).contains("most common");
        var reserved = admin.post("/api/accounts", """
                {"username": "system", "password": "%s"}""".formatted(TestAccounts.PASSWORD));
        assertThat(reserved.status()).isEqualTo(400);

        TestApi person = TestAccounts.signedIn(port, "comes-and-goes");
        assertThat(person.get("/api/me").status()).isEqualTo(200);
        assertThat(admin.post("/api/accounts", """
                        {"username": "comes-and-goes", "password": "%s"}""".formatted(TestAccounts.PASSWORD))
                        .status())
                .isEqualTo(409);
        assertThat(admin.post("/api/accounts/comes-and-goes/disable", "")
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(person.get("/api/me").status()).isEqualTo(401);
        assertThat(admin.post("/api/accounts/comes-and-goes/enable", "").status())
                .isEqualTo(200);
        assertThat(person.get("/api/me").status()).isEqualTo(200);
        assertThat(admin.post("/api/accounts/admin/disable", "").status())
                .as("the admin cannot lock themself out")
                .isEqualTo(409);
        assertThat(admin.get("/api/accounts").body()).doesNotContain("argon2");
        assertThat(audited("account.disabled", "comes-and-goes")).isEqualTo(1);
    }

    @Test
    void makesTheUploaderOwnerWhoGivesAndTakesRoles() {
        TestApi owner = TestAccounts.signedIn(port, "roles-owner");
        TestApi colleague = TestAccounts.signedIn(port, "roles-colleague");
        String study = "roles-study";
        assertThat(owner.post(
                                "/api/studies",
                                TestDefinitions.minimal()
                                        .with(root -> root.put("id", study))
                                        .json())
                        .status())
                .isEqualTo(201);
        assertThat(owner.get("/api/me").json().get("studies").toString())
                .contains("{\"studyId\":\"roles-study\",\"role\":\"owner\"}");
        assertThat(colleague.get("/api/studies/" + study + "/versions/1").status())
                .isEqualTo(403);

        String roles = "/api/studies/" + study + "/roles/";
        assertThat(owner.put(roles + "roles-colleague", "{\"role\": \"analyst\"}")
                        .status())
                .isEqualTo(200);
        assertThat(colleague.get("/api/studies/" + study + "/versions/1").status())
                .isEqualTo(200);
        assertThat(owner.put(roles + "roles-colleague", "{\"role\": \"boss\"}").status())
                .isEqualTo(400);
        assertThat(owner.delete(roles + "roles-owner").status())
                .as("a study keeps at least one owner")
                .isEqualTo(409);
        assertThat(owner.put(roles + "roles-owner", "{\"role\": \"researcher\"}")
                        .status())
                .isEqualTo(409);
        assertThat(owner.delete(roles + "roles-colleague").status()).isEqualTo(204);
        assertThat(colleague.get("/api/studies/" + study + "/versions/1").status())
                .isEqualTo(403);

        List<String> trail = jdbc.sql("""
                        SELECT CONCAT(actor, ' ', action, ' ', target, ' ', COALESCE(detail, ''))
                        FROM audit_event WHERE study_id = ? AND action LIKE 'role.%' ORDER BY id""").param(study).query(String.class).list();
        assertThat(trail)
                .containsExactly(
                        "roles-owner role.granted roles-owner owner, as uploader",
                        "roles-owner role.granted roles-colleague analyst",
                        "roles-owner role.revoked roles-colleague ");
    }

    @Test
    void letsTheAdminGiveRolesButSeeNoStudyDataWithoutOne() {
        TestApi admin = TestApi.on(port).asAdmin();
        assertThat(admin.get("/api/studies/cpa-recovery/responses").status()).isEqualTo(403);
        assertThat(admin.get("/api/studies/cpa-recovery/roles").status()).isEqualTo(200);
        assertThat(admin.put("/api/studies/no-such-study/roles/admin", "{\"role\": \"owner\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void changesOnesOwnPasswordGivenTheCurrentOne() {
        TestApi before = TestAccounts.signedIn(port, "changes-password");
        String next = "another synthetic passphrase entirely";
        assertThat(before.put("/api/me/password", """
                        {"current": "%s", "password": "short"}""".formatted(TestAccounts.PASSWORD))
                        .status())
                .isEqualTo(400);
        assertThat(before.put("/api/me/password", """
                        {"current": "%s", "password": "%s"}""".formatted(TestAccounts.PASSWORD, next))
                        .status())
                .isEqualTo(204);
        assertThat(before.get("/api/me").status()).isEqualTo(401);
        assertThat(TestApi.on(port).as("changes-password", next).get("/api/me").status())
                .isEqualTo(200);
    }

    @Test
    void slowsGuessingAfterFiveFailuresAndAuditsThemWithoutThePassword() {
        TestAccounts.signedIn(port, "guessed-at");
        TestApi guesser = TestApi.on(port).as("guessed-at", "wrong guess, synthetic");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.get("/api/me").status()).isEqualTo(401);
        }
        var slowed = TestApi.on(port).as("guessed-at", TestAccounts.PASSWORD).get("/api/me");
        assertThat(slowed.status()).as("even the right password waits now").isEqualTo(429);
        assertThat(slowed.json().get("detail").asString()).contains("Retry-After");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'login.failed' AND actor = 'guessed-at'")
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail LIKE '%wrong guess%'")
                        .query(Long.class)
                        .single())
                .isZero();
        TestApi.on(port).as("no-such-person", "wrong guess, synthetic").get("/api/me");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor LIKE 'no-such-person%'")
                        .query(Long.class)
                        .single())
                .as("a name that is no account is not recorded: it may be a password in the wrong box")
                .isZero();
    }

    private long audited(String action, String target) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND target = ?")
                .params(action, target)
                .query(Long.class)
                .single();
    }
}
