package org.waymark.search;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index alone, without the application or a database: how fast {@link AnswerIndex} takes in
 * synthetic answers ({@link SyntheticCorpus}), and how long the search benchmark's 14 queries take
 * doing what the search API does (20 hits ranked with highlights, the exact total, participants counted
 * in every group of every grouping). A quick loop for work on the index; the figures to quote come from
 * survey-api's {@code SearchBenchmark}. Prints figures and a fingerprint of each query's results (total,
 * counts, top hits, highlights), so that a change can be checked to give the same results; asserts
 * nothing about speed. Run:
 *
 * <pre>
 * ./mvnw -Pbenchmark verify -pl search-index -Dtest=AnswerIndexBenchmark -Dwaymark.benchmark.index-answers=200000
 * </pre>
 *
 * <p>{@code -Dwaymark.benchmark.index-dir=/tmp/some-folder} keeps the index there and reuses it on the
 * next run with the same number of answers; {@code -Dwaymark.benchmark.index-queries=identity,fuzzy} times
 * only the queries whose names contain one of those words; {@code -Dwaymark.benchmark.index-rounds=100}
 * and {@code -Dwaymark.benchmark.index-warm-up=30} set how many rounds are timed and how many run first
 * (30 and 30: with 3 rounds of warm-up the just-in-time compiler is still at work). To profile, add {@code
 * -DargLine=-XX:StartFlightRecording=filename=/tmp/search.jfr,settings=profile} and read the samples with
 * {@code jfr print --stack-depth 64 --events jdk.ExecutionSample /tmp/search.jfr}.
 */
@Tag("benchmark")
class AnswerIndexBenchmark {

