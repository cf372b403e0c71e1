package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.waymark.survey.PageClient;

/** Signing in through the pages as a browser without JavaScript does, for tests. */
public final class WorkspaceSignIn {

    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    private static final Pattern TOKEN = Pattern.compile("id=\"new-token\">(wmk_[A-Za-z0-9_-]+)<");

    private WorkspaceSignIn() {}

    /** Sends the password form from a freshly opened sign-in page. */
    static PageClient.Page password(PageClient client, String username, String password) {
        String csrf = client.get("/sign-in").csrfToken();
        return client.post("/sign-in", csrf, List.of(Map.entry("username", username), Map.entry("password", password)));
    }

    /** Sends the code form from the code page. */
    static PageClient.Page code(PageClient client, String code) {
        String csrf = client.get("/sign-in/code").csrfToken();
        return client.post("/sign-in/code", csrf, List.of(Map.entry("code", code)));
    }

    /** A new visitor, signed in with a password alone. */
    public static PageClient signedIn(int port, String username, String password) {
        PageClient client = PageClient.on(port);
        var reply = password(client, username, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(302);
        assertThat(reply.location()).isEqualTo("/workspace");
        return client;
    }

    /** Sets up a second factor on the enrolment page with the code for now; returns the secret. */
    static byte[] enrol(PageClient client) {
        var page = client.get("/workspace/account/second-factor");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Matcher secret = SECRET.matcher(page.body());
        assertThat(secret.find()).as("the page shows the key").isTrue();
        byte[] key = Base32.decode(secret.group(1));
        var done = client.post(
                "/workspace/account/second-factor", page.csrfToken(), List.of(Map.entry("code", codeFor(key, 0))));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(done.location()).isEqualTo("/workspace/account?done=factor-added");
        return key;
    }

    /** The code an authenticator app shows now, or {@code steps} 30-second steps later. */
    static String codeFor(byte[] secret, int steps) {
        return Totp.code(secret, Totp.step(Instant.now()) + steps, Totp.DIGITS);
    }

    /** Makes a token on the account page; returns the token shown once. */
    static String makeToken(PageClient client, String name, List<String> studies, boolean siteAdmin) {
        var account = client.get("/workspace/account");
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("name", name));
        studies.forEach(study -> fields.add(Map.entry("studies", study)));
        fields.add(Map.entry("days", "7"));
        if (siteAdmin) {
            fields.add(Map.entry("siteAdmin", "yes"));
        }
        var made = client.post("/workspace/account/tokens", account.csrfToken(), fields);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        Matcher token = TOKEN.matcher(made.body());
        assertThat(token.find()).as("the page shows the new token").isTrue();
        return token.group(1);
    }
}
