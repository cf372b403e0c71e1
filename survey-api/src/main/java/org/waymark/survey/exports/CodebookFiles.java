package org.waymark.survey.exports;

import java.util.List;
import org.springframework.web.util.HtmlUtils;
import org.waymark.survey.studies.ValidatedDefinition;

/** The codebook of an export, as CSV (one row per variable and value) and as an accessible HTML page. */
final class CodebookFiles {

    static final List<String> CSV_HEADER =
            List.of("variable", "type", "section", "label", "condition", "value", "value_label", "missing", "rule");

    private CodebookFiles() {}

    static String csv(List<CodebookEntries.Entry> entries) {
        StringBuilder out = new StringBuilder(CsvCells.BYTE_ORDER_MARK);
        CsvCells.row(out, CSV_HEADER);
        for (CodebookEntries.Entry entry : entries) {
            List<CodebookEntries.Value> values =
                    entry.values().isEmpty() ? List.of(new CodebookEntries.Value("", "", null, "")) : entry.values();
            for (CodebookEntries.Value value : values) {
                CsvCells.row(
                        out,
                        List.of(
                                entry.variable().name(),
                                entry.type(),
                                nullToEmpty(entry.variable().section()),
                                entry.label(),
                                entry.condition(),
                                value.code(),
                                value.label(),
                                value.missing() == null ? "" : value.missing().description(),
                                value.rule()));
            }
        }
        return out.toString();
    }

    static String html(ValidatedDefinition definition, List<CodebookEntries.Entry> entries) {
        String title = "Codebook: " + definition.definition().title();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;line-height:1.4;max-width:75rem;margin:1rem auto;"
                        + "padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;"
                        + "padding:.3rem;text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold;"
                        + "padding:.5rem 0}ul{margin:0;padding-left:1.2rem}</style>\n</head>\n<body>\n<main>\n<h1>")
                .append(escape(title))
                .append("</h1>\n<p>Study <code>")
                .append(escape(definition.id()))
                .append("</code>, definition version ")
                .append(definition.version())
                .append(". The columns of <code>export.csv</code>, in order. An empty cell is no answer.</p>\n");
        if (definition.definition().synthetic()) {
            out.append("<p><strong>SYNTHETIC DATA: no real person took part in this study.</strong></p>\n");
        }
        out.append("<h2>Missing values</h2>\n<table>\n<caption>Missing values in every column</caption>\n")
                .append("<thead><tr><th scope=\"col\">Meaning</th><th scope=\"col\">Cell in export.csv</th>")
                .append("<th scope=\"col\">SPSS code</th></tr></thead>\n<tbody>\n");
        for (MissingValue missing : MissingValue.values()) {
            out.append("<tr><th scope=\"row\">")
                    .append(escape(missing.label()))
                    .append("</th><td>")
                    .append(
                            missing.cell() == null
                                    ? "the question's not-applicable code (listed below)"
                                    : missing.cell().isEmpty()
                                            ? "(empty)"
                                            : "<code>" + escape(missing.cell()) + "</code>")
                    .append("</td><td>")
                    .append(missing.spssCode())
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n<h2>Variables</h2>\n<table>\n<caption>Variables of export.csv, in column order"
                        + " (")
                .append(entries.size())
                .append(" columns)</caption>\n")
                .append("<thead><tr><th scope=\"col\">Variable</th><th scope=\"col\">Type</th>")
                .append("<th scope=\"col\">Label (question text)</th><th scope=\"col\">Shown when</th>")
                .append("<th scope=\"col\">Values</th></tr></thead>\n<tbody>\n");
        for (CodebookEntries.Entry entry : entries) {
            out.append("<tr><th scope=\"row\"><code>")
                    .append(escape(entry.variable().name()))
                    .append("</code></th><td>")
                    .append(escape(entry.type()))
                    .append("</td><td>")
                    .append(escape(entry.label()))
                    .append("</td><td>")
                    .append(entry.condition().isEmpty() ? "always" : "<code>" + escape(entry.condition()) + "</code>")
                    .append("</td><td>");
            values(out, entry.values());
            out.append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n").toString();
    }

    private static void values(StringBuilder out, List<CodebookEntries.Value> values) {
        if (values.isEmpty()) {
            return;
        }
        out.append("<ul>");
        for (CodebookEntries.Value value : values) {
            out.append("<li>")
                    .append(value.code().isEmpty() ? "(empty)" : "<code>" + escape(value.code()) + "</code>")
                    .append(" = ")
                    .append(escape(value.label()));
            if (value.missing() != null) {
                out.append(" (missing: ")
                        .append(escape(value.missing().description()))
                        .append(')');
            }
            if (!value.rule().isEmpty()) {
                out.append(" (when <code>").append(escape(value.rule())).append("</code>)");
            }
            out.append("</li>");
        }
        out.append("</ul>");
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
