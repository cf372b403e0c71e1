package org.waymark.survey.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.BenchmarkApp;
import org.waymark.survey.Headlines;
import org.waymark.survey.database.EmbeddedMariaDb;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.AnswerValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Complete CPA &amp; Recovery submissions through HTTP at 1, 16 and 64 concurrent clients, against the
 * embedded MariaDB, beside plain JDBC inserts of the same rows as the ceiling. The HTTP clients run in a
 * process of their own ({@link IntakeLoad}); the JDBC ones in this one, beside the server. With each
 * run's rate and latency go the CPU time it cost per request, in Waymark's JVM, in MariaDB and in the
 * HTTP clients' JVM. Prints figures and writes them to {@code target/benchmarks/}; asserts nothing about
 * speed. Run: {@code ./mvnw -Pbenchmark verify -pl survey-api -Dtest=IntakeBenchmark}.
 */
@Tag("benchmark")
class IntakeBenchmark {

    private static final int[] CLIENTS = {1, 16, 64};
    private static final int WARM_UP = 300;

    /** The CPU costs are milliseconds per request; the client's is NaN where the clients share this JVM. */
    private record Run(
            String path,
            int clients,
            int requests,
            double seconds,
            double p50,
            double p99,
            int errors,
            double waymarkCpu,
            double mariaDbCpu,
            double clientCpu) {
        double perSecond() {
            return requests / seconds;
        }
    }

    /** CPU time used so far by this JVM and by the embedded MariaDB, in nanoseconds. */
    private record Cpu(long jvm, long mariaDb) {
        static Cpu now(Path dataDir) throws IOException {
            return new Cpu(IntakeLoad.cpuNanos(), LoadProbe.mariaDbCpuNanos(dataDir));
        }
    }

    @Test
    void submissionsPerSecond() throws Exception {
        // Settings to compare, for example -Dwaymark.benchmark.args=--spring.threads.virtual.enabled=true
        String extra = System.getProperty("waymark.benchmark.args", "");
        try (BenchmarkApp app = BenchmarkApp.start(extra.isBlank() ? List.of() : List.of(extra.split(",")))) {
            int port = app.port();
            Path dataDir = app.dataDir();
            List<String> bodies = bodies(app);
            EmbeddedMariaDb server = app.bean(EmbeddedMariaDb.class);
            long versionId = app.bean(JdbcClient.class)
                    .sql("SELECT id FROM study_version WHERE study_id = 'cpa-recovery'")
                    .query(Long.class)
                    .single();
            List<Map<String, AnswerValue>> answers = answers(app);
            Path bodyFile = Files.write(dataDir.resolve("bodies.jsonl"), bodies);

            Process load = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            IntakeLoad.class.getName(),
                            Integer.toString(port),
                            bodyFile.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (var commands = new PrintWriter(load.outputWriter(StandardCharsets.UTF_8), true);
                    var results = load.inputReader(StandardCharsets.UTF_8)) {
                http(commands, results, dataDir, 1, WARM_UP);
                List<Run> runs = new ArrayList<>();
                for (int clients : CLIENTS) {
                    int requests = clients == 1 ? 500 : 3000;
                    runs.add(jdbc(server, dataDir, versionId, answers, clients, requests));
                    runs.add(http(commands, results, dataDir, clients, requests));
                }
                var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                report(runs, extra, memory.getUsed(), memory.getMax());
                headlines(runs, extra, app.bean(JdbcClient.class));
            } finally {
                load.destroy();
            }
        }
    }

    /** Request bodies from the demo's synthetic participants, sent to the real study with the same questions. */
    private static List<String> bodies(BenchmarkApp app) {
        JsonMapper json = JsonMapper.builder().build();
        ResponseStore store = app.bean(ResponseStore.class);
        List<String> bodies = new ArrayList<>();
        for (long id : app.demoResponseIds()) {
            var consent = store.consent(id);
            var request = new SubmissionRequest(
                    new ConsentGiven(consent.consentVersion(), consent.agreed()),
                    AnswerJson.toJson(store.answers(id)),
                    true);
            bodies.add(json.writeValueAsString(request));
        }
        return bodies;
    }

    private static List<Map<String, AnswerValue>> answers(BenchmarkApp app) {
        ResponseStore store = app.bean(ResponseStore.class);
        return app.demoResponseIds().stream().map(store::answers).toList();
    }

    /** One run of the HTTP clients' process, with the CPU time the server and MariaDB spent meanwhile. */
    private static Run http(PrintWriter commands, BufferedReader results, Path dataDir, int clients, int requests)
            throws IOException {
        Cpu before = Cpu.now(dataDir);
        commands.println(clients + " " + requests);
        String result = results.readLine();
        Cpu after = Cpu.now(dataDir);
        if (result == null || !result.startsWith("RESULT ")) {
            throw new IllegalStateException("the HTTP clients' process stopped without a result");
        }
        String[] figures = result.substring("RESULT ".length()).split(" ");
        return new Run(
                "HTTP POST /api/studies/{id}/responses",
                clients,
                requests,
                Double.parseDouble(figures[0]),
                Double.parseDouble(figures[1]),
                Double.parseDouble(figures[2]),
                Integer.parseInt(figures[3]),
                (after.jvm() - before.jvm()) / 1e6 / requests,
                (after.mariaDb() - before.mariaDb()) / 1e6 / requests,
                Double.parseDouble(figures[4]) / requests);
    }

