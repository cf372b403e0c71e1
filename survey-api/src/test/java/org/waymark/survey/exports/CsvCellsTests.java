package org.waymark.survey.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.waymark.survey.intake.WideCsvLayout;

class CsvCellsTests {

    /** Cells in the OWASP "CSV injection" list, and the same with apostrophes already in front. */
    private static final List<String> HOSTILE = List.of(
            "=1+2",
            "=HYPERLINK(\"http://example.invalid\",\"click\")",
            "+SUM(A1:A2)",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1,1)",
            "\t=1",
            "\r=1",
            "-",
            "'=1",
            "''@x");

    @Test
    void putsAnApostropheBeforeEveryCellASpreadsheetWouldRun() {
        for (String cell : HOSTILE) {
            assertThat(CsvCells.neutralise(cell)).as(cell).isEqualTo("'" + cell);
        }
    }

    @Test
    void leavesPlainNumbersIncludingNegativeOnesAlone() {
        for (String number : List.of("-3", "-0.5", "0", "42", "1.25", "-99")) {
            assertThat(CsvCells.neutralise(number)).as(number).isEqualTo(number);
        }
        // Not plain numbers: a spreadsheet could read these as formulas, so they are neutralised.
        assertThat(CsvCells.neutralise("-1e5")).isEqualTo("'-1e5");
        assertThat(CsvCells.neutralise("+5")).isEqualTo("'+5");
        assertThat(CsvCells.neutralise("-5-1")).isEqualTo("'-5-1");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        for (String cell : List.of("", "a_lot", "Being heard, at last.", "it's fine", "'quoted'", "1 = one", "a@b")) {
            assertThat(CsvCells.neutralise(cell)).as(cell).isEqualTo(cell);
        }
    }

    @Test
    void theImportUndoesItExactly() {
        List<String> cells = new java.util.ArrayList<>(HOSTILE);
        cells.addAll(List.of("-3", "plain", "'quoted'", "'", "''", "-1e5"));
        for (String cell : cells) {
            assertThat(WideCsvLayout.restoreCell(CsvCells.neutralise(cell)))
                    .as(cell)
                    .isEqualTo(cell);
        }
    }

    @Test
    void writesRowsThatAnRfc4180ParserReadsBack() throws Exception {
        List<String> cells = List.of("a,b", "say \"hi\"", "two\r\nlines", "=1+2", "-3", "");
        StringBuilder out = new StringBuilder();
        CsvCells.row(out, cells);
        assertThat(out.toString()).endsWith("\r\n");
        List<CSVRecord> records =
                CSVFormat.RFC4180.parse(new StringReader(out.toString())).getRecords();
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().toList()).containsExactly("a,b", "say \"hi\"", "two\r\nlines", "'=1+2", "-3", "");
    }
}
