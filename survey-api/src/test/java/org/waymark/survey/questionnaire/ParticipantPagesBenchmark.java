package org.waymark.survey.questionnaire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.BenchmarkApp;
import org.waymark.survey.Headlines;
import org.waymark.survey.PageClient;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The participant pages as browsers use them: each walk is a new visitor who opens the CPA &amp;
 * Recovery information page, starts, answers eligibility and consent, gets and sends each section
 * (sending again when an answer opens more questions on the page), opens the review and submits, with
 * the session cookie and each form's CSRF token. The answers are the demo's synthetic participants'.
 * Walks run one at a time, then 16 at once. Every request is timed by the client, from sending to the
 * last byte, over loopback; the server and the clients share one JVM and the machine's cores. Prints
 * p50, p95 and p99 per page type, and each page's weight (its HTML, and with the stylesheet, the only
 * other file a page loads); writes them to {@code target/benchmarks/}. Asserts nothing about speed.
 * Run: {@code ./mvnw -Pbenchmark verify -pl survey-api -Dtest=ParticipantPagesBenchmark}.
 */
@Tag("benchmark")
class ParticipantPagesBenchmark {

    private static final String STUDY = "/s/cpa-recovery";
    private static final int WARM_UP_WALKS = 100;
    private static final int[][] RUNS = {{1, 300}, {16, 960}};

    /** One request: the kind of page, the time to its last byte, and the bytes of HTML it returned. */
    private record Timing(String page, double ms, int htmlBytes) {}

    /** A synthetic participant: answers by question id and the consent statements agreed. */
    private record Participant(Map<String, AnswerValue> answers, List<String> agreed) {}

    /** Figures for one kind of page at one concurrency; times in milliseconds, the largest HTML in bytes. */
    private record Row(
            int clients, String page, int requests, double p50, double p95, double p99, double max, int htmlBytes) {}

    @Test
    void pageTimesAndWeights() throws Exception {
        try (BenchmarkApp app = BenchmarkApp.start(List.of())) {
            int port = app.port();
            ValidatedDefinition study =
                    app.bean(StudyService.class).published("cpa-recovery").definition();
            List<Participant> participants = participants(app);

            walks(port, study, participants, 1, WARM_UP_WALKS);
            List<Row> rows = new ArrayList<>();
            List<String> summaries = new ArrayList<>();
            Map<Integer, Double> walkRates = new LinkedHashMap<>();
            for (int[] run : RUNS) {
                int clients = run[0];
                int walks = run[1];
                long start = System.nanoTime();
                Result result = walks(port, study, participants, clients, walks);
                double seconds = (System.nanoTime() - start) / 1e9;
                rows.addAll(rows(clients, result.timings()));
                walkRates.put(clients, walks / seconds);
                summaries.add(String.format(
                        Locale.ROOT,
                        "%d client(s): %d walks (%d requests) in %.1f s, %.1f walks/s, %d failed walk(s)",
                        clients,
                        walks,
                        result.timings().size(),
                        seconds,
                        walks / seconds,
                        result.failedWalks()));
            }
            report(rows, summaries, stylesheetBytes());
            headlines(rows, walkRates, app);
        }
    }

    private record Result(List<Timing> timings, int failedWalks) {}

    private static Result walks(
            int port, ValidatedDefinition study, List<Participant> participants, int clients, int walks)
            throws Exception {
        List<Timing> timings = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < walks; i = next.getAndIncrement()) {
                        Walk walk = new Walk(PageClient.on(port));
                        try {
                            walk.complete(study, participants.get(i % participants.size()));
                        } catch (IllegalStateException | java.io.UncheckedIOException e) {
                            failed.incrementAndGet();
                        }
                        timings.addAll(walk.timings);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return new Result(List.copyOf(timings), failed.get());
    }

    /** One visitor's way through the questionnaire, timing each request. */
    private static final class Walk {

        private final PageClient browser;
        private final List<Timing> timings = new ArrayList<>();

        Walk(PageClient browser) {
            this.browser = browser;
        }

