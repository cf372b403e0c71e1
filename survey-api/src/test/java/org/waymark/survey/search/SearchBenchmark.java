package org.waymark.survey.search;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.BenchmarkApp;
import org.waymark.survey.BulkResponses;
import org.waymark.survey.database.EmbeddedMariaDb;
import org.waymark.survey.studies.StudyService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search over 100,000 and then 1,000,000 synthetic free-text answers: how fast the index is built (a
 * full rebuild through {@code POST /api/search/rebuild}), and how long theme queries take as the
 * search API makes them (ranked, 20 hits with highlighted passages, participants per group), beside the same queries through MariaDB FULLTEXT (InnoDB, boolean mode, top 20 by relevance
 * and a count) on the same answers in the same run. Prints figures and writes them to {@code
 * target/benchmarks/search.md} and {@code .json}; asserts nothing about speed. Run: {@code ./mvnw
 * -Pbenchmark verify -pl survey-api -Dtest=SearchBenchmark}.
 */
@Tag("benchmark")
class SearchBenchmark {

    private static final String STUDY = "cpa-recovery";
    /** How many answers to search, in turn; {@code -Dwaymark.benchmark.search-sizes=20000} for a quick look. */
    private static final int[] SIZES = Stream.of(System.getProperty("waymark.benchmark.search-sizes", "100000,1000000")
                    .split(","))
            .mapToInt(size -> Integer.parseInt(size.trim()))
            .toArray();

    private static final int CHUNK = 10_000;
    /**
     * Rounds of every query before timing, at each size: a running server has long since compiled its
     * search code, and with 3 rounds the just-in-time compiler was still at work (50 rounds of warm-up
     * instead of 3 gave a p50 15-27% lower in {@code AnswerIndexBenchmark}, see docs/performance.md). A few seconds at a million answers.
     */
    static final int WARM_UP = 30;

    /**
     * Timed rounds: 200, so that the nearest-rank p99 is the 198th of 200 times and not, as with 50, the
     * slowest single one, which one collection or one burst of the machine's other work decides.
     */
    private static final int LUCENE_REPETITIONS = 200;
    /**
     * FULLTEXT takes seconds a query over a million answers, so it gets one warm-up round and five
     * timed ones, which keeps its part of the run near ten minutes.
     */
    static final int FULLTEXT_WARM_UP = 1;

    private static final int FULLTEXT_REPETITIONS = 5;

    /** A query in Waymark's syntax and its nearest equivalent in FULLTEXT's boolean mode. */
    record Query(String name, String waymark, String fulltext) {}

    record Timing(Query query, String engine, int runs, double p50, double p99, long matches) {}

    record Size(
            long answers,
            int responses,
            double insertSeconds,
            double rebuildSeconds,
            double answersPerSecond,
            long indexBytes,
            double fulltextBuildSeconds,
            double httpMedianMs,
            List<Timing> timings) {}

    @Test
    void themeQueriesOverManyAnswers() throws Exception {
        List<Query> queries = queries();
        try (BenchmarkApp app = BenchmarkApp.start(
                List.of("--waymark.demo.enabled=false", "--waymark.search.rebuild-at-start=false"))) {
            app.giveAdminRole(STUDY, "researcher");
            StudyService.PublishedStudy study = app.bean(StudyService.class).published(STUDY);
            SyntheticAnswers corpus = SyntheticAnswers.load(study.definition().definition());
            BulkResponses bulk = new BulkResponses(STUDY, study.versionId());
            HttpClient http = HttpClient.newHttpClient();
            List<Size> sizes = new ArrayList<>();
            try (Connection connection =
                    DriverManager.getConnection(app.bean(EmbeddedMariaDb.class).jdbcUrl(), "root", "")) {
                int responses = 0;
                double insertSeconds = 0;
                for (int target : SIZES) {
                    dropFulltext(connection);
                    long start = System.nanoTime();
                    while (corpus.textAnswers() < target) {
                        bulk.insert(connection, responses, responses + CHUNK, corpus::answersFor);
                        responses += CHUNK;
                    }
                    insertSeconds += (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    long rebuilt = rebuild(http, app);
                    double rebuildSeconds = (System.nanoTime() - start) / 1e9;
                    if (rebuilt != responses) {
                        throw new IllegalStateException(
                                "The rebuild took in " + rebuilt + " responses, not " + responses);
                    }
                    start = System.nanoTime();
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("ALTER TABLE answer ADD FULLTEXT INDEX ft_benchmark_answer (value)");
                    }
                    double fulltextSeconds = (System.nanoTime() - start) / 1e9;
                    List<Timing> timings = time(queries, app, connection);
                    double httpMedian = overHttp(http, app, queries.getLast().waymark());
                    sizes.add(new Size(
                            corpus.textAnswers(),
                            responses,
                            insertSeconds,
                            rebuildSeconds,
                            corpus.textAnswers() / rebuildSeconds,
                            folderBytes(app.dataDir().resolve("search-index")),
                            fulltextSeconds,
                            httpMedian,
                            timings));
                    System.out.printf(
                            Locale.ROOT,
                            "%,d answers: rebuild %.1f s (%,.0f answers/s), FULLTEXT index %.1f s%n",
                            corpus.textAnswers(),
                            rebuildSeconds,
                            corpus.textAnswers() / rebuildSeconds,
                            fulltextSeconds);
                }
            }
            SearchBenchmarkReport report = new SearchBenchmarkReport(sizes, corpus.describe());
            report.write();
            report.headlines(app.bean(JdbcClient.class));
        }
    }

