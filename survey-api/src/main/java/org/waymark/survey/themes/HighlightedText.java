package org.waymark.survey.themes;

import java.util.ArrayList;
import java.util.List;

/**
 * A search highlight as plain pieces of text, each marked or not, so that a page can show it through
 * {@code th:text} and never as markup. The search gives the passages HTML-escaped with {@code <mark>}
 * around the matches (Lucene's passage formatter: every {@code <} of the answer is escaped, so the only
 * tags are the marks); this undoes the escaping piece by piece.
 */
record HighlightedText(List<Piece> pieces) {

    /** A run of the passage, {@code marked} where it matched the search. */
    record Piece(String text, boolean marked) {}

    private static final String OPEN = "<mark>";
    private static final String CLOSE = "</mark>";

    HighlightedText {
        pieces = List.copyOf(pieces);
    }

    static HighlightedText of(String highlight) {
        List<Piece> pieces = new ArrayList<>();
        if (highlight == null) {
            return new HighlightedText(pieces);
        }
        int at = 0;
        while (at < highlight.length()) {
            int open = highlight.indexOf(OPEN, at);
            if (open < 0) {
                add(pieces, highlight.substring(at), false);
                break;
            }
            add(pieces, highlight.substring(at, open), false);
            int close = highlight.indexOf(CLOSE, open);
            int end = close < 0 ? highlight.length() : close;
            add(pieces, highlight.substring(open + OPEN.length(), end), true);
            at = close < 0 ? highlight.length() : close + CLOSE.length();
        }
        return new HighlightedText(pieces);
    }

    private static void add(List<Piece> pieces, String escaped, boolean marked) {
        if (!escaped.isEmpty()) {
            pieces.add(new Piece(unescape(escaped), marked));
        }
    }

    /** Undoes HTML escaping: the named entities the formatter writes, and numeric ones. */
    static String unescape(String escaped) {
        StringBuilder text = new StringBuilder(escaped.length());
        int i = 0;
        while (i < escaped.length()) {
            char c = escaped.charAt(i);
            int semicolon = c == '&' ? escaped.indexOf(';', i) : -1;
            if (semicolon < 0 || semicolon - i > 10) {
                text.append(c);
                i++;
                continue;
            }
            String entity = escaped.substring(i + 1, semicolon);
            String decoded = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> numeric(entity);
            };
            if (decoded == null) {
                text.append(c);
                i++;
            } else {
                text.append(decoded);
                i = semicolon + 1;
            }
        }
        return text.toString();
    }

    private static String numeric(String entity) {
        if (!entity.startsWith("#") || entity.length() < 2) {
            return null;
        }
        try {
            int codePoint = entity.charAt(1) == 'x' || entity.charAt(1) == 'X'
                    ? Integer.parseInt(entity.substring(2), 16)
                    : Integer.parseInt(entity.substring(1));
            return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
