package org.waymark.survey.exports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * SPSS syntax that reads a study's {@code export.csv} (the same file the R script reads): every column
 * is read as text, then each coded column becomes a number with value labels (options 1, 2, ... in the
 * study's order, groups likewise, 0/1 for the options of a multi question) and the missing values of
 * {@link MissingValue} as -99 to -96, declared missing. Number questions become numbers; text, dates,
 * the joined multi answers and consent stay text. Every column gets a variable label.
 *
 * <p>A number question keeps the missing codes only if its minimum is above -96, so that no real
 * answer can be mistaken for one; otherwise its missing values are system-missing.
 */
final class SpssSyntax {

    /** Words SPSS reserves; a column with one of these names is renamed. */
    private static final Set<String> RESERVED =
            Set.of("all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with");

    private static final BigDecimal LOWEST_CODE = BigDecimal.valueOf(-96);

    private SpssSyntax() {}

    static String write(ValidatedDefinition definition, List<ExportVariables.Variable> variables, String csvName) {
        StringBuilder sps = new StringBuilder(CsvCells.BYTE_ORDER_MARK);
        sps.append("* Encoding: UTF-8.\n* SPSS syntax for the Waymark export of study '")
                .append(definition.id())
                .append("', definition version ")
                .append(definition.version())
                .append(".\n");
        if (definition.definition().synthetic()) {
            sps.append("* SYNTHETIC DATA: no real person took part in this study.\n");
        }
        sps.append("* Reads export.csv; change FILE below if it is not in the working directory.\n")
                .append("* Missing values: -99 no answer, -98 not shown, -97 prefer not to say, -96 not applicable.\n")
                .append("* Cells holding line breaks (free text) cannot be read by GET DATA: see docs/exports.md.\n\n")
                .append("GET DATA\n  /TYPE=TXT\n  /FILE=")
                .append(quote(csvName))
                .append("\n  /ENCODING='UTF8'\n  /ARRANGEMENT=DELIMITED\n  /DELCASE=LINE\n  /FIRSTCASE=2\n")
                .append("  /DELIMITERS=','\n  /QUALIFIER='\"'\n  /VARIABLES=\n");
        List<String> names = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            ExportVariables.Variable variable = variables.get(i);
            String name = name(variable.name(), i + 1);
            names.add(name);
            String read = numeric(variable) ? "raw@" + (i + 1) : name;
            if (numeric(variable)) {
                raw.add(read);
            }
            sps.append("    ").append(read).append(" A").append(width(variable)).append('\n');
        }
        sps.append(".\n\n");
        List<String> coded = new ArrayList<>();
        List<String> ordinal = new ArrayList<>();
        List<String> nominal = new ArrayList<>();
        List<String> scale = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            ExportVariables.Variable variable = variables.get(i);
            if (!numeric(variable)) {
                continue;
            }
            String name = names.get(i);
            boolean missingCodes = hasMissingCodes(variable);
            sps.append("RECODE raw@").append(i + 1);
            if (variable.kind() == ExportVariables.Kind.ANSWER
                    && variable.question().type() == QuestionType.NUMBER) {
                sps.append(missingRecodes(variable, missingCodes)).append(" (CONVERT)");
                scale.add(name);
            } else {
                List<CodebookEntries.Value> values = values(variable);
                for (int v = 0; v < values.size(); v++) {
                    sps.append("\n    (")
                            .append(quote(values.get(v).code()))
                            .append('=')
                            .append(code(variable, v))
                            .append(')');
                }
                sps.append(missingRecodes(variable, true));
                (isScale(variable) ? ordinal : nominal).add(name);
            }
            sps.append("\n    (ELSE=SYSMIS) INTO ").append(name).append(".\n");
            if (missingCodes) {
                coded.add(name);
            }
        }
        if (!raw.isEmpty()) {
            // The recoded variables were added at the end: this drops the raw text and puts every
            // variable back in the CSV's column order.
            sps.append("ADD FILES /FILE=*\n  /KEEP=").append(wrapped(names)).append(".\n");
        }
        sps.append("EXECUTE.\n");
        sps.append("\nVARIABLE LABELS\n");
        for (int i = 0; i < variables.size(); i++) {
            sps.append(i == 0 ? "  " : "  /")
                    .append(names.get(i))
                    .append(' ')
                    .append(quote(label(variables.get(i))))
                    .append('\n');
        }
        sps.append(".\n\nVALUE LABELS\n");
        boolean first = true;
        for (int i = 0; i < variables.size(); i++) {
            ExportVariables.Variable variable = variables.get(i);
            boolean number = variable.kind() == ExportVariables.Kind.ANSWER
                    && variable.question().type() == QuestionType.NUMBER;
            if (!numeric(variable) || (number && !hasMissingCodes(variable))) {
                continue;
            }
            sps.append(first ? "  " : "  /").append(names.get(i));
            first = false;
            if (!number) {
                List<CodebookEntries.Value> values = values(variable);
                for (int v = 0; v < values.size(); v++) {
                    sps.append("\n    ")
                            .append(code(variable, v))
                            .append(' ')
                            .append(quote(values.get(v).label()));
                }
            }
            if (hasMissingCodes(variable)) {
                for (MissingValue missing : MissingValue.values()) {
                    sps.append("\n    ").append(missing.spssCode()).append(' ').append(quote(missing.label()));
                }
            }
            sps.append('\n');
        }
        sps.append(".\n");
        if (!coded.isEmpty()) {
            sps.append("\nMISSING VALUES ").append(wrapped(coded)).append(" (-99 THRU -96).\n");
        }
        List<String> whole = new ArrayList<>(ordinal);
        whole.addAll(nominal);
        if (!whole.isEmpty()) {
            sps.append("FORMATS ").append(wrapped(whole)).append(" (F4.0).\n");
        }
        level(sps, ordinal, "ORDINAL");
        level(sps, nominal, "NOMINAL");
        level(sps, scale, "SCALE");
        return sps.append("\nDATASET NAME waymark.\n").toString();
    }

    /** Columns that become numbers: coded answers, 0/1 options, groups and number questions. */
    static boolean numeric(ExportVariables.Variable variable) {
        return variable.coded()
                || (variable.kind() == ExportVariables.Kind.ANSWER
                        && variable.question().type() == QuestionType.NUMBER);
    }

    private static boolean hasMissingCodes(ExportVariables.Variable variable) {
        if (variable.kind() == ExportVariables.Kind.GROUP) {
            return false;
        }
        if (variable.question().type() == QuestionType.NUMBER) {
            BigDecimal min = variable.question().min();
            return min != null && min.compareTo(LOWEST_CODE) > 0;
        }
        return true;
    }

    /** The real values of a coded column, in the order they are numbered. */
    static List<CodebookEntries.Value> values(ExportVariables.Variable variable) {
        List<CodebookEntries.Value> values = new ArrayList<>();
        switch (variable.kind()) {
            case OPTION -> {
                values.add(new CodebookEntries.Value("0", "Not chosen", null, ""));
                values.add(new CodebookEntries.Value("1", "Chosen", null, ""));
            }
            case GROUP ->
                variable.grouping()
                        .groups()
                        .forEach(group -> values.add(new CodebookEntries.Value(group.id(), group.label(), null, "")));
            default ->
                variable.question()
                        .options()
                        .forEach(option ->
                                values.add(new CodebookEntries.Value(option.code(), option.label(), null, "")));
        }
        return values;
    }

    /** The number a value becomes: 0/1 stay themselves, other values count from 1. */
    private static int code(ExportVariables.Variable variable, int index) {
        return variable.kind() == ExportVariables.Kind.OPTION ? index : index + 1;
    }

    private static String missingRecodes(ExportVariables.Variable variable, boolean codes) {
        if (variable.kind() == ExportVariables.Kind.GROUP) {
            return "\n    (' '=SYSMIS)";
        }
        Question question = variable.question();
        StringBuilder out = new StringBuilder();
        if (question.notApplicable() != null) {
            out.append("\n    (")
                    .append(quote(question.notApplicable().code()))
                    .append('=')
                    .append(codes ? "-96" : "SYSMIS")
                    .append(')');
        }
        out.append("\n    (")
                .append(quote(MissingValue.PREFER_NOT_TO_SAY.cell()))
                .append('=')
                .append(codes ? "-97" : "SYSMIS")
                .append(')');
        out.append("\n    (")
                .append(quote(MissingValue.NOT_SHOWN.cell()))
                .append('=')
                .append(codes ? "-98" : "SYSMIS")
                .append(')');
        // SPSS pads text with blanks, so an empty cell compares equal to ' '.
        out.append("\n    (' '=").append(codes ? "-99" : "SYSMIS").append(')');
        return out.toString();
    }

    private static boolean isScale(ExportVariables.Variable variable) {
        return variable.kind() == ExportVariables.Kind.ANSWER
                && variable.question().type() == QuestionType.SCALE;
    }

    private static void level(StringBuilder sps, List<String> names, String level) {
        if (!names.isEmpty()) {
            sps.append("VARIABLE LEVEL ")
                    .append(wrapped(names))
                    .append(" (")
                    .append(level)
                    .append(").\n");
        }
    }

    /**
     * Variable names separated by blanks, on indented lines of at most about 80 characters: SPSS reads
     * at most 256 characters of a syntax line (it cuts the rest off in batch mode and in INCLUDE), and
     * an indented line continues the command in both batch and interactive mode.
     */
    static String wrapped(List<String> names) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String name : names) {
            if (lineLength > 0 && lineLength + 1 + name.length() > 76) {
                out.append("\n    ");
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(name);
            lineLength += name.length();
        }
        return out.toString();
    }

    /** Width in bytes of the text read for a column: UTF-8 takes up to 4 bytes a character. */
    private static int width(ExportVariables.Variable variable) {
        return switch (variable.kind()) {
            case RESPONSE_ID -> 26;
            case CONSENT, GROUP -> 255;
            case OPTION -> 32;
            case ANSWER -> {
                Question question = variable.question();
                yield switch (question.type()) {
                    case TEXT -> Math.min(32_767, 4 * (question.maxLength() == null ? 4_000 : question.maxLength()));
                    case MULTI ->
                        Math.min(
                                32_767,
                                question.options().stream()
                                                .mapToInt(o -> o.code().length() + 1)
                                                .sum()
                                        + 32);
                    case DATE, NUMBER, SINGLE, SCALE -> 255;
                };
            }
        };
    }

    /** The column's name if SPSS accepts it, else {@code v} and its position (the label keeps the name). */
    static String name(String column, int position) {
        boolean valid = column.matches("[a-z][a-z0-9_.]*")
                && !column.endsWith(".")
                && !column.endsWith("_")
                && column.getBytes(StandardCharsets.UTF_8).length <= 64
                && !RESERVED.contains(column.toLowerCase(Locale.ROOT));
        return valid ? column : "v" + position;
    }

    private static String label(ExportVariables.Variable variable) {
        String label = variable.label();
        return name(variable.name(), 1).equals(variable.name()) ? label : variable.name() + ": " + label;
    }

    /**
     * An SPSS string in single quotes, quotes doubled, on one line; a long one in pieces joined by {@code +}
     * on several lines, since SPSS reads syntax lines of limited length.
     */
    static String quote(String text) {
        int[] points = text.replaceAll("[\\r\\n]+", " ").codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int from = 0; from < points.length || from == 0; from += 80) {
            String piece = new String(points, from, Math.min(80, points.length - from));
            out.append(from == 0 ? "" : "\n      + ")
                    .append('\'')
                    .append(piece.replace("'", "''"))
                    .append('\'');
            if (points.length == 0) {
                break;
            }
        }
        return out.toString();
    }
}
