package org.waymark.survey.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.PageClient;
import org.waymark.survey.ProxiedIntegrationTest;
import org.waymark.survey.TestApi;
import org.waymark.survey.studies.TestDefinitions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits as configured for this context (3 submissions, 4 code look-ups, 5 searches and 3 refused
 * sign-ins a minute per address), each client address played through the trusted proxy header.
 */
@ProxiedIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTests {

    private static final String STUDY = "limits-study";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUBMISSION = """
            {"consent": {"version": "1", "agreed": ["take_part"]},
             "answers": {"adult": "yes", "ethnicity": "white_british"}, "submit": true}""";

    @LocalServerPort
    int port;

    @BeforeAll
    void publishAStudy() {
        TestApi admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        assertThat(admin.post("/api/studies/" + STUDY + "/publish", "").status())
                .isEqualTo(200);
    }

    @Test
    void submissionsOverTheLimitGet429WithRetryAfterAndOtherAddressesCarryOn() {
        String client = "203.0.113.10";
        for (int i = 0; i < 3; i++) {
            assertThat(submit(client).statusCode()).as("submission " + (i + 1)).isEqualTo(201);
        }
        HttpResponse<String> refused = submit(client);
        assertRefusedAsProblem(refused, 3);
        assertThat(submit("203.0.113.11").statusCode()).as("another address").isEqualTo(201);
    }

    @Test
    void resumeAndReceiptCodesCannotBeGuessedFast() {
        String client = "203.0.113.20";
        for (int i = 0; i < 4; i++) {
            assertThat(send(client, "GET", "/api/responses/guess-" + i, null, null)
                            .statusCode())
                    .isEqualTo(404);
        }
        assertRefusedAsProblem(send(client, "DELETE", "/api/responses/guess-5", null, null), 4);
        assertThat(send("203.0.113.21", "GET", "/api/responses/guess-6", null, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theResumePageSharesTheCodeAllowanceAndRefusesKindly() {
        String client = "203.0.113.30";
        // Counted before the CSRF check: a refused form is still an attempt.
        for (int i = 0; i < 4; i++) {
            assertThat(send(client, "POST", "/resume", PageClient.BROWSER_ACCEPT, null)
                            .statusCode())
                    .isEqualTo(403);
        }
        HttpResponse<String> refused = send(client, "POST", "/resume", PageClient.BROWSER_ACCEPT, null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Please wait a minute", "Answers you saved are safe");
    }

    @Test
    void theSignInFormsShareTheSignInAllowance() {
        String client = "203.0.113.35";
        // Counted before the CSRF check, like the resume page: every password or code sent is a try.
        for (int i = 0; i < 3; i++) {
            String path = i % 2 == 0 ? "/sign-in" : "/sign-in/code";
            assertThat(send(client, "POST", path, PageClient.BROWSER_ACCEPT, null)
                            .statusCode())
                    .as(path)
                    .isEqualTo(403);
        }
        HttpResponse<String> refused = send(client, "POST", "/sign-in/code", PageClient.BROWSER_ACCEPT, null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Please wait a minute", "Waymark workspace");
        assertThat(send("203.0.113.36", "POST", "/sign-in", PageClient.BROWSER_ACCEPT, null)
                        .statusCode())
                .as("another address")
                .isEqualTo(403);
    }

    @Test
    void searchesOverTheLimitAreRefused() {
        String client = "203.0.113.40";
        String search = "/api/studies/" + STUDY + "/search?q=kind";
        for (int i = 0; i < 5; i++) {
            assertThat(send(client, "GET", search, null, admin()).statusCode()).isEqualTo(200);
        }
        assertRefusedAsProblem(send(client, "GET", search, null, admin()), 5);
    }

    @Test
    void refusedPasswordsUseUpTheSignInAllowanceOfThatAddressOnly() {
        String client = "203.0.113.50";
        String wrong = basic("admin", "not the password");
        for (int i = 0; i < 3; i++) {
            assertThat(send(client, "GET", "/api/studies/" + STUDY + "/responses", null, wrong)
                            .statusCode())
                    .isEqualTo(401);
        }
        assertRefusedAsProblem(send(client, "GET", "/api/studies/" + STUDY + "/responses", null, wrong), 3);
        assertThat(send(client, "GET", "/api/studies/" + STUDY + "/responses", null, admin())
                        .statusCode())
                .as("even the right password waits, so guessing gains nothing")
                .isEqualTo(429);
        assertThat(send("203.0.113.51", "GET", "/api/studies/" + STUDY + "/responses", null, admin())
                        .statusCode())
                .isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(send("203.0.113.52", "GET", "/api/studies/" + STUDY + "/responses", null, admin())
                            .statusCode())
                    .as("successful sign-ins are not counted")
                    .isEqualTo(200);
        }
    }

    @Test
    void strictTransportSecurityOnlyWhenTheProxySaysTheConnectionIsTls() {
        var secure = exchange(HttpRequest.newBuilder(uri("/api/studies"))
                .header("X-Forwarded-For", "203.0.113.60")
                .header("X-Forwarded-Proto", "https")
                .GET());
        assertThat(secure.headers().allValues("Strict-Transport-Security"))
                .containsExactly("max-age=31536000; includeSubDomains");
        var plain = send("203.0.113.60", "GET", "/api/studies", null, null);
        assertThat(plain.headers().allValues("Strict-Transport-Security")).isEmpty();
    }

    private static void assertRefusedAsProblem(HttpResponse<String> refused, int perMinute) {
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        // One request's worth of a minute's allowance comes back after 60 / perMinute seconds.
        assertThat(retryAfter).isBetween(1L, (long) Math.ceil(60.0 / perMinute));
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("title").asString()).isEqualTo("Too many requests");
        assertThat(problem.get("detail").asString()).contains("Retry-After");
    }

    private HttpResponse<String> submit(String client) {
        return exchange(HttpRequest.newBuilder(uri("/api/studies/" + STUDY + "/responses"))
                .header("X-Forwarded-For", client)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(SUBMISSION)));
    }

    private HttpResponse<String> send(String client, String method, String path, String accept, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("X-Forwarded-For", client)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String admin() {
        return basic("admin", TestApi.ADMIN_PASSWORD);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
