package org.waymark.survey.intake;

import java.util.regex.Pattern;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * The wide CSV layout that the import reads and the export writes (docs/exports.md): one row per
 * response, a column per question id, and these conventions beside them. They live with the import so
 * that a file Waymark exported can be imported unchanged.
 */
public final class WideCsvLayout {

    /** The consent statements a response agreed to, joined by {@code ;}. */
    public static final String CONSENT_COLUMN = "consent_agreed";

    /** The response's pseudonymous id; written by the export, ignored by the import (new ids are made). */
    public static final String RESPONSE_ID_COLUMN = "response_id";

    /** A question the study's routing did not show. Read as no answer. */
    public static final String NOT_SHOWN = "NOT_SHOWN";

    /** Prefixes a grouping's column: {@code group.community}. Worked out again on import, so ignored. */
    public static final String GROUP_PREFIX = "group.";

    /** Cells a spreadsheet would run as a formula start with one of these (after any apostrophes). */
    private static final Pattern NEUTRALISED = Pattern.compile("'+[=+\\-@\t\r].*", Pattern.DOTALL);

    private WideCsvLayout() {}

    /** The 0/1 column of one option of a {@code multi} question: {@code detained_sections.s2}. */
    public static String optionColumn(String question, String code) {
        return question + "." + code;
    }

    /**
     * Whether a column is one the export derives from the answers (the response id, a multi question's
     * 0/1 columns, a grouping), which the import ignores: the {@code ;}-joined column is what counts.
     */
    public static boolean isDerivedColumn(ValidatedDefinition definition, String column) {
        if (column.equals(RESPONSE_ID_COLUMN)) {
            return true;
        }
        if (column.startsWith(GROUP_PREFIX)) {
            return definition.grouping(column.substring(GROUP_PREFIX.length())).isPresent();
        }
        int dot = column.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String code = column.substring(dot + 1);
        return definition
                .question(column.substring(0, dot))
                .filter(question -> question.type() == QuestionType.MULTI)
                .filter(question ->
                        question.options().stream().anyMatch(o -> o.code().equals(code)))
                .isPresent();
    }

    /**
     * A cell as the participant gave it: undoes the export's protection against spreadsheet formulas,
     * which put one apostrophe before a cell starting with {@code = + - @}, a tab or a carriage return
     * (or with apostrophes and then one of those, so that the two steps always undo each other).
     */
    public static String restoreCell(String cell) {
        return NEUTRALISED.matcher(cell).matches() ? cell.substring(1) : cell;
    }
}
