package org.waymark.survey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests that talk to the running application as a real client would. */
public final class TestApi {

    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String base;
    private final String authorization;

    private TestApi(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static TestApi on(int port) {
        return new TestApi("http://127.0.0.1:" + port, null);
    }

    /** The same client, signed in with HTTP Basic. */
    public TestApi as(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new TestApi(base, "Basic " + token);
    }

    public TestApi asAdmin() {
        return as("admin", ADMIN_PASSWORD);
    }

    /** A reply: status, content type, Location and the body as text and as JSON. */
    public record Reply(int status, String contentType, String location, String body, String wwwAuthenticate) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Sends {@code Authorization: Bearer} with a personal access token instead of a password. */
    public TestApi withToken(String token) {
        return new TestApi(base, "Bearer " + token);
    }

    public Reply post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends raw bytes with extra headers given as name, value, name, value... */
    public Reply sendBytes(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = request(path);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Posts JSON with an Idempotency-Key. */
    public Reply postWithKey(String path, String key, String json) {
        return sendBytes(
                "POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), "Idempotency-Key", key);
    }

    /**
     * A participant's response through the intake API, consenting only to take part, with a new
     * Idempotency-Key: {@code answers} are the members of the answers object, as JSON text.
     */
    public Reply respond(String studyId, String answers, boolean submit) {
        return postWithKey(
                "/api/studies/" + studyId + "/responses", UUID.randomUUID().toString(), """
                {"consent": {"version": "1", "agreed": ["take_part"]},
                 "answers": {%s}, "submit": %s}""".formatted(answers, submit));
    }

    public Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = request(path);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
