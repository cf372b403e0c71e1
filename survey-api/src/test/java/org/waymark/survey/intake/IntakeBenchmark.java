package org.waymark.survey.intake;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.WaymarkApplication;
import org.waymark.survey.database.EmbeddedMariaDb;
import org.waymark.survey.demo.DemoStudy;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.AnswerValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Complete CPA &amp; Recovery submissions through HTTP at 1, 16 and 64 concurrent clients, against the
 * embedded MariaDB, beside plain JDBC inserts of the same rows as the ceiling. Prints figures and writes
 * them to {@code target/benchmarks/}; asserts nothing about speed. Run: {@code ./mvnw -Pbenchmark verify}.
 */
@Tag("benchmark")
class IntakeBenchmark {

    private static final int[] CLIENTS = {1, 16, 64};
    private static final int WARM_UP = 300;

    private record Run(String path, int clients, int requests, double seconds, double p50, double p99, int errors) {
        double perSecond() {
            return requests / seconds;
        }
    }

    @Test
    void submissionsPerSecond() throws Exception {
        Path dataDir = Path.of("target", "benchmark-data", UUID.randomUUID().toString());
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WaymarkApplication.class)
                .run(
                        "--server.port=0",
                        "--waymark.data-dir=" + dataDir,
                        "--waymark.demo.participants=300",
                        "--logging.level.root=warn")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            List<String> bodies = bodies(app);
            EmbeddedMariaDb server = app.getBean(EmbeddedMariaDb.class);
            long versionId = app.getBean(JdbcClient.class)
                    .sql("SELECT id FROM study_version WHERE study_id = 'cpa-recovery'")
                    .query(Long.class)
                    .single();
            List<Map<String, AnswerValue>> answers = answers(app);

