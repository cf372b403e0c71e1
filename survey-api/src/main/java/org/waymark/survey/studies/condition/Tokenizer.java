package org.waymark.survey.studies.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a condition into tokens. Anything outside the small alphabet of the language is an error. */
final class Tokenizer {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in");
    private static final int MAX_STRING = 64;

    private Tokenizer() {}

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word);
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (isWordStart(c)) {
                int start = i;
                while (i < text.length() && isWordPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.WORD, text.substring(start, i), start));
            } else if (c == '\'' || c == '"') {
                int start = i;
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new ConditionSyntaxException(
                            "The condition is not valid at character " + (start + 1) + ": a quote is never closed.");
                }
                String code = text.substring(i + 1, end);
                if (code.isEmpty()
                        || code.length() > MAX_STRING
                        || !code.chars().allMatch(Tokenizer::isCodePart)) {
                    throw new ConditionSyntaxException("The condition is not valid at character " + (start + 1)
                            + ": an option code has only lower-case letters, digits and underscores.");
                }
                tokens.add(new Token(Token.Kind.STRING, code, start));
                i = end + 1;
            } else if (text.startsWith("==", i)) {
                tokens.add(new Token(Token.Kind.EQUALS, "==", i));
                i += 2;
            } else if (text.startsWith("!=", i)) {
                tokens.add(new Token(Token.Kind.NOT_EQUALS, "!=", i));
                i += 2;
            } else {
                Token.Kind kind = switch (c) {
                    case '(' -> Token.Kind.OPEN_PAREN;
                    case ')' -> Token.Kind.CLOSE_PAREN;
                    case '[' -> Token.Kind.OPEN_BRACKET;
                    case ']' -> Token.Kind.CLOSE_BRACKET;
                    case ',' -> Token.Kind.COMMA;
                    default ->
                        throw new ConditionSyntaxException("The condition is not valid at character " + (i + 1) + ": '"
                                + printable(c) + "' is not part of the condition language.");
                };
                tokens.add(new Token(kind, String.valueOf(c), i));
                i++;
            }
        }
        tokens.add(new Token(Token.Kind.END, "", text.length()));
        return tokens;
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isCodePart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? "\\u%04x".formatted((int) c) : String.valueOf(c);
    }
}
