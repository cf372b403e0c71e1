package org.waymark.survey.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.waymark.survey.BenchmarkApp;
import org.waymark.survey.Headlines;
import org.waymark.survey.TestApi;
import org.waymark.survey.studies.TestDefinitions;

/**
 * One crash test: Waymark in its own process on a data directory of its own, submissions arriving from
 * eight clients, a kill at a random moment (seeded, the seed printed), a restart on the same data, and
 * the checks: every acknowledged submission is there with all its answers, its consent and its change
 * feed row; an unacknowledged one is there whole or not at all; and the search index holds exactly the
 * free-text answers the database holds once it has caught up. Rounds accumulate, so each check covers
 * everything sent since the test began.
 */
final class CrashScenario {

    /** What is killed. */
    enum Kill {
        /** Waymark's JVM and its MariaDB, as when their machine or container is killed. */
        APPLICATION,
        /** Only the embedded MariaDB; Waymark keeps serving (and failing) until it is restarted. */
        DATABASE
    }

    private static final int CLIENTS = 8;
    /** How long MariaDB stays down before Waymark is restarted: long enough for some requests to wait out the pool's two seconds. */
    private static final long OUTAGE_MILLIS = 5_000;

    private final long seed;
    private final Random random;
    private final Path dataDir;
    private final List<Submissions.Attempt> attempts = new ArrayList<>();
    private final StringBuilder table = new StringBuilder();
    private WaymarkProcess waymark;
    private int starts;

    private CrashScenario(String name) {
        this.seed = Long.getLong("waymark.crash.seed", System.nanoTime());
        this.random = new Random(seed);
        this.dataDir = Path.of("target", "crash-test", name + "-" + UUID.randomUUID());
        System.out.printf("Crash test '%s': seed %d (repeat with -Dwaymark.crash.seed=%d)%n", name, seed, seed);
        table.append("| round | killed | acknowledged so far | in flight at the kill | unacknowledged but stored"
                + " | replies while MariaDB was down | restart s |\n|---:|---|---:|---:|---:|---|---:|\n");
    }

