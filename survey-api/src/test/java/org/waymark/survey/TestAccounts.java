package org.waymark.survey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Researcher accounts for tests, made through the accounts API as the site admin would make them,
 * and roles in studies given the same way.
 */
public final class TestAccounts {

    /** Every test account's password: long, and not a common one. */
    public static final String PASSWORD = "synthetic test passphrase, not a real one";

    private TestAccounts() {}

    /** A client signed in as {@code username}, whose account is made first unless it exists. */
    public static TestApi signedIn(int port, String username) {
        var reply = TestApi.on(port).asAdmin().post("/api/accounts", """
                {"username": "%s", "password": "%s"}""".formatted(username, PASSWORD));
        assertThat(reply.status()).as(reply.body()).isIn(201, 409);
        return TestApi.on(port).as(username, PASSWORD);
    }

    /** Gives {@code username} a role in a study, as the site admin. */
    public static void grant(int port, String studyId, String username, String role) {
        var reply = TestApi.on(port)
                .asAdmin()
                .put("/api/studies/" + studyId + "/roles/" + username, "{\"role\": \"" + role + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}
