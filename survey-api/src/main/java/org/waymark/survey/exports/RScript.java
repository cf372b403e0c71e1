package org.waymark.survey.exports;

import java.util.List;
import java.util.stream.Collectors;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * An R script that reads a study's {@code export.csv} into a data frame {@code waymark}: factors with
 * the options' labels (ordered for scale questions), 0/1 integers for the options of multi questions,
 * numbers, dates and text, NA for every missing value, and each question's text as its {@code label}
 * attribute. It needs base R only. Every string is written in ASCII with {@code \\u} escapes, so the
 * script runs the same in any locale.
 */
final class RScript {

    private RScript() {}

    static String write(ValidatedDefinition definition, List<ExportVariables.Variable> variables, String csvName) {
        StringBuilder r = new StringBuilder();
        r.append("# R script for the Waymark export of study '")
                .append(ascii(definition.id()))
                .append("', definition version ")
                .append(definition.version())
                .append(".\n");
        if (definition.definition().synthetic()) {
            r.append("# SYNTHETIC DATA: no real person took part in this study.\n");
        }
        r.append("""
                # Reads the study's export.csv into the data frame `waymark`: factors with the options' labels
                # (ordered factors for scale questions), 0/1 integers for each option of a multi question,
                # numbers, dates and text, NA for every missing value (no answer, NOT_SHOWN, prefer_not_to_say
                # and a scale's not-applicable option), and each question's text in attr(, "label").
                # Usage: Rscript this-script.R [path/to/export.csv]
                #    or, in R: waymark_file <- "path/to/export.csv"; source("this-script.R")
                waymark_args <- commandArgs(trailingOnly = TRUE)
                """);
        r.append(
                        "if (length(waymark_args) >= 1) {\n  waymark_file <- waymark_args[[1]]\n} else if (!exists(\"waymark_file\")) {\n")
                .append("  waymark_file <- ")
                .append(string(csvName))
                .append("\n}\n");
        r.append("""
                # encoding = "UTF-8" marks the text as UTF-8 without converting it, which works in any locale.
                waymark <- read.csv(waymark_file, encoding = "UTF-8", colClasses = "character",
                                    na.strings = character(0), check.names = FALSE)
                names(waymark)[1] <- sub("^\\ufeff", "", names(waymark)[1])
                waymark_missing <- c("", "NOT_SHOWN", "prefer_not_to_say")
                # Undoes the export's protection against spreadsheet formulas (one leading apostrophe).
                waymark_text <- function(x) {
                  x <- sub("^'(?='*[-=+@\\t\\r])", "", x, perl = TRUE)
                  x[x %in% waymark_missing] <- NA
                  x
                }
                waymark_number <- function(x) as.numeric(waymark_text(x))
                waymark_date <- function(x) as.Date(waymark_text(x))
                waymark_codes <- function(x, levels, labels, ordered = FALSE) {
                  factor(waymark_text(x), levels = levels, labels = labels, ordered = ordered)
                }
                """);
        for (ExportVariables.Variable variable : variables) {
            String column = "waymark[[" + string(variable.name()) + "]]";
            String conversion = conversion(variable, column);
            if (conversion != null) {
                r.append(column).append(" <- ").append(conversion).append('\n');
            }
            r.append("attr(")
                    .append(column)
                    .append(", \"label\") <- ")
                    .append(string(variable.label()))
                    .append('\n');
        }
        return r.append("invisible(waymark)\n").toString();
    }

    private static String conversion(ExportVariables.Variable variable, String column) {
        return switch (variable.kind()) {
            case RESPONSE_ID, CONSENT -> null;
            case OPTION -> "as.integer(waymark_text(" + column + "))";
            case GROUP ->
                codes(
                        column,
                        variable.grouping().groups().stream().map(g -> g.id()).toList(),
                        variable.grouping().groups().stream()
                                .map(g -> g.label())
                                .toList(),
                        false);
            case ANSWER -> {
                StudyDefinition.Question question = variable.question();
                yield switch (question.type()) {
                    case SINGLE, SCALE ->
                        codes(
                                column,
                                question.options().stream()
                                        .map(StudyDefinition.Option::code)
                                        .toList(),
                                question.options().stream()
                                        .map(StudyDefinition.Option::label)
                                        .toList(),
                                question.type() == QuestionType.SCALE);
                    case MULTI, TEXT -> "waymark_text(" + column + ")";
                    case NUMBER -> "waymark_number(" + column + ")";
                    case DATE -> "waymark_date(" + column + ")";
                };
            }
        };
    }

    private static String codes(String column, List<String> levels, List<String> labels, boolean ordered) {
        return "waymark_codes(" + column + ", " + vector(levels) + ", " + vector(labels)
                + (ordered ? ", ordered = TRUE" : "") + ")";
    }

    private static String vector(List<String> values) {
        return values.stream().map(RScript::string).collect(Collectors.joining(", ", "c(", ")"));
    }

    /** An R string literal in plain ASCII. */
    static String string(String value) {
        return "\"" + ascii(value) + "\"";
    }

    private static String ascii(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else if (c <= 0xffff) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append(String.format("\\U%08x", c));
                    }
                }
            }
        });
        return out.toString();
    }
}
