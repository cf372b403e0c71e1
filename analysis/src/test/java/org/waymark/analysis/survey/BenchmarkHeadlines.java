package org.waymark.analysis.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * This module's benchmark headline figures, for the combined results table that survey-api's {@code
 * BenchmarkResults} makes after a run. The format (tab-separated lines under {@code
 * target/benchmarks/headlines/}) is documented on survey-api's {@code Headlines}, which writes the
 * same: this module cannot depend on survey-api, and the format is small enough to write twice.
 */
final class BenchmarkHeadlines {

    private final String benchmark;
    private final List<String> lines = new ArrayList<>();

    BenchmarkHeadlines(String benchmark) {
        this.benchmark = benchmark;
    }

    BenchmarkHeadlines env(String name, String value) {
        return line("env", name, value);
    }

    BenchmarkHeadlines row(String measure, String size, double value, String unit) {
        return line("row", measure, size, number(value), unit, "", "", "", "");
    }

    BenchmarkHeadlines compared(
            String measure,
            String size,
            double value,
            String unit,
            String comparedWith,
            double theirs,
            double ratio,
            String ratioIs) {
        return line("row", measure, size, number(value), unit, comparedWith, number(theirs), number(ratio), ratioIs);
    }

    BenchmarkHeadlines note(String text) {
        return line("note", text);
    }

    /** {@link AnalysisBenchmark}'s figures beside base R's, per size. */
    static void analysis(List<AnalysisBenchmark.Result> results, Optional<String> r) throws IOException {
        BenchmarkHeadlines headlines = new BenchmarkHeadlines("analysis");
        r.ifPresent(version -> headlines.env("R", version.lines().findFirst().orElse(version)));
        for (AnalysisBenchmark.Result result : results) {
            String size = String.format(Locale.ROOT, "%,d respondents", result.respondents());
            if (result.rSeconds().isPresent()) {
                double rMs = result.rSeconds().get() * 1000;
                headlines.compared(
                        "full analysis (library), median",
                        size,
                        result.medianMs(),
                        "ms",
                        "base R, same tables and tests",
                        rMs,
                        rMs / result.medianMs(),
                        "R time / Waymark time");
            } else {
                headlines.row("full analysis (library), median", size, result.medianMs(), "ms");
                headlines.note(size + ": base R not measured (" + result.rNote() + ").");
            }
            headlines.row("heap in use with the dataset (approx.)", size, result.heapUsedMb(), "MB");
        }
        headlines.write();
    }

    void write() throws IOException {
        List<String> all = new ArrayList<>();
        all.add("written\t" + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        all.addAll(lines);
        Path folder = Files.createDirectories(Path.of("target", "benchmarks", "headlines"));
        Files.write(folder.resolve(benchmark + ".tsv"), all);
    }

    private BenchmarkHeadlines line(String kind, String... fields) {
        StringBuilder line = new StringBuilder(kind);
        for (String field : fields) {
            line.append('\t').append(field.replaceAll("[\\t\\r\\n]+", " "));
        }
        lines.add(line.toString());
        return this;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }
}
