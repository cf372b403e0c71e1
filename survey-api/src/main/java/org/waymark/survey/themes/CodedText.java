package org.waymark.survey.themes;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the exports need from the themes: the current codebook and the codings that count, by the same
 * rule as the theme matrix (a coder gave the theme or confirmed it, and no consensus found it absent).
 */
@Repository
public class CodedText {

    /** A theme of the current codebook, with the GUID its .qdc export gives it. */
    public record Theme(String code, String name, String description, String parent, String guid) {}

    /**
     * A theme present in one free-text answer of a submitted response.
     *
     * @param responseId the response's pseudonymous id
     * @param start the first character coded (in Unicode code points), or null for the whole answer
     * @param end the character after the last one coded, or null for the whole answer
     */
    public record Coded(String responseId, String question, String theme, Integer start, Integer end) {}

    private static final String PRESENT =
            """
            SELECT DISTINCT r.pseudonym AS response_id, c.question_id AS question, c.theme_code AS theme,
                            c.start_offset AS start, c.end_offset AS end
            FROM coding c JOIN response r ON r.id = c.response_id
            WHERE c.study_id = ? AND r.status = 'submitted' AND""" + " " + Codings.COUNTS_AS_PRESENT + " ORDER BY response_id, question, theme, start";

    private final CodebookStore codebooks;
    private final JdbcClient jdbc;

    CodedText(CodebookStore codebooks, JdbcClient jdbc) {
        this.codebooks = codebooks;
        this.jdbc = jdbc;
    }

    /** The themes of the study's current codebook, in order; empty if it has none. */
    public List<Theme> themes(String studyId) {
        return codebooks.current(studyId).map(Codebook::themes).orElse(List.of()).stream()
                .map(theme -> new Theme(
                        theme.code(),
                        theme.name(),
                        theme.description(),
                        theme.parent(),
                        QdcCodebooks.guid(studyId, theme.code())))
                .toList();
    }

    /** Every theme present in a submitted response's free text, once per answer and stretch. */
    public List<Coded> present(String studyId) {
        return jdbc.sql(PRESENT)
                .param(studyId)
                .query((row, n) -> new Coded(
                        row.getString("response_id"),
                        row.getString("question"),
                        row.getString("theme"),
                        row.getObject("start", Integer.class),
                        row.getObject("end", Integer.class)))
                .list();
    }
}
