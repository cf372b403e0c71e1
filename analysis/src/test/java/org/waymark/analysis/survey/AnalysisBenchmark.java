package org.waymark.analysis.survey;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full analysis (every closed question by three breakdowns, with tests and disclosure control)
 * of synthetic datasets shaped like the CPA &amp; Recovery study, at 10,000, 100,000 and 1,000,000
 * respondents (or {@code -Dwaymark.benchmark.analysis-sizes}); and, when {@code Rscript} is installed, base R doing the same tables and tests on the
 * same data ({@code src/test/r/benchmark-analysis.R}). Prints figures and writes them to {@code
 * target/benchmarks/}; asserts nothing about speed. Run: {@code ./mvnw -Pbenchmark verify}.
 */
@Tag("benchmark")
class AnalysisBenchmark {

    /** Respondents, in turn; {@code -Dwaymark.benchmark.analysis-sizes=10000} for a quick look. */
    private static final int[] SIZES = Stream.of(
                    System.getProperty("waymark.benchmark.analysis-sizes", "10000,100000,1000000")
                            .split(","))
            .mapToInt(size -> Integer.parseInt(size.trim()))
            .toArray();

    private static final int WARM_UP = 10;
    private static final int REPETITIONS = 7;
    private static final int SINGLES = 25;
    private static final int SCALES = 12;
    private static final int MULTIS = 2;
    private static final int MULTI_OPTIONS = 12;
    private static final int[] GROUPS = {2, 4, 4};
    private static final String[] BREAKDOWNS = {"compulsory", "gender", "community"};
    /** How likely each group of a breakdown is; what is left over is "in no group". */
    private static final double[][] GROUP_WEIGHTS = {{0.55, 0.42}, {0.48, 0.46, 0.03, 0.01}, {0.5, 0.25, 0.14, 0.09}};

    private static final Path R_SCRIPT = Path.of("src", "test", "r", "benchmark-analysis.R");
    /** R runs at every size, each run stopped if it takes longer than this. */
    private static final long R_TIMEOUT_MINUTES = 10;

    record Result(
            int respondents,
            int tests,
            double medianMs,
            double minMs,
            long heapUsedMb,
            long datasetMb,
            Optional<Double> rSeconds,
            String rNote) {}

    @Test
    void fullAnalysis() throws Exception {
        Optional<String> r = rVersion();
        List<Result> results = new ArrayList<>();
        for (int size : SIZES) {
            results.add(measure(size, r.isPresent()));
        }
        report(results, r);
    }