    /** The same rows written by plain JDBC, one transaction per submission: the ceiling for intake. */
    private static Run jdbc(
            EmbeddedMariaDb server,
            Path dataDir,
            long versionId,
            List<Map<String, AnswerValue>> answers,
            int clients,
            int requests)
            throws Exception {
        Cpu before = Cpu.now(dataDir);
        IntakeLoad.Measured measured = IntakeLoad.measure(clients, requests, () -> {
            Connection connection = DriverManager.getConnection(server.jdbcUrl(), "root", "");
            connection.setAutoCommit(false);
            return new IntakeLoad.Client() {
                @Override
                public boolean send(int i) throws Exception {
                    try {
                        insert(connection, versionId, answers.get(i % answers.size()));
                        connection.commit();
                        return true;
                    } catch (java.sql.SQLException e) {
                        connection.rollback();
                        return false;
                    }
                }

                @Override
                public void close() {
                    try {
                        connection.close();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException("could not close a benchmark connection", e);
                    }
                }
            };
        });
        Cpu after = Cpu.now(dataDir);
        return new Run(
                "plain JDBC insert of the same rows",
                clients,
                requests,
                measured.seconds(),
                measured.percentile(0.50),
                measured.percentile(0.99),
                measured.errors(),
                (after.jvm() - before.jvm()) / 1e6 / requests,
                (after.mariaDb() - before.mariaDb()) / 1e6 / requests,
                Double.NaN);
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

    /** Nearest rank. */
    static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static void report(List<Run> runs, String settings, long heapUsed, long heapMax) throws IOException {
        StringBuilder markdown = new StringBuilder();
        markdown.append("| path | clients | requests | per second | p50 ms | p99 ms | errors |"
                + " CPU ms per request: Waymark JVM | MariaDB | HTTP clients |\n");
        markdown.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder json = new StringBuilder("{\"runs\": [");
        for (Run run : runs) {
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.0f | %.1f | %.1f | %d | %s | %s | %s |%n",
                    run.path(),
                    run.clients(),
                    run.requests(),
                    run.perSecond(),
                    run.p50(),
                    run.p99(),
                    run.errors(),
                    cpu(run.waymarkCpu()),
                    cpu(run.mariaDbCpu()),
                    cpu(run.clientCpu())));
            json.append(String.format(
                    Locale.ROOT,
                    "{\"path\": \"%s\", \"clients\": %d, \"requests\": %d, \"perSecond\": %.1f,"
                            + " \"p50Ms\": %.2f, \"p99Ms\": %.2f, \"errors\": %d, \"waymarkCpuMs\": %s,"
                            + " \"mariaDbCpuMs\": %s, \"clientCpuMs\": %s},",
                    run.path(),
                    run.clients(),
                    run.requests(),
                    run.perSecond(),
                    run.p50(),
                    run.p99(),
                    run.errors(),
                    cpuJson(run.waymarkCpu()),
                    cpuJson(run.mariaDbCpu()),
                    cpuJson(run.clientCpu())));
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
        String machine = BenchmarkApp.machine()
                + String.format(
                        Locale.ROOT,
                        "; heap in use after the run %d MB of %d MB (the server and the JDBC clients; the HTTP"
                                + " clients run in a process of their own)",
                        heapUsed >> 20,
                        heapMax >> 20);
        markdown.append("\n\nMachine: ").append(machine).append('\n');
        if (!settings.isBlank()) {
            markdown.append("Settings beyond the defaults: ").append(settings).append('\n');
        }
        json.setLength(json.length() - 1);
        json.append("], \"machine\": \"")
                .append(machine)
                .append("\", \"settings\": \"")
                .append(settings)
                .append("\"}\n");
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("intake.md"), markdown);
        Files.writeString(out.resolve("intake.json"), json);
        System.out.println("\nIntake benchmark\n\n" + markdown);
    }

    /** Each concurrency's HTTP rate and p99 beside the JDBC ceiling's, for the combined results. */
    private static void headlines(List<Run> runs, String settings, JdbcClient jdbc) throws IOException {
        Headlines headlines = new Headlines("intake").mariaDb(jdbc);
        for (int clients : CLIENTS) {
            Run http = runs.stream()
                    .filter(r -> r.clients() == clients && r.path().startsWith("HTTP"))
                    .findFirst()
                    .orElseThrow();
            Run jdbcRun = runs.stream()
                    .filter(r -> r.clients() == clients && r.path().startsWith("plain"))
                    .findFirst()
                    .orElseThrow();
            String size = clients + (clients == 1 ? " client" : " clients");
            headlines.compared(
                    "complete submissions, HTTP POST",
                    size,
                    http.perSecond(),
                    "per s",
                    "plain JDBC insert of the same rows",
                    jdbcRun.perSecond(),
                    http.perSecond() / jdbcRun.perSecond(),
                    "share of the JDBC ceiling");
            headlines.compared(
                    "submission p99",
                    size,
                    http.p99(),
                    "ms",
                    "plain JDBC insert",
                    jdbcRun.p99(),
                    http.p99() / jdbcRun.p99(),
                    "HTTP p99 / JDBC p99");
            if (http.errors() + jdbcRun.errors() > 0) {
                headlines.note(size + ": " + http.errors() + " HTTP and " + jdbcRun.errors() + " JDBC errors.");
            }
        }
        if (!settings.isBlank()) {
            headlines.note("Settings beyond the defaults: " + settings);
        }
        headlines.write();
    }

    /** Blank where not measured: the HTTP clients' CPU for JDBC runs, MariaDB's without {@code /proc}. */
    private static String cpu(double ms) {
        return Double.isNaN(ms) || ms == 0 ? "-" : String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String cpuJson(double ms) {
        return Double.isNaN(ms) || ms == 0 ? "null" : String.format(Locale.ROOT, "%.3f", ms);
    }
}
