package org.waymark.survey.studies.condition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the condition language of study definitions: {@code q == 'code'}, {@code q != 'code'},
 * {@code q in ['a', 'b']}, {@code answered(q)}, {@code and}, {@code or}, {@code not} and parentheses.
 * {@code not} binds tighter than {@code and}, which binds tighter than {@code or}.
 *
 * <p>A recursive-descent parser with limits on length and nesting, so a hostile definition cannot
 * exhaust the stack or the CPU.
 */
public final class ConditionParser {

    public static final int MAX_LENGTH = 1000;
    public static final int MAX_DEPTH = 32;

    /** Words of the language, which cannot be question ids. */
    public static final Set<String> RESERVED_WORDS = Set.of("and", "or", "not", "in", "answered");

    private final List<Token> tokens;
    private int position;
    private int depth;

    private ConditionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses a condition.
     *
     * @throws ConditionSyntaxException if the text is not a valid condition
     */
    public static Condition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConditionSyntaxException("The condition is empty.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ConditionSyntaxException("The condition is longer than " + MAX_LENGTH + " characters.");
        }
        ConditionParser parser = new ConditionParser(Tokenizer.tokenize(text));
        Condition condition = parser.or();
        Token next = parser.peek();
        if (next.kind() != Token.Kind.END) {
            throw parser.error("expected 'and', 'or' or the end of the condition", next);
        }
        return condition;
    }

    private Condition or() {
        List<Condition> operands = new ArrayList<>();
        operands.add(and());
        while (peekWord("or")) {
            position++;
            operands.add(and());
        }
        return operands.size() == 1 ? operands.getFirst() : new Condition.Or(operands);
    }

    private Condition and() {
        List<Condition> operands = new ArrayList<>();
        operands.add(unary());
        while (peekWord("and")) {
            position++;
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.getFirst() : new Condition.And(operands);
    }

    private Condition unary() {
        enter();
        try {
            if (peekWord("not")) {
                position++;
                return new Condition.Not(unary());
            }
            return primary();
        } finally {
            depth--;
        }
    }

    private Condition primary() {
        Token token = next();
        if (token.kind() == Token.Kind.OPEN_PAREN) {
            Condition inner = or();
            expect(Token.Kind.CLOSE_PAREN, "a closing ')'");
            return inner;
        }
        if (token.kind() != Token.Kind.WORD || Tokenizer.isKeyword(token.text())) {
            throw error("expected a question id, 'answered(...)', 'not' or '('", token);
        }
        if (token.text().equals("answered")) {
            expect(Token.Kind.OPEN_PAREN, "'(' after 'answered'");
            Token question = expect(Token.Kind.WORD, "a question id inside answered(...)");
            expect(Token.Kind.CLOSE_PAREN, "a closing ')'");
            return new Condition.Answered(question.text());
        }
        String question = token.text();
        Token operator = next();
        return switch (operator.kind()) {
            case EQUALS ->
                new Condition.Equals(
                        question,
                        expect(Token.Kind.STRING, "a quoted option code").text());
            case NOT_EQUALS ->
                new Condition.Not(new Condition.Equals(
                        question,
                        expect(Token.Kind.STRING, "a quoted option code").text()));
            case WORD -> {
                if (!operator.text().equals("in")) {
                    throw error("expected '==', '!=' or 'in' after '" + question + "'", operator);
                }
                yield new Condition.In(question, codeList());
            }
            default -> throw error("expected '==', '!=' or 'in' after '" + question + "'", operator);
        };
    }

    private Set<String> codeList() {
        expect(Token.Kind.OPEN_BRACKET, "'[' to start a list of option codes");
        Set<String> codes = new LinkedHashSet<>();
        codes.add(expect(Token.Kind.STRING, "a quoted option code").text());
        while (peek().kind() == Token.Kind.COMMA) {
            position++;
            codes.add(expect(Token.Kind.STRING, "a quoted option code").text());
        }
        expect(Token.Kind.CLOSE_BRACKET, "']' to end the list of option codes");
        return codes;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new ConditionSyntaxException("The condition is nested more than " + MAX_DEPTH + " levels deep.");
        }
    }

    private boolean peekWord(String word) {
        Token token = peek();
        return token.kind() == Token.Kind.WORD && token.text().equals(word);
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Token.Kind.END) {
            position++;
        }
        return token;
    }

    private Token expect(Token.Kind kind, String what) {
        Token token = next();
        if (token.kind() != kind) {
            throw error("expected " + what, token);
        }
        return token;
    }

    private ConditionSyntaxException error(String expected, Token found) {
        String where = found.kind() == Token.Kind.END
                ? "at the end of the condition"
                : "at character " + (found.offset() + 1) + " ('" + found.text() + "')";
        return new ConditionSyntaxException("The condition is not valid " + where + ": " + expected + ".");
    }
}
