package org.waymark.survey.exports;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Cells of the CSV files Waymark exports (RFC 4180, UTF-8 with a byte-order mark, CRLF line ends).
 *
 * <p>A spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -} or {@code @} as a
 * formula, and some treat a leading tab or carriage return the same way, so a participant's answer
 * could run code on a researcher's computer (OWASP "CSV injection"). Such a cell gets a leading
 * apostrophe, which a spreadsheet shows as text. A cell that is a plain decimal number, such as
 * {@code -3} or {@code -0.5}, is left alone: a spreadsheet reads it as that number, not a formula, and
 * R and SPSS need it unchanged. A cell that already starts with apostrophes followed by one of those
 * characters gets one more, so that the import (and the R script) can undo the step exactly by taking
 * one away ({@link org.waymark.survey.intake.WideCsvLayout#restoreCell}).
 */
final class CsvCells {

    /** Excel needs it to read UTF-8; R (fileEncoding "UTF-8-BOM"), SPSS and the import skip it. */
    static final String BYTE_ORDER_MARK = "\uFEFF";

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern FORMULA_START = Pattern.compile("'*[=+\\-@\t\r].*", Pattern.DOTALL);

    private CsvCells() {}

    /** The cell as a spreadsheet will show it rather than run it. */
    static String neutralise(String cell) {
        if (PLAIN_NUMBER.matcher(cell).matches() || !FORMULA_START.matcher(cell).matches()) {
            return cell;
        }
        return "'" + cell;
    }

    /** The cell in RFC 4180 form: in double quotes, with quotes doubled, if it holds a comma, quote or line end. */
    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** Appends one row: every cell neutralised and quoted, then CRLF. */
    static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(neutralise(cells.get(i))));
        }
        out.append("\r\n");
    }
}