    /** Runs {@code rounds} kills of one kind, checking after every restart, and returns the results table. */
    static String run(String name, Kill kill, int rounds) throws Exception {
        CrashScenario scenario = new CrashScenario(name);
        try {
            scenario.start();
            scenario.publishTheStudy();
            for (int round = 1; round <= rounds; round++) {
                scenario.round(round, kill);
            }
            scenario.waymark.stop();
        } catch (Exception | AssertionError e) {
            if (scenario.waymark != null) {
                System.out.println("Waymark's log (kept in " + scenario.dataDir + "):\n" + scenario.waymark.logTail());
                scenario.waymark.killEverything();
            }
            throw e;
        }
        deleteRecursively(scenario.dataDir);
        String report = "Crash test '" + name + "', " + rounds + " kill(s), seed " + scenario.seed + ", "
                + java.time.LocalDate.now() + ", " + BenchmarkApp.machine() + "\n\n" + scenario.table;
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("crash-" + name + ".md"), report);
        // Reached only when every check of every round passed.
        new Headlines("crash-" + name)
                .row(
                        "acknowledged submissions, every one found whole after each restart",
                        rounds
                                + (rounds == 1 ? " kill of " : " kills of ")
                                + (kill == Kill.APPLICATION ? "Waymark and MariaDB" : "MariaDB alone"),
                        scenario.attempts.stream()
                                .filter(Submissions.Attempt::acknowledged)
                                .count(),
                        "submissions")
                .write();
        System.out.println(report);
        return report;
    }

    private void start() throws IOException, InterruptedException {
        waymark = WaymarkProcess.start(dataDir, ++starts);
    }

    private void publishTheStudy() {
        TestApi admin = TestApi.on(waymark.port()).asAdmin();
        assertThat(admin.post(
                                "/api/studies",
                                TestDefinitions.minimal()
                                        .with(root -> root.put("id", Submissions.STUDY))
                                        .json())
                        .status())
                .isEqualTo(201);
        assertThat(admin.post("/api/studies/" + Submissions.STUDY + "/publish", "")
                        .status())
                .isEqualTo(200);
    }

    private void round(int round, Kill kill) throws Exception {
        Submissions submissions = Submissions.start(waymark.port(), random, CLIENTS);
        int inFlight;
        String outage = "-";
        try (submissions) {
            awaitAcknowledged(submissions, submissions.acknowledged() + 3 + random.nextInt(40));
            Thread.sleep(random.nextInt(400));
            inFlight = submissions.inFlight();
            if (kill == Kill.APPLICATION) {
                waymark.killEverything();
                attempts.addAll(submissions.stop());
            } else {
                waymark.killDatabase();
                long deadAt = System.nanoTime();
                Thread.sleep(OUTAGE_MILLIS);
                List<Submissions.Attempt> sent = submissions.stop();
                attempts.addAll(sent);
                outage = checkOutageReplies(sent, deadAt);
                waymark.stop();
                checkTheLogSaysNothingInternal(waymark.log());
            }
        }
        long restarting = System.nanoTime();
        start();
        double restartSeconds = (System.nanoTime() - restarting) / 1e9;
        int storedUnacknowledged = check();
        table.append(String.format(
                Locale.ROOT,
                "| %d | %s | %d | %d | %d | %s | %.1f |%n",
                round,
                kill == Kill.APPLICATION ? "Waymark and MariaDB" : "MariaDB",
                attempts.stream().filter(Submissions.Attempt::acknowledged).count(),
                inFlight,
                storedUnacknowledged,
                outage,
                restartSeconds));
    }

    /**
     * While the database was down, every request failed and the connection pool threw its connections
     * away; the log must still hold no stack trace, class name or SQL (the project's logging rule).
     */
    private static void checkTheLogSaysNothingInternal(Path log) throws IOException {
        List<String> internal = Files.readAllLines(log).stream()
                .filter(line -> line.startsWith("\tat ")
                        || line.startsWith("Caused by:")
                        || line.contains("SQL [")
                        || line.contains("org.mariadb")
                        || line.contains("java.sql."))
                .toList();
        assertThat(internal).as("log lines naming classes or SQL, in " + log).isEmpty();
    }

    private static void awaitAcknowledged(Submissions submissions, int count) {
        await(count + " submissions acknowledged")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> submissions.acknowledged() >= count);
    }

    /**
     * Requests sent after MariaDB died must never be acknowledged: each is answered 500 or 503 with
     * Problem Details that show no stack trace, class name or SQL. Returns the statuses seen.
     */
    private static String checkOutageReplies(List<Submissions.Attempt> sent, long deadAt) {
        List<Submissions.Attempt> during =
                sent.stream().filter(a -> a.sentAt() > deadAt).toList();
        assertThat(during)
                .as("requests sent while MariaDB was down; all sent: %s", describe(sent, deadAt))
                .isNotEmpty();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (Submissions.Attempt attempt : during) {
            statuses.merge(attempt.status(), 1, Integer::sum);
            assertThat(attempt.status()).as("a reply while MariaDB was down").isIn(500, 503);
            assertThat(attempt.contentType()).startsWith("application/problem+json");
            assertThat(attempt.reply())
                    .doesNotContain("Exception", "SQL", "java.", "org.", "\tat ", "mariadb", "Hikari");
        }
        StringBuilder seen = new StringBuilder();
        statuses.forEach((status, count) ->
                seen.append(count).append(" × ").append(status).append(' '));
        return seen.toString().strip();
    }

    private static String describe(List<Submissions.Attempt> sent, long deadAt) {
        return sent.stream()
                .map(a -> String.format(
                        Locale.ROOT,
                        "%d sent %+.2f s, took %.2f s",
                        a.status(),
                        (a.sentAt() - deadAt) / 1e9,
                        (a.endedAt() - a.sentAt()) / 1e9))
                .toList()
                .toString();
    }

    /** Checks every attempt against the database; returns how many unacknowledged ones were stored whole. */
    private int check() throws SQLException {
        int storedUnacknowledged = 0;
        int found = 0;
        try (Connection db = DriverManager.getConnection(waymark.databaseUrl(), "root", "")) {
            for (Submissions.Attempt attempt : attempts) {
                assertThat(attempt.status() / 100)
                        .as(
                                "no submission is refused as invalid (status %d): the generator sends valid ones",
                                attempt.status())
                        .isNotEqualTo(4);
                Stored stored = Stored.find(db, attempt.key());
                if (attempt.acknowledged()) {
                    assertThat(stored)
                            .as("acknowledged submission %s", attempt.responseId())
                            .isNotNull();
                    assertThat(stored.pseudonym()).isEqualTo(attempt.responseId());
                } else if (stored == null) {
                    continue;
                } else {
                    storedUnacknowledged++;
                }
                found++;
                assertThat(stored.status()).isEqualTo("submitted");
                assertThat(stored.answers())
                        .as("the answers of %s", stored.pseudonym())
                        .isEqualTo(attempt.expected());
                assertThat(stored.consent()).isEqualTo("take_part");
                assertThat(stored.feedRows()).as("its change-feed row").isEqualTo(1);
            }
            try (var count = db.prepareStatement("SELECT COUNT(*) FROM response WHERE study_id = ?")) {
                count.setString(1, Submissions.STUDY);
                try (var rows = count.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1))
                            .as("responses, counting any that nobody sent")
                            .isEqualTo(found);
                }
            }
        }
        var consistency =
                TestApi.on(waymark.port()).asAdmin().get("/api/studies/" + Submissions.STUDY + "/search/consistency");
        assertThat(consistency.status()).isEqualTo(200);
        assertThat(consistency.json().get("consistent").asBoolean())
                .as("the search index after catching up: %s", consistency.body())
                .isTrue();
        assertThat(consistency.json().get("inDatabase").asInt())
                .as("free-text answers, one per stored submission")
                .isEqualTo(found);
        return storedUnacknowledged;
    }

    /** A stored response as the checks read it. */
    private record Stored(String pseudonym, String status, Map<String, String> answers, String consent, int feedRows) {

        static Stored find(Connection db, String key) throws SQLException {
            try (var find = db.prepareStatement("""
                    SELECT r.id, r.pseudonym, r.status,
                           (SELECT c.statements_agreed FROM consent c WHERE c.response_id = r.id),
                           (SELECT COUNT(*) FROM index_outbox o WHERE o.response_id = r.id AND o.operation = 'upsert')
                    FROM response r WHERE r.study_id = ? AND r.idempotency_key = ?""")) {
                find.setString(1, Submissions.STUDY);
                find.setString(2, key);
                try (var row = find.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    Map<String, String> answers = new LinkedHashMap<>();
                    try (var read = db.prepareStatement("""
                            SELECT question_id, CONCAT(kind, ':', COALESCE(value, '')) FROM answer
                            WHERE response_id = ?""")) {
                        read.setLong(1, row.getLong(1));
                        try (var answer = read.executeQuery()) {
                            while (answer.next()) {
                                answers.put(answer.getString(1), answer.getString(2));
                            }
                        }
                    }
                    return new Stored(row.getString(2), row.getString(3), answers, row.getString(4), row.getInt(5));
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
