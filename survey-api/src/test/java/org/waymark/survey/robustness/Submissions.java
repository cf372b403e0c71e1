package org.waymark.survey.robustness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Concurrent submissions to the crash tests' study over HTTP, each with a new Idempotency-Key and
 * answers drawn from a seeded {@link Random}, so that what each one should have stored is known.
 * Every attempt is recorded with how it ended: acknowledged (201 with a receipt), refused with a
 * status, or no reply at all (the server went away). Synthetic answers only.
 */
final class Submissions implements AutoCloseable {

    static final String STUDY = "crash-study";

    /** One submission sent, what it should store (question to {@code kind:value}), and how it ended. */
    record Attempt(
            String key,
            String body,
            Map<String, String> expected,
            long sentAt,
            long endedAt,
            int status,
            String responseId,
            String contentType,
            String reply) {

        boolean acknowledged() {
            return status == 201 && responseId != null;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ETHNICITIES =
            List.of("black_african", "black_caribbean", "white_british", "prefer_not_to_say");
    private static final List<String> SECTIONS = List.of("s2", "s3", "s37");
    private static final List<String> SUPPORT = List.of("a_lot", "not_at_all", "never_had");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private final Random random;
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final ExecutorService clients;

    private Submissions(int port, Random random, int clientCount) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/api/studies/" + STUDY + "/responses");
        this.random = random;
        this.clients = Executors.newFixedThreadPool(clientCount);
        for (int i = 0; i < clientCount; i++) {
            clients.submit(this::sendUntilStopped);
        }
    }

    /** Starts {@code clientCount} clients, each sending one submission after another. */
    static Submissions start(int port, Random random, int clientCount) {
        return new Submissions(port, random, clientCount);
    }

    private void sendUntilStopped() {
        while (!stopping.get()) {
            Map<String, String> expected;
            String body;
            synchronized (random) {
                expected = answers(random);
            }
            body = body(expected);
            send(UUID.randomUUID().toString(), body, expected);
        }
    }

    private void send(String key, String body, Map<String, String> expected) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long sentAt = System.nanoTime();
        inFlight.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String responseId = null;
            if (response.statusCode() == 201) {
                var json =
                        tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
                if (json.hasNonNull("receiptCode")) {
                    responseId = json.get("responseId").asString();
                    acknowledged.incrementAndGet();
                }
            }
            attempts.add(new Attempt(
                    key,
                    body,
                    expected,
                    sentAt,
                    System.nanoTime(),
                    response.statusCode(),
                    responseId,
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body()));
        } catch (IOException e) {
            attempts.add(new Attempt(key, body, expected, sentAt, System.nanoTime(), 0, null, "", ""));
            pause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.set(true);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** After a refused connection, a short pause, so that a dead server is not called in a tight loop. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int acknowledged() {
        return acknowledged.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Stops the clients, waits for their last requests, and returns every attempt. */
    List<Attempt> stop() throws InterruptedException {
        stopping.set(true);
        clients.shutdown();
        if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the clients did not stop");
        }
        return new ArrayList<>(attempts);
    }

    @Override
    public void close() {
        stopping.set(true);
        clients.shutdownNow();
        try {
            clients.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Random answers to the test study, as they will be stored: {@code kind:value} by question. */
    private static Map<String, String> answers(Random random) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("adult", "code:yes");
        String ethnicity = ETHNICITIES.get(random.nextInt(ETHNICITIES.size()));
        answers.put("ethnicity", ethnicity.equals("prefer_not_to_say") ? "prefer_not_to_say:" : "code:" + ethnicity);
        boolean detained = random.nextBoolean();
        answers.put("ever_detained", detained ? "code:yes" : "code:no");
        if (detained) {
            List<String> chosen =
                    SECTIONS.stream().filter(s -> random.nextBoolean()).toList();
            answers.put("detained_sections", "codes:" + String.join(";", chosen.isEmpty() ? List.of("s3") : chosen));
        }
        answers.put("support_medication", "code:" + SUPPORT.get(random.nextInt(SUPPORT.size())));
        answers.put(
                "recovery_meaning", "text:Synthetic crash-test answer " + Long.toString(random.nextLong() >>> 1, 36));
        return answers;
    }

    private static String body(Map<String, String> expected) {
        List<String> answers = new ArrayList<>();
        expected.forEach((question, stored) -> {
            String kind = stored.substring(0, stored.indexOf(':'));
            String value = stored.substring(stored.indexOf(':') + 1);
            String json = switch (kind) {
                case "codes" -> "[\"" + String.join("\", \"", value.split(";")) + "\"]";
                case "prefer_not_to_say" -> "\"prefer_not_to_say\"";
                default -> "\"" + value + "\"";
            };
            answers.add("\"" + question + "\": " + json);
        });
        return "{\"consent\": {\"version\": \"1\", \"agreed\": [\"take_part\"]}, \"answers\": {"
                + String.join(", ", answers) + "}, \"submit\": true}";
    }
}
