package org.waymark.survey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The combined results of a benchmark run: after every benchmark of the run, merges their headline
 * figures ({@link Headlines}, from every module's {@code target/benchmarks/headlines/}) into one
 * table that names the machine, written to {@code target/benchmarks/results.md} and {@code .json} at
 * the top of the checkout. Run by a surefire execution of its own in the benchmark profile of
 * survey-api, the last module built, so it comes after the benchmarks of every module whatever
 * {@code -Dtest} says; its name matches no test pattern, so no other run picks it up. Benchmarks that
 * did not run this time (say with {@code -Dtest=IntakeBenchmark}) are listed apart, with the time
 * their figures were written. Asserts nothing about speed.
 */
@Tag("benchmark")
class BenchmarkResults {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One benchmark's headline file. */
    private record Benchmark(String name, Instant written, Path details, List<String[]> lines) {
        List<String[]> of(String kind) {
            return lines.stream().filter(line -> line[0].equals(kind)).toList();
        }
    }

    /** One row of the combined table. */
    private record Row(
            String benchmark,
            String measure,
            String size,
            Double value,
            String unit,
            String comparedWith,
            Double theirs,
            Double ratio,
            String ratioIs) {}

    @Test
    void combine() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("waymark.benchmark.root", ".."))
                .toAbsolutePath()
                .normalize();
        Instant runStart = runStart();
        List<Benchmark> current = new ArrayList<>();
        List<Benchmark> earlier = new ArrayList<>();
        for (Benchmark benchmark : read(root)) {
            (benchmark.written().isBefore(runStart) ? earlier : current).add(benchmark);
        }
        Map<String, String> machine = machine(root);
        current.forEach(benchmark ->
                benchmark.of("env").forEach(env -> machine.putIfAbsent(env[1], env.length > 2 ? env[2] : "")));
        List<Row> rows = new ArrayList<>();
        for (Benchmark benchmark : current) {
            for (String[] line : benchmark.of("row")) {
                rows.add(new Row(
                        benchmark.name(),
                        line[1],
                        line[2],
                        number(line[3]),
                        line[4],
                        line[5],
                        number(line[6]),
                        number(line[7]),
                        line.length > 8 ? line[8] : ""));
            }
        }
        String markdown = markdown(machine, current, earlier, rows, root);
        Path out = Files.createDirectories(root.resolve("target").resolve("benchmarks"));
        Files.writeString(out.resolve("results.md"), markdown);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("rows", rows);
        json.put(
                "notes",
                current.stream()
                        .flatMap(b -> b.of("note").stream().map(note -> Map.of("benchmark", b.name(), "note", note[1])))
                        .toList());
        json.put(
                "notInThisRun",
                earlier.stream()
                        .map(b -> Map.of(
                                "benchmark", b.name(), "written", b.written().toString()))
                        .toList());
        Files.writeString(
                out.resolve("results.json"),
                JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("\nCombined benchmark results (" + out.resolve("results.md") + ")\n\n" + markdown);
    }

    /** Maven's start time, passed by the profile; without it every headline file counts as this run's. */
    private static Instant runStart() {
        String start = System.getProperty("waymark.benchmark.run-start", "");
        return start.isBlank() || start.startsWith("$") ? Instant.EPOCH : Instant.parse(start);
    }

    private static List<Benchmark> read(Path root) throws IOException {
        List<Benchmark> benchmarks = new ArrayList<>();
        List<Path> folders;
        try (Stream<Path> modules = Files.list(root)) {
            folders = modules.map(module -> module.resolve("target").resolve("benchmarks"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .toList();
        }
        for (Path folder : folders) {
            Path headlines = folder.resolve("headlines");
            if (!Files.isDirectory(headlines)) {
                continue;
            }
            try (Stream<Path> files = Files.list(headlines)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".tsv"))
                        .sorted()
                        .toList()) {
                    List<String[]> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(line -> !line.isBlank())
                            .map(line -> line.split("\t", -1))
                            .toList();
                    Instant written = lines.stream()
                            .filter(line -> line[0].equals("written"))
                            .map(line -> Instant.parse(line[1]))
                            .findFirst()
                            .orElse(Instant.EPOCH);
                    String name = file.getFileName().toString().replaceFirst("\\.tsv$", "");
                    benchmarks.add(new Benchmark(name, written, folder.resolve(name + ".md"), lines));
                }
            }
        }
        return benchmarks;
    }

    /** What the figures were measured on, from Linux's {@code /proc} and {@code /etc/os-release} where present. */
    private static Map<String, String> machine(Path root) throws IOException, InterruptedException {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("date", MINUTE.format(Instant.now().truncatedTo(ChronoUnit.MINUTES)));
        machine.put("commit", git(root));
        machine.put("CPU", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")));
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put(
                "memory",
                firstValue(Path.of("/proc/meminfo"), "MemTotal")
                        .map(kb -> String.format(
                                Locale.ROOT, "%.1f GiB", Long.parseLong(kb.replaceAll("\\D", "")) / 1048576.0))
                        .orElse("unknown"));
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        machine.put(
                "OS",
                firstValue(Path.of("/etc/os-release"), "PRETTY_NAME")
                        .map(name -> name.replace("\"", "") + " (" + os + ")")
                        .orElse(os));
        machine.put(
                "Java",
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", max heap "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MB)");
        return machine;
    }

    /** The value of the first {@code key: value} or {@code key=value} line of a file. */
    private static Optional<String> firstValue(Path file, String key) throws IOException {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        return Files.readAllLines(file).stream()
                .filter(line -> line.startsWith(key))
                .map(line -> line.substring(key.length())
                        .replaceFirst("^\\s*[:=]\\s*", "")
                        .strip())
                .findFirst();
    }

    /** The commit checked out, and whether files differ from it; "unknown" without git. */
    private static String git(Path root) throws InterruptedException {
        try {
            String commit = run(root, "git", "rev-parse", "--short=12", "HEAD");
            if (commit.isEmpty()) {
                return "unknown";
            }
            return run(root, "git", "status", "--porcelain").isEmpty() ? commit : commit + " with uncommitted changes";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0 ? out : "";
    }

    private static String markdown(
            Map<String, String> machine, List<Benchmark> current, List<Benchmark> earlier, List<Row> rows, Path root) {
        StringBuilder md = new StringBuilder("# Waymark benchmark results\n\n");
        machine.forEach((name, value) ->
                md.append("- ").append(name).append(": ").append(value).append('\n'));
        md.append("\n| benchmark | measure | size | Waymark | unit | compared with, same run | their figure"
                + " | ratio | ratio is |\n");
        md.append("|---|---|---|---:|---|---|---:|---:|---|\n");
        for (Row row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    row.benchmark(),
                    row.measure(),
                    row.size(),
                    figure(row.value()),
                    row.unit(),
                    row.comparedWith(),
                    figure(row.theirs()),
                    row.ratio() == null ? "" : figure(row.ratio()),
                    row.ratioIs()));
        }
        for (Benchmark benchmark : current) {
            for (String[] note : benchmark.of("note")) {
                md.append('\n')
                        .append(benchmark.name())
                        .append(": ")
                        .append(note[1])
                        .append('\n');
            }
        }
        md.append("\nEach benchmark's full tables: ");
        md.append(String.join(
                ", ",
                current.stream()
                        .map(b -> "`" + root.relativize(b.details()) + "`")
                        .toList()));
        md.append(".\n");
        if (!earlier.isEmpty()) {
            md.append("\nNot run this time (their figures, from earlier runs, are left out): ");
            md.append(String.join(
                    ", ",
                    earlier.stream()
                            .map(b -> b.name() + " (" + MINUTE.format(b.written()) + ")")
                            .toList()));
            md.append(".\n");
        }
        return md.toString();
    }

    private static Double number(String field) {
        return field == null || field.isBlank() ? null : Double.valueOf(field);
    }

    /** Three significant figures at most, with thousands separated; blank where there is none. */
    static String figure(Double value) {
        if (value == null) {
            return "";
        }
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
