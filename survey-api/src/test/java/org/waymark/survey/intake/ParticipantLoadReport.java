package org.waymark.survey.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.waymark.survey.BenchmarkApp;
import org.waymark.survey.Headlines;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load test's figures as Markdown and JSON under {@code target/benchmarks/}, where the load broke
 * and what limited it, in plain words.
 */
record ParticipantLoadReport(List<ParticipantLoadBenchmark.Result> results, double p99LimitMs, int cap, int cores) {

    /** A share of the machine at or above which the CPU counts as saturated (the rest is scheduling). */
    private static final double SATURATED = 0.85;

    void write() throws IOException {
        StringBuilder md = new StringBuilder(
                "| participants at once | journeys | requests | journeys per s | requests per s | p50 ms | p95 ms"
                        + " | p99 ms | max ms | submit p99 ms | errors | CPU ms per journey: Waymark JVM | MariaDB"
                        + " | participants' JVM | machine busy | row-lock waits | row-lock ms"
                        + " | MariaDB threads running, mean (max) | waiting for a DB connection, mean (max) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ParticipantLoadBenchmark.Result r : results) {
            JsonNode all = r.clientFigures().get("all");
            LoadProbe.Step s = r.server();
            int journeys = Math.max(1, r.journeys());
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %.0f | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %.1f | %.1f | %.1f"
                            + " | %.0f%% | %d | %d | %.1f (%d) | %.1f (%d); pool of %d |%n",
                    r.clients(),
                    r.journeys(),
                    all.get("count").asDouble(),
                    r.journeys() / r.seconds(),
                    all.get("count").asDouble() / r.seconds(),
                    all.get("p50").asDouble(),
                    all.get("p95").asDouble(),
                    all.get("p99").asDouble(),
                    all.get("max").asDouble(),
                    r.clientFigures()
                            .get("byKind")
                            .get("submit (POST)")
                            .get("p99")
                            .asDouble(),
                    r.errors(),
                    s.waymarkCpuMs() / journeys,
                    s.mariaDbCpuMs() / journeys,
                    r.clientFigures().get("clientCpuMs").asDouble() / journeys,
                    100 * s.machineBusy(),
                    s.rowLockWaits(),
                    s.rowLockTimeMs(),
                    s.threadsRunningMean(),
                    s.threadsRunningMax(),
                    s.poolWaitingMean(),
                    s.poolWaitingMax(),
                    s.poolSize()));
        }
        md.append('\n').append(outcome()).append('\n');
        md.append("\nWhat limits it: ").append(limit(results.getLast())).append('\n');
        String machine = BenchmarkApp.machine()
                + "; the simulated participants run in a Java process of their own, on the same machine";
        md.append("\nEach journey: save a draft with consent and the first section, PATCH each further section,"
                        + " every third participant resumes half-way by the resume code (GET), then submit."
                        + " Latencies are per request, timed by the client to the last byte over loopback.\n"
                        + "Machine: ")
                .append(machine)
                .append('\n');
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        for (ParticipantLoadBenchmark.Result r : results) {
            steps.add(Map.of("clients", r.clients(), "client", r.clientFigures(), "server", r.server()));
        }
        json.put("steps", steps);
        json.put("outcome", outcome());
        json.put("limit", limit(results.getLast()));
        json.put("machine", machine);
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("participant-load.md"), md);
        Files.writeString(
                out.resolve("participant-load.json"),
                JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("\nParticipant load test\n\n" + md);
    }

    void headlines(Headlines headlines) throws IOException {
        for (ParticipantLoadBenchmark.Result r : results) {
            String size = r.clients() + (r.clients() == 1 ? " participant" : " participants") + " at once";
            headlines.row(
                    "completed questionnaires (draft, sections, submit)", size, r.journeys() / r.seconds(), "per s");
            headlines.row("request p99", size, r.p99(), "ms");
        }
        headlines.note(outcome());
        headlines.note("What limits it: " + limit(results.getLast()));
        headlines.write();
    }

    /** Where the load broke, or that it did not by the last step. */
    String outcome() {
        ParticipantLoadBenchmark.Result last = results.getLast();
        if (last.errors() > 0) {
            return String.format(
                    Locale.ROOT,
                    "Errors appeared at %d participants at once: %s.",
                    last.clients(),
                    last.clientFigures().get("errors"));
        }
        if (last.p99() > p99LimitMs) {
            return String.format(
                    Locale.ROOT,
                    "The p99 passed %.0f ms at %d participants at once (%.1f ms), with no errors.",
                    p99LimitMs,
                    last.clients(),
                    last.p99());
        }
        return String.format(
                Locale.ROOT,
                "Neither a p99 over %.0f ms nor an error by the last step, %d participants at once (p99 %.1f ms).",
                p99LimitMs,
                cap,
                last.p99());
    }

    /**
     * A plain statement of what limited the step: the measures, then the one that stands out. CPU
     * comes first because, with every core busy, waits of every other kind grow as well.
     */
    String limit(ParticipantLoadBenchmark.Result step) {
        LoadProbe.Step s = step.server();
        double available = s.seconds() * 1000 * cores;
        String measures = String.format(
                Locale.ROOT,
                "the machine's %d cores were %.0f%% busy (Waymark's JVM %.0f%%, MariaDB %.0f%%, the simulated"
                        + " participants %.0f%%; the rest is other work on the machine); on average %.1f requests"
                        + " (at most %d) waited for one of the %d database connections; MariaDB ran %.1f threads"
                        + " on average (at most %d) and had %d row-lock waits, %d ms in all.",
                cores,
                100 * s.machineBusy(),
                100 * s.waymarkCpuMs() / available,
                100 * s.mariaDbCpuMs() / available,
                100 * step.clientFigures().get("clientCpuMs").asDouble() / available,
                s.poolWaitingMean(),
                s.poolWaitingMax(),
                s.poolSize(),
                s.threadsRunningMean(),
                s.threadsRunningMax(),
                s.rowLockWaits(),
                s.rowLockTimeMs());
        String verdict;
        if (s.machineBusy() >= SATURATED) {
            verdict = "CPU: the cores were saturated, so requests queued for processor time"
                    + (s.poolWaitingMean() >= 1
                            ? "; requests queued for a database connection as well, each connection being held"
                                    + " longer while the cores were busy."
                            : ".");
        } else if (s.poolWaitingMean() >= 1) {
            verdict = "the database connections: requests queued for a connection while the cores had time to spare.";
        } else if (s.rowLockTimeMs() >= 0.1 * s.seconds() * 1000 * step.clients()) {
            verdict = "row locks in MariaDB: a tenth or more of the participants' time went on waiting for them.";
        } else {
            verdict = "none of CPU, connections or row locks stands out by these measures; the latency is each"
                    + " request's own work queued behind the others'.";
        }
        return "at " + step.clients() + " participants at once, " + measures + " The limit: " + verdict;
    }
}
