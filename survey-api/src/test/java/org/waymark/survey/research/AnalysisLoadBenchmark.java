package org.waymark.survey.research;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.waymark.survey.BulkResponses;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkApplication;
import org.waymark.survey.database.EmbeddedMariaDb;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * The analysis API over many submitted CPA &amp; Recovery responses in the embedded MariaDB: the
 * responses are written with plain JDBC (fast, not through intake), then {@code GET
 * /api/studies/cpa-recovery/analysis?by=community,gender,compulsory} is timed, with the heap after.
 * Shows that loading streams the answer rows instead of building an object per response. Prints
 * figures and writes them to {@code target/benchmarks/}; asserts nothing about speed. Run: {@code
 * ./mvnw -Pbenchmark verify}.
 */
@Tag("benchmark")
class AnalysisLoadBenchmark {

    private static final String PASSWORD = "benchmark-admin-" + UUID.randomUUID();
    private static final String STUDY = "cpa-recovery";
    private static final String PATH = "/api/studies/" + STUDY + "/analysis?by=community,gender,compulsory";
    private static final int FIRST = 100_000;
    private static final int LARGEST = 1_000_000;
    /** The 1,000,000 are inserted only if the first 100,000 suggest they take less than this. */
    private static final double INSERT_BUDGET_SECONDS = 300;

    private static final int DISTINCT = 5_000;
    private static final int REPETITIONS = 3;

    private record Run(
            int responses,
            long answerRows,
            double insertSeconds,
            double firstMs,
            double medianMs,
            long bodyBytes,
            long heapAfterMb,
            long heapPeakMb) {}