            http(port, bodies, 1, WARM_UP);
            List<Run> runs = new ArrayList<>();
            for (int clients : CLIENTS) {
                int requests = clients == 1 ? 500 : 3000;
                runs.add(jdbc(server, versionId, answers, clients, requests));
                runs.add(http(port, bodies, clients, requests));
            }
            var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            report(runs, memory.getUsed(), memory.getMax());
        }
    }

    /** Request bodies from the demo's synthetic participants, sent to the real study with the same questions. */
    private static List<String> bodies(ConfigurableApplicationContext app) {
        JsonMapper json = JsonMapper.builder().build();
        ResponseStore store = app.getBean(ResponseStore.class);
        List<String> bodies = new ArrayList<>();
        for (long id : demoIds(app)) {
            var consent = store.consent(id);
            var request = new SubmissionRequest(
                    new ConsentGiven(consent.consentVersion(), consent.agreed()),
                    AnswerJson.toJson(store.answers(id)),
                    true);
            bodies.add(json.writeValueAsString(request));
        }
        return bodies;
    }

    private static List<Map<String, AnswerValue>> answers(ConfigurableApplicationContext app) {
        ResponseStore store = app.getBean(ResponseStore.class);
        return demoIds(app).stream().map(store::answers).toList();
    }

    private static List<Long> demoIds(ConfigurableApplicationContext app) {
        return app.getBean(JdbcClient.class)
                .sql("SELECT id FROM response WHERE study_id = ? ORDER BY id")
                .param(DemoStudy.ID)
                .query(Long.class)
                .list();
    }

    private static Run http(int port, List<String> bodies, int clients, int requests) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/studies/cpa-recovery/responses");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        double[] latencies = new double[requests];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())))
                                .build();
                        long sent = System.nanoTime();
                        try {
                            int status = client.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            if (status != 201) {
                                errors.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            errors.incrementAndGet();
                        }
                        latencies[i] = (System.nanoTime() - sent) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return summary("HTTP POST /api/studies/{id}/responses", clients, requests, start, latencies, errors.get());
    }

    /** The same rows written by plain JDBC, one transaction per submission: the ceiling for intake. */
    private static Run jdbc(
            EmbeddedMariaDb server, long versionId, List<Map<String, AnswerValue>> answers, int clients, int requests)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        double[] latencies = new double[requests];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "root", "")) {
                        connection.setAutoCommit(false);
                        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                            long sent = System.nanoTime();
                            try {
                                insert(connection, versionId, answers.get(i % answers.size()));
                                connection.commit();
                            } catch (java.sql.SQLException e) {
                                connection.rollback();
                                errors.incrementAndGet();
                            }
                            latencies[i] = (System.nanoTime() - sent) / 1e6;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return summary("plain JDBC insert of the same rows", clients, requests, start, latencies, errors.get());
    }

    private static void insert(Connection connection, long versionId, Map<String, AnswerValue> answers)
            throws java.sql.SQLException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        long participant;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO participant (study_id, pseudonym, created_at) VALUES ('cpa-recovery', ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, UUID.randomUUID().toString().substring(0, 26));
            insert.setTimestamp(2, now);
            insert.executeUpdate();
            participant = key(insert);
        }
        long response;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO response (pseudonym, study_id, study_version_id, participant_id, status, source,
                                      idempotency_key, request_sha256, receipt_code_hash, created_at, updated_at, submitted_at)
                VALUES (?, 'cpa-recovery', ?, ?, 'submitted', 'api', ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, UUID.randomUUID().toString().substring(0, 26));
            insert.setLong(2, versionId);
            insert.setLong(3, participant);
            insert.setString(4, UUID.randomUUID().toString());
            insert.setString(5, "0".repeat(64));
            insert.setString(6, UUID.randomUUID().toString().replace("-", "").repeat(2));
            insert.setTimestamp(7, now);
            insert.setTimestamp(8, now);
            insert.setTimestamp(9, now);
            insert.executeUpdate();
            response = key(insert);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO consent (response_id, consent_version, statements_agreed, agreed_at) VALUES (?, '1', ?, ?)")) {
            insert.setLong(1, response);
            insert.setString(2, "take_part;data_use;withdraw_understood");
            insert.setTimestamp(3, now);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO answer (response_id, question_id, kind, value) VALUES (?, ?, ?, ?)")) {
            for (var answer : answers.entrySet()) {
                insert.setLong(1, response);
                insert.setString(2, answer.getKey());
                insert.setString(3, "code");
                insert.setString(4, answer.getValue().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO index_outbox (study_id, response_id, operation, created_at) VALUES ('cpa-recovery', ?, 'upsert', ?)")) {
            insert.setLong(1, response);
            insert.setTimestamp(2, now);
            insert.executeUpdate();
        }
    }

    private static long key(PreparedStatement statement) throws java.sql.SQLException {
        try (var keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static Run summary(String path, int clients, int requests, long start, double[] latencies, int errors) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Run(path, clients, requests, seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), errors);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static void report(List<Run> runs, long heapUsed, long heapMax) throws IOException {
        StringBuilder markdown = new StringBuilder();
        markdown.append("| path | clients | requests | per second | p50 ms | p99 ms | errors |\n");
        markdown.append("|---|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder json = new StringBuilder("{\"runs\": [");
        for (Run run : runs) {
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.0f | %.1f | %.1f | %d |%n",
                    run.path(),
                    run.clients(),
                    run.requests(),
                    run.perSecond(),
                    run.p50(),
                    run.p99(),
                    run.errors()));
            json.append(String.format(
                    Locale.ROOT,
                    "{\"path\": \"%s\", \"clients\": %d, \"requests\": %d, \"perSecond\": %.1f,"
                            + " \"p50Ms\": %.2f, \"p99Ms\": %.2f, \"errors\": %d},",
                    run.path(),
                    run.clients(),
                    run.requests(),
                    run.perSecond(),
                    run.p50(),
                    run.p99(),
                    run.errors()));
        }
        for (int clients : CLIENTS) {
            double http = runs.stream()
                    .filter(r -> r.clients() == clients && r.path().startsWith("HTTP"))
                    .findFirst()
                    .orElseThrow()
                    .perSecond();
            double ceiling = runs.stream()
                    .filter(r -> r.clients() == clients && r.path().startsWith("plain"))
                    .findFirst()
                    .orElseThrow()
                    .perSecond();
            markdown.append(String.format(
                    Locale.ROOT,
                    "%nAt %d client(s), HTTP intake reaches %.0f%% of the JDBC ceiling.",
                    clients,
                    100 * http / ceiling));
        }
        String machine = String.format(
                Locale.ROOT,
                "%d cores, Java %s, %s %s; heap in use after the run %d MB of %d MB (server and clients share one JVM)",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                heapUsed >> 20,
                heapMax >> 20);
        markdown.append("\n\nMachine: ").append(machine).append('\n');
        json.setLength(json.length() - 1);
        json.append("], \"machine\": \"").append(machine).append("\"}\n");
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("intake.md"), markdown);
        Files.writeString(out.resolve("intake.json"), json);
        System.out.println("\nIntake benchmark\n\n" + markdown);
    }
}