    private static Result measure(int respondents, boolean withR) throws Exception {
        long before = heapUsed();
        Synthetic data = Synthetic.generate(respondents, 20_240_414L + respondents);
        Path csv = Path.of("target", "analysis-benchmark-" + respondents + ".csv");
        if (withR) {
            data.writeCsv(csv);
        }
        Dataset dataset = data.toDataset();
        data = null;
        long after = heapUsed();

        SurveyAnalysis analysis = SurveyAnalysis.withDefaults();
        int tests = 0;
        for (int i = 0; i < WARM_UP; i++) {
            tests = analysis.run(dataset).tests();
        }
        double[] times = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            SurveyReport report = analysis.run(dataset);
            times[i] = (System.nanoTime() - start) / 1e6;
            tests = report.tests();
        }
        Arrays.sort(times);
        System.out.printf(
                Locale.ROOT,
                "Java: %,d respondents, %d tests, median %.1f ms%n",
                respondents,
                tests,
                times[REPETITIONS / 2]);
        Optional<Double> rSeconds = Optional.empty();
        String rNote = withR ? "" : "Rscript not found";
        if (withR) {
            RRun run = runR(csv);
            rSeconds = run.seconds();
            rNote = run.note();
            Files.deleteIfExists(csv);
            System.out.printf(Locale.ROOT, "R: %,d respondents: %s%n", respondents, run.note());
        }
        // Keeps the dataset reachable until the heap has been read.
        if (dataset.respondents() != respondents) {
            throw new IllegalStateException("dataset has the wrong size");
        }
        return new Result(
                respondents,
                tests,
                times[REPETITIONS / 2],
                times[0],
                after >> 20,
                Math.max(0, after - before) >> 20,
                rSeconds,
                rNote);
    }

    /** Heap in use after a full collection: approximate, since System.gc() is only a request. */
    private static long heapUsed() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Optional<String> rVersion() throws InterruptedException {
        try {
            Process process = new ProcessBuilder("Rscript", "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0
                    ? Optional.of(out)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private record RRun(Optional<Double> seconds, String note) {}

    private static RRun runR(Path csv) throws IOException, InterruptedException {
        Path out = Path.of("target", "analysis-benchmark-r.out");
        Path err = Path.of("target", "analysis-benchmark-r.err");
        Process process = new ProcessBuilder("Rscript", R_SCRIPT.toString(), csv.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(R_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            process.waitFor();
            return new RRun(Optional.empty(), "stopped after " + R_TIMEOUT_MINUTES + " minutes");
        }
        if (process.exitValue() != 0) {
            return new RRun(
                    Optional.empty(), "R failed: " + Files.readString(err).strip());
        }
        Double seconds = null;
        String tests = "?";
        for (String line : Files.readAllLines(out)) {
            if (line.startsWith("R_ELAPSED_SECONDS=")) {
                seconds = Double.parseDouble(line.substring("R_ELAPSED_SECONDS=".length()));
            } else if (line.startsWith("R_TESTS=")) {
                tests = line.substring("R_TESTS=".length());
            }
        }
        return seconds == null
                ? new RRun(Optional.empty(), "R printed no time")
                : new RRun(Optional.of(seconds), String.format(Locale.ROOT, "%.3f s, %s tests", seconds, tests));
    }

    private static void report(List<Result> results, Optional<String> r) throws IOException {
        StringBuilder markdown = new StringBuilder();
        markdown.append("| respondents | tests | Java median ms | Java min ms | ms per 100k | heap in use MB (approx.)"
                + " | dataset MB (approx.) | base R s | R / Java |\n");
        markdown.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder json = new StringBuilder("{\"runs\": [");
        for (Result result : results) {
            double per100k = result.medianMs() * 100_000 / result.respondents();
            String rCell = result.rSeconds()
                    .map(s -> String.format(Locale.ROOT, "%.2f", s))
                    .orElse(result.rNote());
            String ratio = result.rSeconds()
                    .map(s -> String.format(Locale.ROOT, "%.0fx", s * 1000 / result.medianMs()))
                    .orElse("-");
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %,d | %d | %.1f | %.1f | %.1f | %d | %d | %s | %s |%n",
                    result.respondents(),
                    result.tests(),
                    result.medianMs(),
                    result.minMs(),
                    per100k,
                    result.heapUsedMb(),
                    result.datasetMb(),
                    rCell,
                    ratio));
            json.append(String.format(
                    Locale.ROOT,
                    "{\"respondents\": %d, \"tests\": %d, \"javaMedianMs\": %.2f, \"javaMinMs\": %.2f,"
                            + " \"msPer100k\": %.2f, \"heapUsedMb\": %d, \"datasetMb\": %d, \"rSeconds\": %s,"
                            + " \"rNote\": \"%s\"},",
                    result.respondents(),
                    result.tests(),
                    result.medianMs(),
                    result.minMs(),
                    per100k,
                    result.heapUsedMb(),
                    result.datasetMb(),
                    result.rSeconds().map(String::valueOf).orElse("null"),
                    result.rNote().replace("\\", "\\\\").replace("\"", "'").replace('\n', ' ')));
        }
        String rLine = r.map(v -> "base R: " + v.lines().findFirst().orElse(v))
                .orElse("base R: Rscript is not on the PATH, so the R part was skipped");
        String machine = String.format(
                Locale.ROOT,
                "%d cores, Java %s, %s %s, max heap %d MB",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() >> 20);
        markdown.append("\nJava: median of ")
                .append(REPETITIONS)
                .append(" runs of SurveyAnalysis.withDefaults().run(dataset) after ")
                .append(WARM_UP)
                .append(" warm-up runs. Heap: in use after System.gc() with the dataset held (approximate).\n")
                .append(rLine)
                .append(" (elapsed time of the analysis only, read.csv excluded; each run stopped after ")
                .append(R_TIMEOUT_MINUTES)
                .append(" minutes).\nMachine: ")
                .append(machine)
                .append('\n');
        json.setLength(json.length() - 1);
        json.append("], \"r\": \"")
                .append(rLine.replace("\"", "'"))
                .append("\", \"machine\": \"")
                .append(machine)
                .append("\"}\n");
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("analysis.md"), markdown);
        Files.writeString(out.resolve("analysis.json"), json);
        BenchmarkHeadlines.analysis(results, r);
        System.out.println("\nAnalysis benchmark\n\n" + markdown);
    }

    /**
     * Raw coded answers, as the CSV for R holds them: see {@code benchmark-analysis.R} for the
     * codes. Answers lean a little on the groups, so that tests have something to find.
     */
    private record Synthetic(int respondents, int[][] singles, int[][] scales, long[][] multis, int[][] groups) {

        static Synthetic generate(int respondents, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int[][] groups = new int[GROUPS.length][respondents];
            int[][] singles = new int[SINGLES][respondents];
            int[][] scales = new int[SCALES][respondents];
            long[][] multis = new long[MULTIS][respondents];
            for (int r = 0; r < respondents; r++) {
                for (int b = 0; b < GROUPS.length; b++) {
                    groups[b][r] = group(random, GROUP_WEIGHTS[b]);
                }
                int lean = groups[0][r] + groups[2][r];
                for (int q = 0; q < SINGLES; q++) {
                    double u = random.nextDouble();
                    if (u < 0.04) {
                        singles[q][r] = 0;
                    } else if (q % 5 == 0 && u < 0.06) {
                        singles[q][r] = 3 + 2;
                    } else {
                        int code = 1 + random.nextInt(3);
                        singles[q][r] = q % 2 == 0 && random.nextInt(20) < lean ? 1 : code;
                    }
                }
                for (int q = 0; q < SCALES; q++) {
                    double u = random.nextDouble();
                    if (u < 0.03) {
                        scales[q][r] = 0;
                    } else if (u < 0.11) {
                        scales[q][r] = 4 + 1;
                    } else {
                        int code = 1 + random.nextInt(4);
                        scales[q][r] = q % 3 == 0 && random.nextInt(10) < lean ? Math.min(4, code + 1) : code;
                    }
                }
                for (int q = 0; q < MULTIS; q++) {
                    double u = random.nextDouble();
                    if (u < 0.05) {
                        multis[q][r] = 0;
                    } else if (u < 0.07) {
                        multis[q][r] = 1L << MULTI_OPTIONS;
                    } else {
                        long chosen = 0;
                        int ticks = 1 + random.nextInt(3);
                        for (int t = 0; t < ticks; t++) {
                            chosen |= 1L << Math.min(MULTI_OPTIONS - 1, random.nextInt(MULTI_OPTIONS) + lean / 4);
                        }
                        multis[q][r] = chosen;
                    }
                }
            }
            return new Synthetic(respondents, singles, scales, multis, groups);
        }

        private static int group(SplittableRandom random, double[] weights) {
            double u = random.nextDouble();
            for (int g = 0; g < weights.length; g++) {
                u -= weights[g];
                if (u < 0) {
                    return g + 1;
                }
            }
            return 0;
        }

        private static List<Option> options(String prefix, int count) {
            List<Option> options = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                options.add(Option.of(prefix + i, prefix + " " + i));
            }
            return options;
        }

        Dataset toDataset() {
            Option notApplicable = Option.of("na", "Not applicable");
            Option preferNotToSay = Option.of("pnts", "Prefer not to say");
            List<Question> questions = new ArrayList<>();
            for (int q = 0; q < SINGLES; q++) {
                Question single = Question.single("single_" + q, "Single " + q, options("o", 3));
                questions.add(q % 5 == 0 ? single.withPreferNotToSay(preferNotToSay) : single);
            }
            for (int q = 0; q < SCALES; q++) {
                questions.add(Question.scale("scale_" + q, "Scale " + q, options("s", 4))
                        .withNotApplicable(notApplicable));
            }
            for (int q = 0; q < MULTIS; q++) {
                questions.add(Question.multi("multi_" + q, "Multi " + q, options("m", MULTI_OPTIONS))
                        .withNotApplicable(notApplicable));
            }
            List<Breakdown> breakdowns = new ArrayList<>();
            for (int b = 0; b < GROUPS.length; b++) {
                breakdowns.add(Breakdown.of(BREAKDOWNS[b], BREAKDOWNS[b], options("g", GROUPS[b])));
            }
            Dataset.Builder builder = Dataset.builder(respondents, questions, breakdowns);
            String[] singleCodes = {null, "o1", "o2", "o3", null, "pnts"};
            String[] scaleCodes = {null, "s1", "s2", "s3", "s4", "na"};
            String[] multiCodes = new String[MULTI_OPTIONS + 1];
            for (int j = 0; j < MULTI_OPTIONS; j++) {
                multiCodes[j] = "m" + (j + 1);
            }
            multiCodes[MULTI_OPTIONS] = "na";
            String[] groupCodes = {null, "g1", "g2", "g3", "g4"};
            for (int r = 0; r < respondents; r++) {
                for (int b = 0; b < GROUPS.length; b++) {
                    if (groups[b][r] != 0) {
                        builder.group(r, BREAKDOWNS[b], groupCodes[groups[b][r]]);
                    }
                }
                for (int q = 0; q < SINGLES; q++) {
                    if (singles[q][r] != 0) {
                        builder.answer(r, "single_" + q, singleCodes[singles[q][r]]);
                    }
                }
                for (int q = 0; q < SCALES; q++) {
                    if (scales[q][r] != 0) {
                        builder.answer(r, "scale_" + q, scaleCodes[scales[q][r]]);
                    }
                }
                for (int q = 0; q < MULTIS; q++) {
                    for (long bits = multis[q][r]; bits != 0; bits &= bits - 1) {
                        builder.answer(r, "multi_" + q, multiCodes[Long.numberOfTrailingZeros(bits)]);
                    }
                }
            }
            return builder.build();
        }

        void writeCsv(Path csv) throws IOException {
            Files.createDirectories(csv.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(csv)) {
                List<String> header = new ArrayList<>();
                for (int q = 0; q < SINGLES; q++) {
                    header.add("single_3_q" + q);
                }
                for (int q = 0; q < SCALES; q++) {
                    header.add("scale_4_q" + q);
                }
                for (int q = 0; q < MULTIS; q++) {
                    header.add("multi_" + MULTI_OPTIONS + "_q" + q);
                }
                for (int b = 0; b < GROUPS.length; b++) {
                    header.add("group_" + GROUPS[b] + "_" + BREAKDOWNS[b]);
                }
                out.write(String.join(",", header));
                out.newLine();
                StringBuilder line = new StringBuilder();
                for (int r = 0; r < respondents; r++) {
                    line.setLength(0);
                    for (int[] column : singles) {
                        line.append(column[r]).append(',');
                    }
                    for (int[] column : scales) {
                        line.append(column[r]).append(',');
                    }
                    for (long[] column : multis) {
                        line.append(column[r]).append(',');
                    }
                    for (int[] column : groups) {
                        line.append(column[r]).append(',');
                    }
                    line.setLength(line.length() - 1);
                    out.write(line.toString());
                    out.newLine();
                }
            }
        }
    }
}