    /** The recovery frame's theme rules as they ship, and one query of each other kind. */
    private static List<Query> queries() throws IOException {
        List<Query> queries = new ArrayList<>();
        try (InputStream in = new ClassPathResource("themes/recovery-meaning.json").getInputStream()) {
            for (JsonNode theme : JsonMapper.shared().readTree(in).get("themes")) {
                if (theme.get("rule") == null) {
                    continue;
                }
                String rule = theme.get("rule").asString();
                // FULLTEXT's boolean mode reads words without an operator as "any of".
                queries.add(new Query("theme " + theme.get("code").asString(), rule, rule.replace(" OR ", " ")));
            }
        }
        queries.add(new Query("phrase", "\"care plan\"", "\"care plan\""));
        queries.add(new Query("proximity", "\"involved plan\"~5", "\"involved plan\" @5"));
        queries.add(new Query("all of", "faith AND culture", "+faith +culture"));
        queries.add(new Query("but not", "detained NOT hospital", "+detained -hospital"));
        // FULLTEXT has no fuzzy matching: it is given the word spelt right.
        queries.add(new Query("fuzzy", "profesionals~", "professionals"));
        return queries;
    }

    private static long rebuild(HttpClient http, BenchmarkApp app) throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/search/rebuild"))
                        .header("Authorization", app.adminAuthorization())
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("The rebuild answered " + reply.statusCode() + ": " + reply.body());
        }
        return JsonMapper.shared().readTree(reply.body()).get("responses").asLong();
    }

    /** Each query in turn, round after round, so that drift in the machine touches all alike. */
    private static List<Timing> time(List<Query> queries, BenchmarkApp app, Connection connection) throws Exception {
        Map<Query, List<Double>> lucene = new LinkedHashMap<>();
        Map<Query, List<Double>> fulltext = new LinkedHashMap<>();
        Map<Query, Long> luceneMatches = new LinkedHashMap<>();
        Map<Query, Long> fulltextMatches = new LinkedHashMap<>();
        for (int round = 0; round < WARM_UP + LUCENE_REPETITIONS; round++) {
            for (Query query : queries) {
                long start = System.nanoTime();
                long matches = searchWaymark(app.bean(SearchService.class), query.waymark());
                double ms = (System.nanoTime() - start) / 1e6;
                luceneMatches.put(query, matches);
                if (round >= WARM_UP) {
                    lucene.computeIfAbsent(query, q -> new ArrayList<>()).add(ms);
                }
            }
        }
        for (int round = 0; round < FULLTEXT_WARM_UP + FULLTEXT_REPETITIONS; round++) {
            for (Query query : queries) {
                long start = System.nanoTime();
                long matches = searchFulltext(connection, query.fulltext());
                double ms = (System.nanoTime() - start) / 1e6;
                fulltextMatches.put(query, matches);
                if (round >= FULLTEXT_WARM_UP) {
                    fulltext.computeIfAbsent(query, q -> new ArrayList<>()).add(ms);
                }
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (Query query : queries) {
            timings.add(timing(query, "Waymark (Lucene)", lucene.get(query), luceneMatches.get(query)));
            timings.add(timing(query, "MariaDB FULLTEXT", fulltext.get(query), fulltextMatches.get(query)));
        }
        return timings;
    }

    private static Timing timing(Query query, String engine, List<Double> times, long matches) {
        double[] sorted =
                times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Timing(query, engine, sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99), matches);
    }

    /** The nearest-rank percentile: the smallest time at or above which the given share lies. */
    static double percentile(double[] sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * A search as the search API makes it, called in the same JVM: the figures leave out HTTP and
     * signing in, which with HTTP Basic means checking an Argon2id password hash on every request
     * (timed separately by {@link #overHttp}).
     */
    private static long searchWaymark(SearchService search, String query) {
        SearchJson result = search.search(STUDY, query, null, Map.of(), null, 0, 20);
        if (!result.complete()) {
            throw new IllegalStateException("The search for " + query + " hit its time limit");
        }
        return result.total();
    }

    /** The median time of one search through the HTTP API, signed in by HTTP Basic each time. */
    static double overHttp(HttpClient http, BenchmarkApp app, String query) throws IOException, InterruptedException {
        double[] times = new double[21];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            searchOverHttp(http, app, query);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static long searchOverHttp(HttpClient http, BenchmarkApp app, String query)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + app.port() + "/api/studies/" + STUDY + "/search?size=20&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", app.adminAuthorization())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("Search answered " + reply.statusCode() + ": " + reply.body());
        }
        JsonNode result = JsonMapper.shared().readTree(reply.body());
        if (!result.get("complete").asBoolean()) {
            throw new IllegalStateException("The search for " + query + " hit its time limit");
        }
        return result.get("total").asLong();
    }

    /** The 20 most relevant free-text answers, and how many match, as a researcher's search needs. */
    private static long searchFulltext(Connection connection, String query) throws SQLException {
        try (PreparedStatement top = connection.prepareStatement("""
                        SELECT response_id, question_id, value, MATCH (value) AGAINST (? IN BOOLEAN MODE) AS score
                        FROM answer WHERE kind = 'text' AND MATCH (value) AGAINST (? IN BOOLEAN MODE)
                        ORDER BY score DESC LIMIT 20""");
                PreparedStatement count = connection.prepareStatement("""
                        SELECT COUNT(*) FROM answer
                        WHERE kind = 'text' AND MATCH (value) AGAINST (? IN BOOLEAN MODE)""")) {
            top.setString(1, query);
            top.setString(2, query);
            try (ResultSet rows = top.executeQuery()) {
                while (rows.next()) {
                    rows.getString(3);
                }
            }
            count.setString(1, query);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void dropFulltext(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE answer DROP INDEX IF EXISTS ft_benchmark_answer");
        }
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
