package org.waymark.survey.intake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Simulated participants completing CPA &amp; Recovery through the intake API's drafts, for {@link
 * ParticipantLoadBenchmark}; run in the HTTP clients' process ({@link IntakeLoad}). A journey saves a
 * draft with the consent and the first section's answers ({@code POST .../responses}, {@code submit:
 * false}), sends each further section with {@code PATCH /api/responses/{resumeCode}}, and submits
 * ({@code POST /api/responses/{resumeCode}/submit}). Every {@code leaveEvery}-th participant saves and
 * leaves half-way, and on coming back resumes by the code: {@code GET /api/responses/{resumeCode}},
 * then carries on. A reply other than the one expected (or no reply) is an error and ends the journey.
 */
final class DraftJourneys {

    /** One participant: the consent and the answers, section by section, as the API takes them. */
    record Journey(JsonNode consent, List<JsonNode> parts) {}

    private record Timing(String kind, double ms) {}

    private static final JsonMapper JSON = JsonMapper.shared();

    private DraftJourneys() {}

    static List<Journey> read(List<String> lines) {
        return lines.stream()
                .map(JSON::readTree)
                .map(node -> {
                    List<JsonNode> parts = new ArrayList<>();
                    node.get("parts").forEach(parts::add);
                    return new Journey(node.get("consent"), parts);
                })
                .toList();
    }

    /**
     * Runs journeys from {@code clients} threads at once, each starting the next as soon as its last
     * ends, until {@code count} have started or {@code maxSeconds} have passed; answers one line,
     * {@code RESULT} and a JSON object of the figures.
     */
    static String run(
            HttpClient http,
            int port,
            List<Journey> journeys,
            int clients,
            int count,
            double maxSeconds,
            int leaveEvery)
            throws Exception {
        String base = "http://127.0.0.1:" + port;
        long cpuBefore = IntakeLoad.cpuNanos();
        Queue<Timing> timings = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement();
                            i < count && System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        String failure =
                                journey(http, base, journeys.get(i % journeys.size()), i % leaveEvery == 0, timings);
                        if (failure == null) {
                            completed.incrementAndGet();
                        } else {
                            errors.computeIfAbsent(failure, f -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", seconds);
        result.put(
                "journeys",
                completed.get()
                        + errors.values().stream().mapToInt(AtomicInteger::get).sum());
        result.put("completed", completed.get());
        Map<String, Integer> errorCounts = new TreeMap<>();
        errors.forEach((failure, n) -> errorCounts.put(failure, n.get()));
        result.put("errors", errorCounts);
        List<Timing> all = List.copyOf(timings);
        result.put("all", figures(all));
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (String kind : List.of("save draft (POST)", "next section (PATCH)", "resume (GET)", "submit (POST)")) {
            byKind.put(
                    kind,
                    figures(all.stream().filter(t -> t.kind().equals(kind)).toList()));
        }
        result.put("byKind", byKind);
        result.put("clientCpuMs", (IntakeLoad.cpuNanos() - cpuBefore) / 1e6);
        return "RESULT " + JSON.writeValueAsString(result);
    }

    /** One participant's way through; null when it went as expected, else what went wrong. */
    private static String journey(
            HttpClient http, String base, Journey journey, boolean leaves, Queue<Timing> timings) {
        try {
            Map<String, Object> first = new LinkedHashMap<>();
            first.put("consent", journey.consent());
            first.put("answers", journey.parts().getFirst());
            first.put("submit", false);
            HttpResponse<String> saved = send(
                    http,
                    HttpRequest.newBuilder(URI.create(base + "/api/studies/cpa-recovery/responses"))
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(first))),
                    "save draft (POST)",
                    timings);
            if (saved.statusCode() != 201) {
                return "save draft answered " + saved.statusCode();
            }
            String draft = base + "/api/responses/"
                    + JSON.readTree(saved.body()).get("resumeCode").asString();
            int parts = journey.parts().size();
            for (int part = 1; part < parts; part++) {
                if (leaves && part == Math.max(1, parts / 2)) {
                    HttpResponse<String> resumed =
                            send(http, HttpRequest.newBuilder(URI.create(draft)).GET(), "resume (GET)", timings);
                    if (resumed.statusCode() != 200) {
                        return "resume answered " + resumed.statusCode();
                    }
                }
                String change = JSON.writeValueAsString(
                        Map.of("answers", journey.parts().get(part)));
                HttpResponse<String> changed = send(
                        http,
                        HttpRequest.newBuilder(URI.create(draft))
                                .header("Content-Type", "application/json")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(change)),
                        "next section (PATCH)",
                        timings);
                if (changed.statusCode() != 200) {
                    return "next section answered " + changed.statusCode();
                }
            }
            HttpResponse<String> submitted = send(
                    http,
                    HttpRequest.newBuilder(URI.create(draft + "/submit")).POST(HttpRequest.BodyPublishers.noBody()),
                    "submit (POST)",
                    timings);
            return submitted.statusCode() == 200 ? null : "submit answered " + submitted.statusCode();
        } catch (IOException e) {
            return "no reply (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static HttpResponse<String> send(
            HttpClient http, HttpRequest.Builder request, String kind, Queue<Timing> timings)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } finally {
            timings.add(new Timing(kind, (System.nanoTime() - start) / 1e6));
        }
    }

    /** Count and nearest-rank percentiles in milliseconds; zeros when there were none. */
    private static Map<String, Double> figures(List<Timing> timings) {
        double[] sorted = timings.stream().mapToDouble(Timing::ms).sorted().toArray();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("count", (double) sorted.length);
        for (double p : new double[] {0.50, 0.95, 0.99}) {
            figures.put("p" + Math.round(p * 100), sorted.length == 0 ? 0 : IntakeBenchmark.percentile(sorted, p));
        }
        figures.put("max", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        return figures;
    }
}
