package org.waymark.survey.reports;

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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.BenchmarkApp;
import org.waymark.survey.BulkResponses;
import org.waymark.survey.Headlines;
import org.waymark.survey.database.EmbeddedMariaDb;
import org.waymark.survey.studies.StudyService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The study report of CPA &amp; Recovery, as HTML and as PDF, over studies of 1,000, 10,000 and
 * 100,000 synthetic submitted responses written with plain JDBC ({@link BulkResponses}, the answer
 * sets the analysis benchmark uses): the whole report (every section, every breakdown, {@code
 * nhs-standard}) through {@code GET /api/studies/cpa-recovery/report.html} and {@code .pdf} as a
 * researcher, the first request and the median of three more (one more where the first took over
 * 20 s), with the heap. Each request runs the
 * analysis, reads the data fingerprint twice and lays the report out, so the figures show what grows
 * with the responses and what stays fixed. Prints figures and writes them to {@code
 * target/benchmarks/}; asserts nothing about speed. Run: {@code ./mvnw -Pbenchmark verify -pl
 * survey-api -am -Dtest=ReportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ReportBenchmark {

    private static final String STUDY = "cpa-recovery";
    /** Responses, in turn; {@code -Dwaymark.benchmark.report-sizes=1000} for a quick look. */
    private static final int[] SIZES = Stream.of(
                    System.getProperty("waymark.benchmark.report-sizes", "1000,10000,100000")
                            .split(","))
            .mapToInt(size -> Integer.parseInt(size.trim()))
            .toArray();

    private static final int DISTINCT = 5_000;
    private static final int REPETITIONS = 3;
    /** A first request slower than this is followed by one more rather than {@link #REPETITIONS}. */
    private static final double SLOW_MS = 20_000;

    /** One format at one size: times in milliseconds, sizes in bytes, heap in MB. */
    record Run(
            int responses,
            String format,
            double firstMs,
            double medianMs,
            long bytes,
            int pages,
            long heapPeakMb,
            String failure) {}

    @Test
    void reportsOfGrowingStudies() throws Exception {
        try (BenchmarkApp app = BenchmarkApp.start(
                List.of("--waymark.demo.enabled=false", "--waymark.search.rebuild-at-start=false"))) {
            app.giveAdminRole(STUDY, "researcher");
            StudyService.PublishedStudy study = app.bean(StudyService.class).published(STUDY);
            var pool = BulkResponses.closedAnswerPool(study.definition(), DISTINCT);
            BulkResponses bulk = new BulkResponses(STUDY, study.versionId());
            HttpClient http = HttpClient.newHttpClient();
            List<Run> runs = new ArrayList<>();
            try (Connection connection =
                    DriverManager.getConnection(app.bean(EmbeddedMariaDb.class).jdbcUrl(), "root", "")) {
                int responses = 0;
                for (int size : SIZES) {
                    bulk.insertFromPool(connection, responses, size, pool);
                    BulkResponses.analyze(connection);
                    responses = size;
                    runs.add(measure(http, app, size, "html"));
                    runs.add(measure(http, app, size, "pdf"));
                }
            }
            long heapAfter = heapUsedMb();
            report(runs, heapAfter);
            headlines(runs, app.bean(JdbcClient.class));
        }
    }

    private static Run measure(HttpClient http, BenchmarkApp app, int responses, String format) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/studies/" + STUDY + "/report." + format))
                .header("Authorization", app.adminAuthorization())
                .GET()
                .build();
        System.gc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        List<Double> times = new ArrayList<>();
        byte[] body = new byte[0];
        // A slow first request (exact tests on small groups can take a minute) is followed by one more.
        for (int i = 0; i < 1 + (times.isEmpty() || times.getFirst() < SLOW_MS ? REPETITIONS : 1); i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> reply = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            times.add((System.nanoTime() - start) / 1e6);
            if (reply.statusCode() != 200) {
                // Reported as a figure of the run rather than stopping it, so the larger sizes are measured too.
                String failure = String.format(
                        Locale.ROOT,
                        "answered %d after %.1f s: %s",
                        reply.statusCode(),
                        times.getLast() / 1000,
                        new String(reply.body(), StandardCharsets.UTF_8));
                System.err.printf(Locale.ROOT, "%,d responses, %s report %s%n", responses, format, failure);
                return new Run(responses, format, times.getFirst(), Double.NaN, 0, 0, 0, failure);
            }
            body = reply.body();
        }
        long peak = heapPools.stream()
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        double[] rest = times.subList(1, times.size()).stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        int pages = 0;
        if (format.equals("pdf")) {
            try (PDDocument pdf = Loader.loadPDF(body)) {
                pages = pdf.getNumberOfPages();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%,d responses, %s: first %.0f ms, median %.0f ms, %d KB%n",
                responses,
                format,
                times.getFirst(),
                rest[rest.length / 2],
                body.length >> 10);
        return new Run(responses, format, times.getFirst(), rest[rest.length / 2], body.length, pages, peak >> 20, "");
    }

    private static long heapUsedMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static void report(List<Run> runs, long heapAfterMb) throws IOException {
        StringBuilder markdown = new StringBuilder(
                "| responses | format | first GET ms | median GET ms | ms per 1,000 responses | size KB | PDF pages"
                        + " | heap peak MB (upper bound) | failed |\n|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Run run : runs) {
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %,d | %s | %.0f | %s | %s | %d | %s | %d | %s |%n",
                    run.responses(),
                    run.format(),
                    run.firstMs(),
                    Double.isNaN(run.medianMs()) ? "-" : String.format(Locale.ROOT, "%.0f", run.medianMs()),
                    Double.isNaN(run.medianMs())
                            ? "-"
                            : String.format(Locale.ROOT, "%.1f", run.medianMs() * 1000 / run.responses()),
                    run.bytes() >> 10,
                    run.pages() == 0 ? "-" : Integer.toString(run.pages()),
                    run.heapPeakMb(),
                    run.failure().isEmpty() ? "-" : run.failure()));
        }
        String machine = BenchmarkApp.machine()
                + String.format(
                        Locale.ROOT,
                        ", max heap %d MB; server, JDBC writer and HTTP client share one JVM",
                        Runtime.getRuntime().maxMemory() >> 20);
        markdown.append("\nThe whole report (every section, every breakdown, nhs-standard) as a researcher:"
                        + " the first request, then the median of ")
                .append(REPETITIONS)
                .append(
                        " more (one more where the first took over 20 s). Heap peak: the sum of the heap pools' peaks over those requests, garbage included."
                                + " Heap in use after the run, after System.gc(): ")
                .append(heapAfterMb)
                .append(" MB.\nMachine: ")
                .append(machine)
                .append('\n');
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("report.md"), markdown);
        Files.writeString(
                out.resolve("report.json"),
                JsonMapper.shared()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(new Json(runs, heapAfterMb, machine)));
        System.out.println("\nReport benchmark\n\n" + markdown);
    }

    private record Json(List<Run> runs, long heapAfterMb, String machine) {}

    private static void headlines(List<Run> runs, JdbcClient jdbc) throws IOException {
        Headlines headlines = new Headlines("report").mariaDb(jdbc);
        for (Run run : runs) {
            String size = String.format(Locale.ROOT, "%,d responses", run.responses());
            if (!run.failure().isEmpty()) {
                headlines.note("FAILED: the " + run.format().toUpperCase(Locale.ROOT) + " report at " + size + " "
                        + run.failure());
                continue;
            }
            headlines.row(
                    "whole study report, " + run.format().toUpperCase(Locale.ROOT) + ", median GET",
                    size,
                    run.medianMs(),
                    "ms");
            headlines.row(
                    "heap peak while building the " + run.format().toUpperCase(Locale.ROOT) + " (upper bound)",
                    size,
                    run.heapPeakMb(),
                    "MB");
        }
        headlines.note("PDF pages: "
                + String.join(
                        ", ",
                        runs.stream()
                                .filter(run -> run.pages() > 0)
                                .map(run ->
                                        String.format(Locale.ROOT, "%d at %,d responses", run.pages(), run.responses()))
                                .toList())
                + ".");
        headlines.write();
    }
}
