package org.waymark.survey.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import tools.jackson.databind.JsonNode;

/**
 * Runs the exported SPSS syntax of the demo study (synthetic) in GNU PSPP, on the exported CSV saved
 * under the name the syntax reads, in batch mode and in interactive mode (SPSS's "Run All"), and
 * checks PSPP's own description of the data against Waymark's: the variables in the CSV's order, each
 * with the codebook's label; value labels numbered as docs/exports.md says (options 1, 2, ... in the
 * codebook's order, 0/1 for option columns, -99 to -96 for the missing kinds) and declared missing;
 * and PSPP's FREQUENCIES counts per code equal to the CSV's cells and to the analysis API (internal
 * profile, so nothing is rounded or hidden).
 *
 * <p>PSPP must be installed ({@code apt-get install pspp}; CI's {@code .ci/run} installs it). Without it
 * this test fails, unless {@code -Dwaymark.allowMissingPspp=true} says to skip it knowingly;
 * {@code -Dwaymark.pspp=/path/to/pspp} picks another PSPP.
 */
@WaymarkIntegrationTest
class PsppSyntaxTests {

    private static final Pattern FILE = Pattern.compile("/FILE='([^']+)'");
    private static final Pattern FOOTNOTE_MARK = Pattern.compile("\\[[a-z]]$");
    private static final String SYSTEM_MISSING = ".";
    private static final long TIMEOUT_SECONDS = 120;

    /** The missing-value codes and labels docs/exports.md promises for every question column. */
    private static final Map<String, String> MISSING_LABELS =
            Map.of("-99", "No answer", "-98", "Not shown", "-97", "Prefer not to say", "-96", "Not applicable");

    @LocalServerPort
    int port;

    @TempDir
    Path directory;

    @Test
    void psppReadsTheExportWithWaymarksLabelsMissingValuesAndCounts() throws Exception {
        String pspp = System.getProperty("waymark.pspp", "pspp");
        requirePspp(pspp);
        String api = "/api/studies/" + DemoStudy.ID;
        byte[] csvBytes = ExportTestSupport.download(port, api + "/export.csv").body();
        String sps =
                new String(ExportTestSupport.download(port, api + "/export.sps").body(), StandardCharsets.UTF_8);
        Matcher file = FILE.matcher(sps);
        assertThat(file.find()).as("the syntax names the CSV it reads").isTrue();
        // Saved under the name the syntax reads, in PSPP's working directory, the syntax runs unchanged.
        Files.write(directory.resolve(file.group(1)), csvBytes);
        Files.writeString(directory.resolve("export.sps"), sps);
        var csv = ExportTestSupport.parse(new String(csvBytes, StandardCharsets.UTF_8));
        Map<String, List<CSVRecord>> codebook = codebook(new String(
                ExportTestSupport.download(port, api + "/codebook.csv").body(), StandardCharsets.UTF_8));
        List<String> coded = csv.header().stream()
                .filter(column -> isCoded(type(codebook, column)))
                .toList();
        Files.writeString(directory.resolve("settings.sps"), "SET TVARS=NAMES TNUMBERS=VALUES.\n");
        Files.writeString(
                directory.resolve("checks.sps"),
                "DISPLAY DICTIONARY.\nFREQUENCIES VARIABLES=" + SpssSyntax.wrapped(coded) + ".\n");

        Map<String, List<List<String>>> tables = runPspp(pspp, "--batch");
        assertThat(runPspp(pspp, "--interactive"))
                .as("the syntax gives the same in interactive mode, as SPSS's Run All reads it")
                .isEqualTo(tables);

        List<List<String>> variables = tables.get("Variables");
        assertThat(variables.getFirst()).startsWith("Name", "Position", "Label", "Measurement Level");
        Map<String, List<String>> byName = new LinkedHashMap<>();
        variables.stream().skip(1).forEach(row -> byName.put(row.get(0), row));
        assertThat(byName.keySet())
                .as("one variable per CSV column, in the CSV's order (the demo has no column SPSS must rename)")
                .containsExactlyElementsOf(csv.header());
        int missingColumn = variables.getFirst().indexOf("Missing Values");
        int formatColumn = variables.getFirst().indexOf("Print Format");
        Map<String, Map<String, String>> valueLabels = valueLabels(tables.get("Value Labels"));
        for (String column : csv.header()) {
            String type = type(codebook, column);
            List<String> row = byName.get(column);
            if (!type.equals("id") && !type.equals("consent")) {
                assertThat(row.get(2))
                        .as(column + ": PSPP's variable label is the codebook's")
                        .isEqualTo(codebook.get(column).getFirst().get("label"));
            }
            if (!isCoded(type)) {
                assertThat(row.get(formatColumn)).as(column + " stays text").startsWith("A");
                assertThat(valueLabels).doesNotContainKey(column);
                continue;
            }
            assertThat(row.get(3))
                    .as(column + " measurement level")
                    .isEqualTo(type.equals("scale") ? "Ordinal" : "Nominal");
            assertThat(row.get(missingColumn))
                    .as(column + " declared missing values")
                    .isEqualTo(isGrouping(type) ? "" : "-99 THRU -96");
            Map<String, String> expectedLabels = new TreeMap<>();
            realCodes(codebook.get(column), type)
                    .forEach((value, code) -> expectedLabels.put(code, label(codebook.get(column), value)));
            if (!isGrouping(type)) {
                expectedLabels.putAll(MISSING_LABELS);
            }
            assertThat(valueLabels.get(column)).as(column + " value labels").isEqualTo(expectedLabels);
        }

        JsonNode analysis = ExportTestSupport.researcher(port, DemoStudy.ID)
                .get(api + "/analysis?disclosure=internal")
                .json();
        Map<String, JsonNode> overall = new LinkedHashMap<>();
        analysis.get("questions")
                .forEach(question -> overall.put(question.get("question").asString(), question.get("overall")));
        long responses = analysis.get("responses").asLong();
        int compared = 0;
        for (String column : coded) {
            String type = type(codebook, column);
            Map<String, Long> counts = frequencies(tables.get(column));
            assertThat(counts)
                    .as(column + ": PSPP's count per code equals the CSV's cells, coded as docs/exports.md says")
                    .isEqualTo(expectedCounts(csv.column(column), codebook.get(column), type));
            assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
                    .as(column + ": every response is a case")
                    .isEqualTo(responses);
            if (isGrouping(type)) {
                continue;
            }
            if (type.startsWith("option")) {
                String question = column.substring(0, column.indexOf('.'));
                String option = column.substring(column.indexOf('.') + 1);
                assertThat(counts.getOrDefault("1", 0L))
                        .as(column + " chosen, as the analysis counts it")
                        .isEqualTo(category(overall.get(question), option)
                                .get("count")
                                .asLong());
                assertThat(counts.getOrDefault("0", 0L) + counts.getOrDefault("1", 0L))
                        .as(column + ": the valid cases are the question's base")
                        .isEqualTo(overall.get(question).get("base").asLong());
                compared++;
                continue;
            }
            JsonNode figures = overall.get(column);
            Map<String, String> codes = realCodes(codebook.get(column), type);
            long valid = 0;
            for (JsonNode category : figures.get("categories")) {
                long count = counts.getOrDefault(codes.get(category.get("code").asString()), 0L);
                assertThat(count)
                        .as(column + " " + category.get("code").asString())
                        .isEqualTo(category.get("count").asLong());
                valid += count;
                compared++;
            }
            assertThat(valid).as(column + " base").isEqualTo(figures.get("base").asLong());
            assertThat(counts.getOrDefault("-97", 0L))
                    .as(column + " prefer not to say")
                    .isEqualTo(figures.get("preferNotToSay").asLong());
            assertThat(counts.getOrDefault("-96", 0L))
                    .as(column + " not applicable")
                    .isEqualTo(figures.get("notApplicable").asLong());
        }
        // The demo's codebook has 188 options of single and scale questions and 29 option columns.
        assertThat(compared)
                .as("every option of every closed question was compared with the analysis")
                .isEqualTo(188 + 29);
    }

