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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.BenchmarkApp;
import org.waymark.survey.BulkResponses;
import org.waymark.survey.Headlines;
import org.waymark.survey.database.EmbeddedMariaDb;
import org.waymark.survey.studies.StudyService;

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

    private static final String STUDY = "cpa-recovery";
    private static final String PATH = "/api/studies/" + STUDY + "/analysis?by=community,gender,compulsory";
    /** {@code -Dwaymark.benchmark.analysis-load-sizes=20000,40000} for a quick look: the first size, then the largest. */
    private static final int[] SIZES = Stream.of(
                    System.getProperty("waymark.benchmark.analysis-load-sizes", "100000,1000000")
                            .split(","))
            .mapToInt(size -> Integer.parseInt(size.trim()))
            .toArray();

    private static final int FIRST = SIZES[0];
    private static final int LARGEST = SIZES[SIZES.length - 1];
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
        try (BenchmarkApp app = BenchmarkApp.start(List.of("--waymark.demo.enabled=false"))) {
            // The bundled study has no owner; the admin needs a role in it to see its analysis.
            app.giveAdminRole(STUDY, "researcher");
            EmbeddedMariaDb server = app.bean(EmbeddedMariaDb.class);
            StudyService.PublishedStudy study = app.bean(StudyService.class).published(STUDY);
            List<List<BulkResponses.Row>> pool = BulkResponses.closedAnswerPool(study.definition(), DISTINCT);
            List<Run> runs = new ArrayList<>();
            String note;
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "root", "")) {
                long start = System.nanoTime();
                long rows = insert(connection, study.versionId(), pool, 0, FIRST);
                double seconds = (System.nanoTime() - start) / 1e9;
                BulkResponses.analyze(connection);
                runs.add(measure(app, FIRST, rows, seconds));
                double projected = seconds * (LARGEST - FIRST) / FIRST;
                if (LARGEST > FIRST && projected < INSERT_BUDGET_SECONDS) {
                    start = System.nanoTime();
                    rows += insert(connection, study.versionId(), pool, FIRST, LARGEST);
                    seconds += (System.nanoTime() - start) / 1e9;
                    BulkResponses.analyze(connection);
                    runs.add(measure(app, LARGEST, rows, seconds));
                    note = "";
                } else if (LARGEST <= FIRST) {
                    note = "";
                } else {
                    note = String.format(
                            Locale.ROOT,
                            "%,d responses not run: inserting the first %,d took %.0f s, so the other"
                                    + " %,d would take about %.0f s, over the %.0f s budget.",
                            LARGEST,
                            FIRST,
                            seconds,
                            LARGEST - FIRST,
                            projected,
                            INSERT_BUDGET_SECONDS);
                }
            }
            report(runs, note);
            headlines(runs, note, app.bean(JdbcClient.class));
        }
    }

    /** Submitted responses {@code from} to {@code to} - 1, each with answers from the pool. */
    private static long insert(
            Connection connection, long versionId, List<List<BulkResponses.Row>> pool, int from, int to)
            throws java.sql.SQLException {
        return new BulkResponses(STUDY, versionId).insertFromPool(connection, from, to, pool);
    }

    private static Run measure(BenchmarkApp app, int responses, long answerRows, double insertSeconds)
            throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + PATH))
                .header("Authorization", app.adminAuthorization())
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

    private static void headlines(List<Run> runs, String note, JdbcClient jdbc) throws IOException {
        Headlines headlines = new Headlines("analysis-load").mariaDb(jdbc);
        for (Run run : runs) {
            String size = String.format(Locale.ROOT, "%,d responses", run.responses());
            headlines.row("analysis over HTTP (load from MariaDB + analysis), median GET", size, run.medianMs(), "ms");
            headlines.row("heap peak during the GETs (upper bound)", size, run.heapPeakMb(), "MB");
        }
        if (!note.isEmpty()) {
            headlines.note(note);
        }
        headlines.write();
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
