package org.waymark.survey.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.BenchmarkApp;
import org.waymark.survey.Headlines;
import tools.jackson.databind.json.JsonMapper;

/** The search benchmark's figures as a Markdown table and as JSON, under {@code target/benchmarks/}. */
record SearchBenchmarkReport(List<SearchBenchmark.Size> sizes, String corpus) {

    void write() throws IOException {
        String machine = BenchmarkApp.machine()
                + String.format(
                        Locale.ROOT,
                        ", max heap %d MB; server, database and the benchmark's clients share the machine",
                        Runtime.getRuntime().maxMemory() >> 20);
        StringBuilder markdown = new StringBuilder();
        markdown.append("| answers | responses | rebuild s | answers indexed per s | index MB | FULLTEXT index s"
                        + " | one search over HTTP, median ms |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SearchBenchmark.Size size : sizes) {
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %,d | %,d | %.1f | %,.0f | %.0f | %.1f | %.1f |%n",
                    size.answers(),
                    size.responses(),
                    size.rebuildSeconds(),
                    size.answersPerSecond(),
                    size.indexBytes() / 1e6,
                    size.fulltextBuildSeconds(),
                    size.httpMedianMs()));
        }
        for (SearchBenchmark.Size size : sizes) {
            markdown.append(String.format(Locale.ROOT, "%n%,d answers:%n%n", size.answers()))
                    .append("| query | Waymark p50 ms | p99 ms | matches | FULLTEXT p50 ms | p99 ms | matches"
                            + " | FULLTEXT p50 / Waymark p50 |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            List<SearchBenchmark.Timing> timings = size.timings();
            for (int i = 0; i < timings.size(); i += 2) {
                SearchBenchmark.Timing waymark = timings.get(i);
                SearchBenchmark.Timing fulltext = timings.get(i + 1);
                markdown.append(String.format(
                        Locale.ROOT,
                        "| %s: `%s` | %.1f | %.1f | %,d | %.1f | %.1f | %,d | %.1f |%n",
                        waymark.query().name(),
                        waymark.query().waymark(),
                        waymark.p50(),
                        waymark.p99(),
                        waymark.matches(),
                        fulltext.p50(),
                        fulltext.p99(),
                        fulltext.matches(),
                        fulltext.p50() / waymark.p50()));
            }
            markdown.append(overall(timings));
        }
        markdown.append("\nCorpus: ")
                .append(corpus)
                .append(".\nWaymark: the search API's service called in process (20 hits with highlighted passages,"
                        + " participants per group), ")
                .append(sizes.getFirst().timings().getFirst().runs())
                .append(" timed runs per query after ")
                .append(SearchBenchmark.WARM_UP)
                .append(" warm-up rounds. FULLTEXT: the 20 most relevant answers and a count, over JDBC, ")
                .append(sizes.getFirst().timings().get(1).runs())
                .append(" timed runs per query after " + SearchBenchmark.FULLTEXT_WARM_UP
                        + " warm-up round; its matches differ from Waymark's, which finds other forms of a word"
                        + " (stemming). p99 is the nearest-rank percentile. The last column is the fuzzy query through"
                        + " the HTTP API, signed in by HTTP Basic on each request (an Argon2id password check), the"
                        + " median of 21.\nMachine: ")
                .append(machine)
                .append('\n');
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("search.md"), markdown);
        Files.writeString(
                out.resolve("search.json"),
                JsonMapper.shared()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(new Json(sizes, corpus, machine)));
        System.out.println("\nSearch benchmark\n\n" + markdown);
    }

    /** Per size: the rebuild, and query times beside FULLTEXT's, for the combined results. */
    void headlines(JdbcClient jdbc) throws IOException {
        Headlines headlines = new Headlines("search").mariaDb(jdbc);
        for (SearchBenchmark.Size size : sizes) {
            String answers = String.format(Locale.ROOT, "%,d answers", size.answers());
            headlines.row("full index rebuild (POST /api/search/rebuild)", answers, size.rebuildSeconds(), "s");
            headlines.row("answers indexed per second during the rebuild", answers, size.answersPerSecond(), "per s");
            List<SearchBenchmark.Timing> timings = size.timings();
            double[] waymark = new double[timings.size() / 2];
            double[] fulltext = new double[timings.size() / 2];
            double[] speedUps = new double[timings.size() / 2];
            for (int i = 0; i < timings.size(); i += 2) {
                waymark[i / 2] = timings.get(i).p50();
                fulltext[i / 2] = timings.get(i + 1).p50();
                speedUps[i / 2] = fulltext[i / 2] / waymark[i / 2];
            }
            Arrays.sort(waymark);
            Arrays.sort(fulltext);
            Arrays.sort(speedUps);
            double waymarkMedian = SearchBenchmark.percentile(waymark, 0.5);
            double fulltextMedian = SearchBenchmark.percentile(fulltext, 0.5);
            headlines.compared(
                    "query p50, median of the " + waymark.length + " queries",
                    answers,
                    waymarkMedian,
                    "ms",
                    "MariaDB FULLTEXT, same queries",
                    fulltextMedian,
                    fulltextMedian / waymarkMedian,
                    "FULLTEXT time / Waymark time");
            headlines.compared(
                    "slowest query p50",
                    answers,
                    waymark[waymark.length - 1],
                    "ms",
                    "MariaDB FULLTEXT, slowest query",
                    fulltext[fulltext.length - 1],
                    fulltext[fulltext.length - 1] / waymark[waymark.length - 1],
                    "FULLTEXT time / Waymark time");
            headlines.row("smallest speed-up of one query over FULLTEXT (p50 / p50)", answers, speedUps[0], "x");
        }
        headlines.write();
    }

    private record Json(List<SearchBenchmark.Size> sizes, String corpus, String machine) {}

    private static String overall(List<SearchBenchmark.Timing> timings) {
        return timings.stream().collect(Collectors.groupingBy(SearchBenchmark.Timing::engine)).entrySet().stream()
                .map(entry -> String.format(
                        Locale.ROOT,
                        "%s: slowest query p50 %.1f ms, slowest p99 %.1f ms",
                        entry.getKey(),
                        entry.getValue().stream()
                                .mapToDouble(SearchBenchmark.Timing::p50)
                                .max()
                                .orElseThrow(),
                        entry.getValue().stream()
                                .mapToDouble(SearchBenchmark.Timing::p99)
                                .max()
                                .orElseThrow()))
                .sorted()
                .collect(Collectors.joining("; ", "\n", ".\n"));
    }
}