    private static boolean isCoded(String type) {
        return type.equals("single") || type.equals("scale") || type.startsWith("option") || isGrouping(type);
    }

    private static boolean isGrouping(String type) {
        return type.startsWith("grouping");
    }

    private static String type(Map<String, List<CSVRecord>> codebook, String column) {
        assertThat(codebook).as(column + " is in the codebook").containsKey(column);
        return codebook.get(column).getFirst().get("type");
    }

    /**
     * The number each real value of a column becomes, as docs/exports.md says: an option column's 0 and
     * 1 stay themselves; other values are numbered 1, 2, ... in the codebook's order.
     */
    private static Map<String, String> realCodes(List<CSVRecord> rows, String type) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (CSVRecord row : rows) {
            if (!row.get("value").isEmpty() && row.get("missing").isEmpty()) {
                codes.put(
                        row.get("value"),
                        type.startsWith("option") ? row.get("value") : String.valueOf(codes.size() + 1));
            }
        }
        return codes;
    }

    private static String label(List<CSVRecord> rows, String value) {
        return rows.stream()
                .filter(row -> row.get("value").equals(value))
                .findFirst()
                .orElseThrow()
                .get("value_label");
    }

    /** What PSPP should count for each code, worked out from the CSV's cells. */
    private static Map<String, Long> expectedCounts(List<String> cells, List<CSVRecord> rows, String type) {
        Map<String, String> codes = realCodes(rows, type);
        Map<String, Long> counts = new TreeMap<>();
        for (String cell : cells) {
            String code;
            if (cell.isEmpty()) {
                code = isGrouping(type) ? SYSTEM_MISSING : "-99";
            } else if (cell.equals("NOT_SHOWN")) {
                code = "-98";
            } else if (cell.equals("prefer_not_to_say")) {
                code = "-97";
            } else if (rows.stream()
                    .anyMatch(row ->
                            row.get("value").equals(cell) && row.get("missing").equals("not applicable"))) {
                code = "-96";
            } else {
                code = codes.get(cell);
                assertThat(code).as("'" + cell + "' is a value of the codebook").isNotNull();
            }
            counts.merge(code, 1L, Long::sum);
        }
        return counts;
    }

    private static JsonNode category(JsonNode overall, String code) {
        for (JsonNode category : overall.get("categories")) {
            if (category.get("code").asString().equals(code)) {
                return category;
            }
        }
        throw new AssertionError("the analysis has no option " + code);
    }

    /** A FREQUENCIES table as count per code (system-missing is "."), without the total. */
    private static Map<String, Long> frequencies(List<List<String>> table) {
        assertThat(table).as("PSPP printed the frequencies").isNotNull();
        assertThat(table.getFirst()).contains("Frequency");
        Map<String, Long> counts = new TreeMap<>();
        for (List<String> row : table.subList(1, table.size())) {
            if (!row.getFirst().equals("Total")) {
                counts.put(row.get(1), Long.parseLong(row.get(2)));
            }
        }
        return counts;
    }

    /** The "Value Labels" table of DISPLAY DICTIONARY, as value to label for each variable. */
    private static Map<String, Map<String, String>> valueLabels(List<List<String>> table) {
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        String variable = null;
        for (List<String> row : table.subList(1, table.size())) {
            if (row.getFirst().startsWith("Footnote:")) {
                continue;
            }
            if (!row.getFirst().isEmpty()) {
                variable = row.getFirst();
            }
            // PSPP marks a user-missing value with a footnote letter: -99[a].
            labels.computeIfAbsent(variable, v -> new TreeMap<>())
                    .put(FOOTNOTE_MARK.matcher(row.get(1)).replaceAll(""), row.get(2));
        }
        return labels;
    }

    private static Map<String, List<CSVRecord>> codebook(String body) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        Map<String, List<CSVRecord>> rows = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body.substring(1)), format)) {
            for (CSVRecord record : parser) {
                rows.computeIfAbsent(record.get("variable"), v -> new ArrayList<>())
                        .add(record);
            }
        }
        return rows;
    }

    private void requirePspp(String pspp) {
        try {
            Process version = new ProcessBuilder(pspp, "--version")
                    .redirectErrorStream(true)
                    .start();
            if (version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0) {
                return;
            }
            version.destroyForcibly();
        } catch (IOException e) {
            // Not installed: decided below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String message = "PSPP ('" + pspp + "') is not installed, so the exported SPSS syntax cannot be run."
                + " Install GNU PSPP (apt-get install pspp), or run with -Dwaymark.allowMissingPspp=true to skip"
                + " this test knowingly.";
        if (Boolean.getBoolean("waymark.allowMissingPspp")) {
            Assumptions.abort(message);
        }
        fail(message);
    }

    /**
     * Runs settings.sps, export.sps and checks.sps in PSPP, in one session in the given syntax mode, with
     * output as CSV; fails on any error, warning or note. Returns PSPP's tables by title.
     */
    private Map<String, List<List<String>>> runPspp(String pspp, String mode) throws Exception {
        Path output = directory.resolve("pspp-output.csv");
        Path messages = directory.resolve("pspp-messages.txt");
        Files.deleteIfExists(output);
        Files.deleteIfExists(messages);
        // --safer refuses shell commands and file deletion; -r skips a personal ~/.pspprc.
        ProcessBuilder builder = new ProcessBuilder(
                        pspp,
                        mode,
                        "--safer",
                        "-r",
                        "-o",
                        output.toString(),
                        "-O",
                        "format=csv",
                        "-e",
                        messages.toString(),
                        "settings.sps",
                        "export.sps",
                        "checks.sps")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("pspp-terminal.txt").toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("PSPP took more than " + TIMEOUT_SECONDS + " s");
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        String said = Files.exists(messages) ? Files.readString(messages, StandardCharsets.UTF_8) : "";
        assertThat(said).as("PSPP's errors, warnings and notes (" + mode + ")").isEmpty();
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).doesNotContainPattern("(?i)\\b(error|warning|note):");
        return tables(printed);
    }

    /** PSPP's CSV output: each table starts "Table: title" and ends at a blank line. */
    private static Map<String, List<List<String>>> tables(String printed) throws IOException {
        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        List<List<String>> current = null;
        CSVFormat format =
                CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(printed), format)) {
            for (CSVRecord record : parser) {
                List<String> row = record.toList();
                if (row.size() == 1 && row.getFirst().startsWith("Table: ")) {
                    current = new ArrayList<>();
                    tables.put(row.getFirst().substring("Table: ".length()), current);
                } else if (row.size() == 1 && row.getFirst().isBlank()) {
                    current = null;
                } else if (current != null) {
                    current.add(row);
                }
            }
        }
        return tables;
    }
}
