package org.waymark.survey.intake;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.BenchmarkApp;
import org.waymark.survey.Headlines;
import org.waymark.survey.database.EmbeddedMariaDb;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rising load on loopback: simulated participants complete CPA &amp; Recovery through the intake
 * API's drafts ({@link DraftJourneys}: save a draft, a {@code PATCH} per section, every third saves
 * and leaves and resumes by the code, submit), from a process of their own ({@link IntakeLoad}), at
 * 1, 2, 4, 8 ... participants at once, until the p99 of the requests passes 500 ms or a request fails,
 * or the last step is done. Each step is bounded in count (8 journeys per participant, at least 40)
 * and in time (no journey starts after 60 s). For each step, the rate, the latencies, the errors, the
 * CPU each process spent, how busy the machine was, MariaDB's row-lock waits and running threads and
 * the requests waiting for a database connection ({@link LoadProbe}); at the last step, a plain
 * statement of what limits it. Asserts nothing about speed. Run: {@code ./mvnw -Pbenchmark verify
 * -pl survey-api -am -Dtest=ParticipantLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ParticipantLoadBenchmark {

    private static final String STUDY = "cpa-recovery";
    /** Participants at once, step by step; {@code -Dwaymark.benchmark.load-clients=1,4} for a quick look. */
    private static final int[] CLIENTS = Stream.of(
                    System.getProperty("waymark.benchmark.load-clients", "1,2,4,8,16,32,64,128,256")
                            .split(","))
            .mapToInt(size -> Integer.parseInt(size.trim()))
            .toArray();

    private static final int JOURNEYS_PER_CLIENT = Integer.getInteger("waymark.benchmark.load-journeys-per-client", 8);
    private static final int STEP_SECONDS = Integer.getInteger("waymark.benchmark.load-step-seconds", 60);
    private static final double P99_LIMIT_MS = Integer.getInteger("waymark.benchmark.load-p99-ms", 500);
    private static final int LEAVE_EVERY = 3;
    private static final int WARM_UP_JOURNEYS = 60;

    /** One step: its load and what the clients measured ({@code all}, {@code byKind}), and the server side. */
    record Result(int clients, JsonNode clientFigures, LoadProbe.Step server) {
        double p99() {
            return clientFigures.get("all").get("p99").asDouble();
        }

        int errors() {
            int errors = 0;
            for (JsonNode count : clientFigures.get("errors")) {
                errors += count.asInt();
            }
            return errors;
        }

        int journeys() {
            return clientFigures.get("journeys").asInt();
        }

        double seconds() {
            return clientFigures.get("seconds").asDouble();
        }
    }

    @Test
    void risingConcurrency() throws Exception {
        try (BenchmarkApp app = BenchmarkApp.start(List.of())) {
            Path journeys = Files.write(app.dataDir().resolve("journeys.jsonl"), journeys(app));
            EmbeddedMariaDb server = app.bean(EmbeddedMariaDb.class);
            Process load = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            IntakeLoad.class.getName(),
                            Integer.toString(app.port()),
                            journeys.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            List<Result> results = new ArrayList<>();
            try (var commands = new PrintWriter(load.outputWriter(StandardCharsets.UTF_8), true);
                    var replies = load.inputReader(StandardCharsets.UTF_8);
                    LoadProbe probe =
                            new LoadProbe(app.dataDir(), server.jdbcUrl(), app.bean(HikariDataSource.class))) {
                step(commands, replies, 4, WARM_UP_JOURNEYS);
                for (int clients : CLIENTS) {
                    int count = Math.max(40, clients * JOURNEYS_PER_CLIENT);
                    var measured = probe.during(() -> step(commands, replies, clients, count));
                    Result result = new Result(clients, measured.result(), measured.step());
                    results.add(result);
                    System.out.printf(
                            Locale.ROOT,
                            "%d participants at once: %d journeys in %.1f s, p99 %.1f ms, %d errors%n",
                            clients,
                            result.journeys(),
                            result.seconds(),
                            result.p99(),
                            result.errors());
                    if (result.p99() > P99_LIMIT_MS || result.errors() > 0) {
                        break;
                    }
                }
            } finally {
                load.destroy();
            }
            ParticipantLoadReport report = new ParticipantLoadReport(
                    results,
                    P99_LIMIT_MS,
                    CLIENTS[CLIENTS.length - 1],
                    Runtime.getRuntime().availableProcessors());
            report.write();
            report.headlines(new Headlines("participant-load").mariaDb(app.bean(JdbcClient.class)));
        }
    }

    private static JsonNode step(PrintWriter commands, BufferedReader replies, int clients, int count)
            throws IOException {
        commands.println("journeys " + clients + " " + count + " " + STEP_SECONDS + " " + LEAVE_EVERY);
        String reply = replies.readLine();
        if (reply == null || !reply.startsWith("RESULT ")) {
            throw new IllegalStateException("the simulated participants' process stopped without a result");
        }
        return JsonMapper.shared().readTree(reply.substring("RESULT ".length()));
    }

    /**
     * The demo's synthetic participants as journeys: the consent they gave and their answers split by
     * the study's sections, one JSON object a line.
     */
    private static List<String> journeys(BenchmarkApp app) {
        JsonMapper json = JsonMapper.shared();
        ResponseStore store = app.bean(ResponseStore.class);
        List<StudyDefinition.Section> sections = app.bean(StudyService.class)
                .published(STUDY)
                .definition()
                .definition()
                .sections();
        List<String> lines = new ArrayList<>();
        for (long id : app.demoResponseIds()) {
            Map<String, JsonNode> answers = AnswerJson.toJson(store.answers(id));
            List<Map<String, JsonNode>> parts = new ArrayList<>();
            for (StudyDefinition.Section section : sections) {
                Map<String, JsonNode> part = new LinkedHashMap<>();
                section.questions().stream()
                        .filter(question -> answers.containsKey(question.id()))
                        .forEach(question -> part.put(question.id(), answers.get(question.id())));
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            var consent = store.consent(id);
            lines.add(json.writeValueAsString(
                    Map.of("consent", new ConsentGiven(consent.consentVersion(), consent.agreed()), "parts", parts)));
        }
        return lines;
    }
}
