package org.waymark.survey.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import tools.jackson.databind.JsonNode;

/**
 * Runs the exported R script on the exported CSV of the demo study (synthetic) with the real R, and
 * checks that the counts R's {@code table()} gives per option equal the analysis API's (internal
 * profile, so no count is rounded or hidden) for a single question, scale questions (one shown to
 * everyone, one that the routing can skip), multi questions and a grouping.
 *
 * <p>R must be installed ({@code apt-get install r-base-core}; CI's {@code .ci/run} installs it). Without
 * it this test fails, unless {@code -Dwaymark.allowMissingR=true} says to skip it knowingly.
 */
@WaymarkIntegrationTest
class RScriptTests {

    private static final List<String> CODED = List.of("ethnicity", "support_medication", "compulsion_effect", "gender");
    private static final List<String> MULTI = List.of("care_plan_covers", "detained_sections");
    private static final long TIMEOUT_SECONDS = 120;

    @LocalServerPort
    int port;

    @TempDir
    Path directory;

    @Test
    void countsInREqualWaymarksCounts() throws Exception {
        String rscript = System.getProperty("waymark.rscript", "Rscript");
        requireR(rscript);
        String api = "/api/studies/" + DemoStudy.ID;
        Files.write(
                directory.resolve("export.csv"),
                ExportTestSupport.download(port, api + "/export.csv").body());
        Files.write(
                directory.resolve("export.R"),
                ExportTestSupport.download(port, api + "/export.R").body());
        Files.writeString(directory.resolve("counts.R"), """
                source("export.R")
                for (q in c(%s)) {
                  counts <- table(waymark[[q]])
                  for (level in names(counts)) cat(q, "\\t", level, "\\t", counts[[level]], "\\n", sep = "")
                  cat(q, "\\tNA\\t", sum(is.na(waymark[[q]])), "\\n", sep = "")
                  if (is.ordered(waymark[[q]])) cat(q, "\\tordered\\t1\\n", sep = "")
                }
                for (column in grep("^(%s)[.]", names(waymark), value = TRUE)) {
                  cat(column, "\\tchosen\\t", sum(waymark[[column]] == 1, na.rm = TRUE), "\\n", sep = "")
                }
                cat("rows\\tall\\t", nrow(waymark), "\\n", sep = "")
                """.formatted(
                String.join(", ", CODED.stream().map(q -> "\"" + q + "\"").toList()), String.join("|", MULTI)));
        Map<String, Long> r = runR(rscript, "counts.R", "export.csv");

        JsonNode analysis = ExportTestSupport.researcher(port, DemoStudy.ID)
                .get(api + "/analysis?disclosure=internal")
                .json();
        assertThat(r.get("rows\tall")).isEqualTo(analysis.get("responses").asLong());
        int compared = 0;
        for (JsonNode question : analysis.get("questions")) {
            String id = question.get("question").asString();
            JsonNode overall = question.get("overall");
            if (CODED.contains(id)) {
                for (JsonNode category : overall.get("categories")) {
                    assertThat(r.get(id + "\t" + category.get("label").asString()))
                            .as(id + " " + category.get("code").asString())
                            .isEqualTo(category.get("count").asLong());
                    compared++;
                }
                assertThat(r.get(id + "\tNA"))
                        .as(id + ": R's NAs are every response outside the base (no answer, not shown, prefer not"
                                + " to say, not applicable)")
                        .isEqualTo(analysis.get("responses").asLong()
                                - overall.get("base").asLong());
            }
            if (MULTI.contains(id)) {
                for (JsonNode category : overall.get("categories")) {
                    assertThat(r.get(id + "." + category.get("code").asString() + "\tchosen"))
                            .as(id + " " + category.get("code").asString())
                            .isEqualTo(category.get("count").asLong());
                    compared++;
                }
            }
        }
        assertThat(compared)
                .as("every option of the six questions was compared")
                .isGreaterThan(40);
        assertThat(r).containsKeys("support_medication\tordered", "compulsion_effect\tordered");
        assertThat(r).doesNotContainKey("ethnicity\tordered");
    }

    private void requireR(String rscript) {
        try {
            Process version = new ProcessBuilder(rscript, "--version")
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
        String message = "Rscript ('" + rscript + "') is not installed, so the exported R script cannot be checked."
                + " Install R (apt-get install r-base-core), or run with -Dwaymark.allowMissingR=true to skip this"
                + " test knowingly.";
        if (Boolean.getBoolean("waymark.allowMissingR")) {
            Assumptions.abort(message);
        }
        fail(message);
    }

    /** Runs an R file in the temporary directory; returns its "key TAB key TAB count" lines as a map. */
    private Map<String, Long> runR(String rscript, String file, String argument) throws Exception {
        Path output = directory.resolve("r-output.txt");
        ProcessBuilder builder = new ProcessBuilder(rscript, "--vanilla", file, argument)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // Labels are printed as UTF-8 whatever the machine's locale; the script itself runs in any locale.
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Rscript took more than " + TIMEOUT_SECONDS + " s");
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).as("R warned or failed").doesNotContain("Warning", "Error");
        Map<String, Long> counts = new HashMap<>();
        for (String line : printed.split("\n")) {
            int last = line.lastIndexOf('\t');
            if (last > 0) {
                counts.put(
                        line.substring(0, last),
                        Long.parseLong(line.substring(last + 1).strip()));
            }
        }
        return counts;
    }
}