        void complete(ValidatedDefinition study, Participant participant) {
            PageClient.Page information = get("information (GET)", STUDY);
            String eligibilityPage = redirect(post("start (POST)", STUDY + "/start", information, List.of()));
            PageClient.Page eligibility = get("eligibility (GET)", eligibilityPage);
            String consentPage = redirect(post(
                    "eligibility (POST)",
                    eligibilityPage,
                    eligibility,
                    fields(Pages.eligibilityQuestions(study), participant.answers())));
            PageClient.Page consent = get("consent (GET)", consentPage);
            List<Map.Entry<String, String>> agreed = participant.agreed().stream()
                    .map(statement -> Map.entry("agreed", statement))
                    .toList();
            String page = redirect(post("consent (POST)", consentPage, consent, agreed));
            var sections = Pages.questionnaireSections(study);
            for (int number = 1; number <= sections.size(); number++) {
                expect(page.equals(STUDY + "/sections/" + number), "expected section " + number);
                PageClient.Page section = get("section (GET)", page);
                List<Map.Entry<String, String>> answers =
                        new ArrayList<>(fields(sections.get(number - 1).questions(), participant.answers()));
                answers.add(Map.entry("action", "continue"));
                PageClient.Page sent = post("section (POST)", page, section, answers);
                if (sent.status() == 200) {
                    // An answer opened more questions on this page: a person sees them and sends again.
                    sent = post("section (POST)", page, sent, answers);
                }
                page = redirect(sent);
            }
            expect(page.equals(STUDY + "/review"), "expected the review");
            PageClient.Page review = get("review (GET)", page);
            PageClient.Page thanks = post("submit (POST, thank-you page)", STUDY + "/submit", review, List.of());
            expect(thanks.status() == 200 && thanks.body().contains("id=\"receipt-code\""), "expected a receipt");
        }

        private PageClient.Page get(String kind, String path) {
            long start = System.nanoTime();
            PageClient.Page page = browser.get(path);
            record(kind, start, page);
            expect(page.status() == 200, kind + " answered " + page.status());
            return page;
        }

        private PageClient.Page post(
                String kind, String path, PageClient.Page form, List<Map.Entry<String, String>> fields) {
            String token = form.csrfToken();
            long start = System.nanoTime();
            PageClient.Page page = browser.post(path, token, fields);
            record(kind, start, page);
            return page;
        }

        private void record(String kind, long start, PageClient.Page page) {
            timings.add(new Timing(
                    kind, (System.nanoTime() - start) / 1e6, page.body().getBytes(StandardCharsets.UTF_8).length));
        }

        private static String redirect(PageClient.Page page) {
            expect(page.status() == 302 || page.status() == 303, "expected a redirect, got " + page.status());
            return page.location();
        }

        private static void expect(boolean condition, String failure) {
            if (!condition) {
                throw new IllegalStateException(failure);
            }
        }
    }