    @Test
    void analysisOfStoredResponses() throws Exception {
        Path dataDir = Path.of("target", "benchmark-data", UUID.randomUUID().toString());
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WaymarkApplication.class)
                .run(
                        "--server.port=0",
                        "--waymark.data-dir=" + dataDir,
                        "--waymark.demo.enabled=false",
                        "--WAYMARK_ADMIN_PASSWORD=" + PASSWORD,
                        "--logging.level.root=warn")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            // The bundled study has no owner; the admin needs a role in it to see its analysis.
            var granted = TestApi.on(port)
                    .as("admin", PASSWORD)
                    .put("/api/studies/" + STUDY + "/roles/admin", "{\"role\": \"researcher\"}");
            if (granted.status() != 200) {
                throw new IllegalStateException("could not give the admin a role: " + granted.body());
            }
            EmbeddedMariaDb server = app.getBean(EmbeddedMariaDb.class);
            StudyService.PublishedStudy study = app.getBean(StudyService.class).published(STUDY);
            List<List<BulkResponses.Row>> pool = pool(study.definition());
            List<Run> runs = new ArrayList<>();
            String note;
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "root", "")) {
                long start = System.nanoTime();
                long rows = insert(connection, study.versionId(), pool, 0, FIRST);
                double seconds = (System.nanoTime() - start) / 1e9;
                runs.add(measure(port, FIRST, rows, seconds));
                double projected = seconds * (LARGEST - FIRST) / FIRST;
                if (projected < INSERT_BUDGET_SECONDS) {
                    start = System.nanoTime();
                    rows += insert(connection, study.versionId(), pool, FIRST, LARGEST);
                    seconds += (System.nanoTime() - start) / 1e9;
                    runs.add(measure(port, LARGEST, rows, seconds));
                    note = "";
                } else {
                    note = String.format(
                            Locale.ROOT,
                            "1,000,000 responses not run: inserting the first 100,000 took %.0f s, so the other"
                                    + " 900,000 would take about %.0f s, over the %.0f s budget.",
                            seconds,
                            projected,
                            INSERT_BUDGET_SECONDS);
                }
            }
            report(runs, note);
        }
    }

    /**
     * Answer sets of synthetic respondents, each a list of (question, kind, value) as the answer
     * table stores them; every closed question shown by the study's rules gets an answer.
     */
    private static List<List<BulkResponses.Row>> pool(ValidatedDefinition definition) {
        SplittableRandom random = new SplittableRandom(20_240_414L);
        List<List<BulkResponses.Row>> pool = new ArrayList<>();
        for (int p = 0; p < DISTINCT; p++) {
            Map<String, AnswerValue> given = new HashMap<>();
            List<BulkResponses.Row> rows = new ArrayList<>();
            for (StudyDefinition.Section section : definition.definition().sections()) {
                for (StudyDefinition.Question question : section.questions()) {
                    QuestionType type = question.type();
                    boolean closed =
                            type == QuestionType.SINGLE || type == QuestionType.SCALE || type == QuestionType.MULTI;
                    if (!closed || !definition.isShown(question.id(), given) || random.nextInt(40) == 0) {
                        continue;
                    }
                    List<StudyDefinition.Option> options = question.options();
                    if (question.preferNotToSay() && random.nextInt(50) == 0) {
                        given.put(question.id(), new AnswerValue.PreferNotToSay());
                        rows.add(new BulkResponses.Row(question.id(), AnswerValue.PREFER_NOT_TO_SAY, null));
                    } else if (question.notApplicable() != null && random.nextInt(12) == 0) {
                        String code = question.notApplicable().code();
                        given.put(question.id(), new AnswerValue.Choice(code));
                        rows.add(new BulkResponses.Row(question.id(), "code", code));
                    } else if (type == QuestionType.MULTI) {
                        List<String> chosen = new ArrayList<>();
                        int ticks = 1 + random.nextInt(3);
                        for (int t = 0; t < ticks; t++) {
                            String code =
                                    options.get(random.nextInt(options.size())).code();
                            if (!chosen.contains(code)) {
                                chosen.add(code);
                            }
                        }
                        given.put(question.id(), new AnswerValue.Choices(chosen));
                        rows.add(new BulkResponses.Row(question.id(), "codes", String.join(";", chosen)));
                    } else {
                        String code =
                                options.get(random.nextInt(options.size())).code();
                        given.put(question.id(), new AnswerValue.Choice(code));
                        rows.add(new BulkResponses.Row(question.id(), "code", code));
                    }
                }
            }
            pool.add(rows);
        }
        return pool;
    }

    /** Submitted responses {@code from} to {@code to} - 1, each with answers from the pool. */
    private static long insert(
            Connection connection, long versionId, List<List<BulkResponses.Row>> pool, int from, int to)
            throws java.sql.SQLException {
        SplittableRandom random = new SplittableRandom(from);
        return new BulkResponses(STUDY, versionId)
                .insert(connection, from, to, i -> pool.get(random.nextInt(pool.size())));
    }

    private static Run measure(int port, int responses, long answerRows, double insertSeconds) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();
        System.gc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] times = new double[REPETITIONS + 1];
        long bytes = 0;
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> reply = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            times[i] = (System.nanoTime() - start) / 1e6;
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("The analysis API answered " + reply.statusCode() + ": "
                        + new String(reply.body(), StandardCharsets.UTF_8));
            }
            bytes = reply.body().length;
        }
        long peak = heapPools.stream()
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        System.gc();
        long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        double first = times[0];
        double[] rest = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(rest);
        System.out.printf(
                Locale.ROOT,
                "%,d responses (%,d answer rows, inserted in %.0f s): first GET %.0f ms, median %.0f ms%n",
                responses,
                answerRows,
                insertSeconds,
                first,
                rest[rest.length / 2]);
        return new Run(
                responses, answerRows, insertSeconds, first, rest[rest.length / 2], bytes, after >> 20, peak >> 20);
    }

    private static void report(List<Run> runs, String note) throws IOException {
        StringBuilder markdown = new StringBuilder();
        markdown.append(
                "| responses | answer rows | insert s (JDBC, cumulative) | first GET ms | median GET ms | JSON KB"
                        + " | heap in use after MB | heap peak MB (upper bound) |\n");
        markdown.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder json = new StringBuilder("{\"runs\": [");
        for (Run run : runs) {
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %,d | %,d | %.0f | %.0f | %.0f | %d | %d | %d |%n",
                    run.responses(),
                    run.answerRows(),
                    run.insertSeconds(),
                    run.firstMs(),
                    run.medianMs(),
                    run.bodyBytes() >> 10,
                    run.heapAfterMb(),
                    run.heapPeakMb()));
            json.append(String.format(
                    Locale.ROOT,
                    "{\"responses\": %d, \"answerRows\": %d, \"insertSeconds\": %.1f, \"firstMs\": %.1f,"
                            + " \"medianMs\": %.1f, \"bodyBytes\": %d, \"heapAfterMb\": %d, \"heapPeakMb\": %d},",
                    run.responses(),
                    run.answerRows(),
                    run.insertSeconds(),
                    run.firstMs(),
                    run.medianMs(),
                    run.bodyBytes(),
                    run.heapAfterMb(),
                    run.heapPeakMb()));
        }
        String machine = String.format(
                Locale.ROOT,
                "%d cores, Java %s, %s %s, max heap %d MB; server, database client and HTTP client share one JVM",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() >> 20);
        markdown.append("\nGET ")
                .append(PATH)
                .append(" as admin: the first request, then the median of ")
                .append(REPETITIONS)
                .append(". Heap peak: the sum of the heap pools' peaks over those requests, garbage included."
                        + " Heap after: in use after System.gc() (approximate).\n");
        if (!note.isEmpty()) {
            markdown.append(note).append('\n');
        }
        markdown.append("Machine: ").append(machine).append('\n');
        json.setLength(json.length() - 1);
        json.append("], \"note\": \"")
                .append(note)
                .append("\", \"machine\": \"")
                .append(machine)
                .append("\"}\n");
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("analysis-load.md"), markdown);
        Files.writeString(out.resolve("analysis-load.json"), json);
        System.out.println("\nAnalysis load benchmark\n\n" + markdown);
    }
}