    private static final int ANSWERS = Integer.getInteger("waymark.benchmark.index-answers", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("waymark.benchmark.index-rounds", 30);
    private static final int WARM_UP = Integer.getInteger("waymark.benchmark.index-warm-up", 30);

    @TempDir
    Path temporary;

    record Query(String name, String text) {}

    @Test
    void indexesAndSearchesSyntheticAnswers() throws IOException {
        String kept = System.getProperty("waymark.benchmark.index-dir");
        Path folder = kept == null ? temporary : Path.of(kept);
        Files.createDirectories(folder);
        try (AnswerIndex index = AnswerIndex.open(folder, Duration.ofSeconds(30))) {
            if (index.isOutdated()) {
                throw new IllegalStateException(folder + " holds an index in an older layout: delete it first");
            }
            if (index.appliedThrough().orElse(-1L) != ANSWERS) {
                build(index);
            } else {
                System.out.printf(Locale.ROOT, "Reusing the index of %,d answers in %s%n", ANSWERS, folder);
            }
            long start = System.nanoTime();
            index.settle();
            System.out.printf(
                    Locale.ROOT,
                    "Merges finished after %.1f s more; index: %,.0f MB in %d segments%n",
                    (System.nanoTime() - start) / 1e9,
                    folderBytes(folder) / 1e6,
                    index.segments());
            time(index);
        }
    }

    private static void build(AnswerIndex index) throws IOException {
        SyntheticCorpus corpus = SyntheticCorpus.load();
        List<List<AnswerDocument>> responses = new ArrayList<>();
        int answers = 0;
        while (answers < ANSWERS) {
            List<AnswerDocument> response = corpus.response(responses.size() + 1);
            responses.add(response.subList(0, Math.min(response.size(), ANSWERS - answers)));
            answers += responses.getLast().size();
        }
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = process.getProcessCpuTime();
        long start = System.nanoTime();
        for (List<AnswerDocument> response : responses) {
            AnswerDocument first = response.getFirst();
            index.upsertResponse(first.studyId(), first.responseKey(), response);
        }
        index.commit(ANSWERS);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (process.getProcessCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "Indexed %,d answers (%,d responses) in %.1f s: %,.0f answers/s (%.1f s of CPU, all threads)%n",
                answers,
                responses.size(),
                seconds,
                answers / seconds,
                cpuSeconds);
    }

    /** One query's timings, per round: by the clock, and this thread's CPU time (less hurt by a busy machine). */
    private record Times(double[] wall, double[] cpu) {
        Times() {
            this(new double[ROUNDS], new double[ROUNDS]);
        }

        double p(double share) {
            return percentile(wall, share);
        }

        double cpuMedian() {
            return percentile(cpu, 0.50);
        }
    }

    /** Each query in turn, round after round, so that drift in the machine touches all alike. */
    private static void time(AnswerIndex index) throws IOException {
        List<Query> queries = queries();
        Map<Query, Times> times = new LinkedHashMap<>();
        Map<Query, SearchResult> results = new LinkedHashMap<>();
        queries.forEach(query -> times.put(query, new Times()));
        List<String> groupings = List.copyOf(SyntheticCorpus.GROUPINGS.keySet());
        for (int round = 0; round < WARM_UP + ROUNDS; round++) {
            for (Query query : queries) {
                SearchRequest request = SearchRequest.of(SyntheticCorpus.STUDY, query.text())
                        .countingGroups(groupings)
                        .withPage(0, SearchRequest.DEFAULT_PAGE_SIZE);
                results.put(query, timed(index, request, round, times.get(query)));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%,d answers, %d timed rounds after %d warm-up, ms per search:%n",
                ANSWERS,
                ROUNDS,
                WARM_UP);
        System.out.printf(
                Locale.ROOT,
                "| %-22s | %7s | %7s | %7s | %9s | %-8s |%n",
                "query",
                "p50",
                "p99",
                "CPU p50",
                "matches",
                "results");
        for (Query query : queries) {
            SearchResult result = results.get(query);
            System.out.printf(
                    Locale.ROOT,
                    "| %-22s | %7.1f | %7.1f | %7.1f | %,9d | %08x |%n",
                    query.name(),
                    times.get(query).p(0.50),
                    times.get(query).p(0.99),
                    times.get(query).cpuMedian(),
                    result.total(),
                    fingerprint(result));
        }
    }

    /** One search, timed by the clock and by this thread's CPU time (the search runs on this thread). */
    private static SearchResult timed(AnswerIndex index, SearchRequest request, int round, Times times) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        SearchResult result = index.search(request);
        double ms = (System.nanoTime() - start) / 1e6;
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        if (!result.complete()) {
            throw new IllegalStateException("The search for " + request.query() + " hit its time limit");
        }
        if (round >= WARM_UP) {
            times.wall()[round - WARM_UP] = ms;
            times.cpu()[round - WARM_UP] = cpuMs;
        }
        return result;
    }

    /** The search benchmark's queries: the recovery frame's theme rules as they ship, and one of each other kind. */
    private static List<Query> queries() throws IOException {
        List<Query> queries = new ArrayList<>();
        SyntheticCorpus.themeRules().forEach((code, rule) -> queries.add(new Query("theme " + code, rule)));
        queries.add(new Query("phrase", "\"care plan\""));
        queries.add(new Query("proximity", "\"involved plan\"~5"));
        queries.add(new Query("all of", "faith AND culture"));
        queries.add(new Query("but not", "detained NOT hospital"));
        queries.add(new Query("fuzzy", "profesionals~"));
        String only = System.getProperty("waymark.benchmark.index-queries", "");
        if (!only.isBlank()) {
            List<String> names = List.of(only.split(","));
            queries.removeIf(query -> names.stream().noneMatch(query.name()::contains));
        }
        return queries;
    }

    /** A hash of everything a result shows but the scores, which only order the hits. */
    private static int fingerprint(SearchResult result) {
        List<String> hits = result.hits().stream()
                .map(hit -> hit.responseKey() + "/" + hit.questionId() + "/" + hit.highlight())
                .toList();
        return (result.total() + "|" + new TreeMap<>(result.byGroup()) + "|" + hits).hashCode();
    }

    /** The nearest-rank percentile, as survey-api's search benchmark takes it. */
    private static double percentile(double[] times, double share) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