    /** A page's form fields for the participant's answers to its questions, as a browser sends them. */
    private static List<Map.Entry<String, String>> fields(List<Question> questions, Map<String, AnswerValue> answers) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Question question : questions) {
            String name = "q_" + question.id();
            switch (answers.get(question.id())) {
                case null -> {}
                case AnswerValue.Choice choice -> fields.add(Map.entry(name, choice.code()));
                case AnswerValue.Choices choices -> choices.chosen().forEach(code -> fields.add(Map.entry(name, code)));
                case AnswerValue.Text text -> fields.add(Map.entry(name, text.text()));
                case AnswerValue.Number number ->
                    fields.add(Map.entry(name, number.value().toPlainString()));
                case AnswerValue.Date date ->
                    fields.add(Map.entry(name, date.value().toString()));
                case AnswerValue.PreferNotToSay ignored -> fields.add(Map.entry(name, AnswerValue.PREFER_NOT_TO_SAY));
            }
        }
        return fields;
    }

    /** The demo's synthetic participants, whose study has the same questions as the real one. */
    private static List<Participant> participants(BenchmarkApp app) {
        ResponseStore store = app.bean(ResponseStore.class);
        return app.demoResponseIds().stream()
                .map(id -> new Participant(store.answers(id), store.consent(id).agreed()))
                .toList();
    }

    private static List<Row> rows(int clients, List<Timing> timings) {
        Map<String, List<Timing>> byPage = new LinkedHashMap<>();
        timings.forEach(timing ->
                byPage.computeIfAbsent(timing.page(), page -> new ArrayList<>()).add(timing));
        byPage.put("all requests", timings);
        List<Row> rows = new ArrayList<>();
        byPage.forEach((page, list) -> {
            double[] sorted = list.stream().mapToDouble(Timing::ms).sorted().toArray();
            int htmlBytes = list.stream().mapToInt(Timing::htmlBytes).max().orElse(0);
            rows.add(new Row(
                    clients,
                    page,
                    sorted.length,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.95),
                    percentile(sorted, 0.99),
                    sorted[sorted.length - 1],
                    htmlBytes));
        });
        return rows;
    }

    /** Nearest rank. */
    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static int stylesheetBytes() throws IOException {
        try (InputStream css = ParticipantPagesBenchmark.class.getResourceAsStream("/static/waymark.css")) {
            return css.readAllBytes().length;
        }
    }

    /** A page's HTML with the given extra bytes, in KB; a dash for redirects and the total. */
    private static String kilobytes(Row row, int extraBytes) {
        boolean page = row.htmlBytes() > 0 && !row.page().equals("all requests");
        return page ? String.format(Locale.ROOT, "%.1f", (row.htmlBytes() + extraBytes) / 1024.0) : "-";
    }

    /** Walks a second and the server time over every request, and the heaviest page, for the combined results. */
    private static void headlines(List<Row> rows, Map<Integer, Double> walkRates, BenchmarkApp app) throws IOException {
        int cssBytes = stylesheetBytes();
        Headlines headlines = new Headlines("participant-pages").mariaDb(app.bean(JdbcClient.class));
        walkRates.forEach((clients, rate) -> {
            String size = clients + (clients == 1 ? " client" : " clients");
            headlines.row("questionnaire walks (about 18 requests each)", size, rate, "per s");
            rows.stream()
                    .filter(row -> row.clients() == clients && row.page().equals("all requests"))
                    .forEach(row -> headlines
                            .row("page time to last byte, p95, all requests", size, row.p95(), "ms")
                            .row("page time to last byte, p99, all requests", size, row.p99(), "ms"));
        });
        rows.stream()
                .filter(row -> !row.page().equals("all requests"))
                .max(Comparator.comparingInt(Row::htmlBytes))
                .ifPresent(row -> headlines.row(
                        "heaviest page with its stylesheet (" + row.page() + ")",
                        "",
                        (row.htmlBytes() + cssBytes) / 1024.0,
                        "KB"));
        headlines.write();
    }

    private static void report(List<Row> rows, List<String> summaries, int cssBytes) throws IOException {
        StringBuilder markdown = new StringBuilder();
        markdown.append("| clients | page | requests | p50 ms | p95 ms | p99 ms | max ms | largest HTML KB |"
                + " with the stylesheet KB |\n");
        markdown.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %d | %.1f | %.1f | %.1f | %.1f | %s | %s |%n",
                    row.clients(),
                    row.page(),
                    row.requests(),
                    row.p50(),
                    row.p95(),
                    row.p99(),
                    row.max(),
                    kilobytes(row, 0),
                    kilobytes(row, cssBytes)));
        }
        String machine = BenchmarkApp.machine() + "; server and clients share one JVM";
        String json = JsonMapper.builder()
                .build()
                .writeValueAsString(
                        Map.of("stylesheetBytes", cssBytes, "rows", rows, "runs", summaries, "machine", machine));
        markdown.append('\n');
        summaries.forEach(summary -> markdown.append(summary).append(".\n"));
        markdown.append("\nMachine: ").append(machine).append('\n');
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("participant-pages.md"), markdown);
        Files.writeString(out.resolve("participant-pages.json"), json);
        System.out.println("\nParticipant pages benchmark\n\n" + markdown);
    }
}
