package org.waymark.survey.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * The SPSS syntax of the demo study (synthetic), checked by its structure ({@link PsppSyntaxTests} runs it
 * in GNU PSPP; there is no SPSS here). It must read every column of the exported CSV in order, turn
 * every value the CSV holds in a coded column into a number, and give every variable a label, every
 * coded variable value labels, and the missing-value codes.
 */
@WaymarkIntegrationTest
class SpssSyntaxTests {

    private static final Pattern RECODE = Pattern.compile("RECODE (raw@\\d+)(.*?)INTO (\\S+)\\.", Pattern.DOTALL);
    private static final Pattern MAPPING = Pattern.compile("\\('((?:[^']|'')*)'=(-?\\d+|SYSMIS)\\)");

    @LocalServerPort
    int port;

    @Autowired
    StudyService studies;

    @Test
    void readsTheExportedCsvAndLabelsEveryVariable() {
        String api = "/api/studies/" + DemoStudy.ID;
        var csv = ExportTestSupport.parse(
                new String(ExportTestSupport.download(port, api + "/export.csv").body(), StandardCharsets.UTF_8));
        String sps =
                new String(ExportTestSupport.download(port, api + "/export.sps").body(), StandardCharsets.UTF_8);
        assertThat(sps).startsWith("\uFEFF* Encoding: UTF-8.");
        assertThat(sps)
                .contains(
                        "/ENCODING='UTF8'", "/FIRSTCASE=2", "/QUALIFIER='\"'", "/FILE='cpa-recovery-demo-export.csv'");

        List<String> read = block(sps, "  /VARIABLES=\n", "\n.\n")
                .lines()
                .map(line -> line.strip().split(" ")[0])
                .toList();
        assertThat(read).as("one variable per CSV column").hasSameSizeAs(csv.header());

        Map<String, String> recodedInto = new HashMap<>();
        Map<String, Set<String>> recodedValues = new HashMap<>();
        Matcher recode = RECODE.matcher(sps);
        while (recode.find()) {
            recodedInto.put(recode.group(1), recode.group(3));
            Set<String> values = new HashSet<>();
            Matcher mapping = MAPPING.matcher(recode.group(2));
            while (mapping.find()) {
                values.add(mapping.group(1).replace("''", "'"));
            }
            recodedValues.put(recode.group(3), values);
        }
        String labels = block(sps, "VARIABLE LABELS\n", "\n.\n");
        String valueLabels = block(sps, "VALUE LABELS\n", "\n.\n");
        String missing = block(sps, "MISSING VALUES ", " (-99 THRU -96).");

        ValidatedDefinition definition = studies.published(DemoStudy.ID).definition();
        List<ExportVariables.Variable> variables = ExportVariables.of(definition);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            String name = read.get(i).startsWith("raw@") ? recodedInto.get(read.get(i)) : read.get(i);
            assertThat(name).as("column " + csv.header().get(i) + " is read").isNotNull();
            names.add(name);
            assertThat(labels)
                    .as(name + " has a variable label")
                    .containsPattern("(?m)^  /?" + Pattern.quote(name) + " '");
            ExportVariables.Variable variable = variables.get(i);
            assertThat(variable.name()).isEqualTo(csv.header().get(i));
            if (!SpssSyntax.numeric(variable)) {
                continue;
            }
            for (String value : new HashSet<>(csv.column(csv.header().get(i)))) {
                String padded = value.isEmpty() ? " " : value;
                assertThat(recodedValues.get(name))
                        .as("every value of " + csv.header().get(i) + " in the CSV is recoded")
                        .contains(padded);
            }
            assertThat(valueLabels)
                    .as(name + " has value labels")
                    .containsPattern("(?m)^  /?" + Pattern.quote(name) + "$");
            if (variable.kind() != ExportVariables.Kind.GROUP) {
                assertThat(missing.strip().split("\\s+"))
                        .as(name + " has missing values")
                        .contains(name);
            }
        }
        assertThat(names).as("every variable name is unique").doesNotHaveDuplicates();
        assertThat(valueLabels)
                .contains("1 'A lot'", "-96 'Not applicable'", "-97 'Prefer not to say'", "-98 'Not shown'");
        assertThat(block(sps, "VARIABLE LEVEL ", " (ORDINAL).").split("\\s+")).contains("support_medication");
        assertThat(block(sps, "VARIABLE LEVEL ", " (ORDINAL).").split("\\s+")).doesNotContain("ethnicity");
        assertThat(sps).containsPattern("VARIABLE LEVEL [^()]*\\bethnicity\\s[^()]*\\(NOMINAL\\)");
        assertThat(sps.lines()
                        .mapToInt(line -> line.codePointCount(0, line.length()))
                        .max()
                        .orElse(0))
                .as("no syntax line is longer than the 256 characters SPSS reads")
                .isLessThanOrEqualTo(256);
    }

    private static String block(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("has " + start.strip()).isNotNegative();
        int to = text.indexOf(end, from + start.length());
        assertThat(to).as(start.strip() + " ends").isPositive();
        return text.substring(from + start.length(), to);
    }
}
