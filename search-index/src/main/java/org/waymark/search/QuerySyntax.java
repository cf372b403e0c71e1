package org.waymark.search;

import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Reads a researcher's search: words, "exact phrases", proximity ("care plan"~5), trailing wildcards
 * (recover*), AND / OR / NOT and brackets, fuzzy words (lisened~). Words are matched by their stem;
 * phrases, wildcards and fuzzy words against the words as written. All words must match unless OR says
 * otherwise. A question mark is read as punctuation.
 *
 * <p>Anything costly or surprising is refused with a plain message rather than run: leading and inner
 * wildcards, wildcards on fewer than three letters, regular expressions, ranges, field names, and very
 * long queries.
 */
public final class QuerySyntax {

    /** The longest query accepted, in characters. */
    public static final int MAX_LENGTH = 500;

    static final int MIN_PREFIX = 3;

    private QuerySyntax() {}

    /**
     * Parses a query.
     *
     * @throws QuerySyntaxException with a message that says what to change
     */
    public static Query parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QuerySyntaxException("Enter one or more words to search for.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new QuerySyntaxException(
                    "The search is longer than " + MAX_LENGTH + " characters. Use fewer words or fewer OR terms.");
        }
        Parser parser = new Parser();
        try {
            // A question mark is far more often punctuation ("why?") than a one-letter wildcard.
            Query query = parser.parse(text.replace('?', ' '));
            if (onlyExcludes(query)) {
                throw new QuerySyntaxException(
                        "Add a word or phrase to search for: NOT only takes answers away from what the other words find.");
            }
            return query;
        } catch (ParseException | IndexSearcher.TooManyClauses e) {
            throw plainly(e);
        } catch (IllegalArgumentException e) {
            // Lucene checks some numbers only when it builds the query: a boost too large for a float
            // (hope^99999999999999999999999999999999999999999) is infinite, and BoostQuery refuses it.
            throw new QuerySyntaxException(
                    "The search could not be read: a number in it (after ^, say) is too large. Use a small"
                            + " number, such as hope^2.");
        }
    }

    private static boolean onlyExcludes(Query query) {
        return query instanceof BooleanQuery bool
                && !bool.clauses().isEmpty()
                && bool.clauses().stream().allMatch(clause -> clause.occur() == BooleanClause.Occur.MUST_NOT);
    }

    /** Lucene wraps the parser's own refusals; the plain message is somewhere in the chain of causes. */
    private static QuerySyntaxException plainly(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof QuerySyntaxException plain) {
                return plain;
            }
            if (cause instanceof IndexSearcher.TooManyClauses) {
                return new QuerySyntaxException("The search has too many words or alternatives. Use fewer.");
            }
        }
        return new QuerySyntaxException("The search could not be read. Check that every quote and bracket is"
                + " closed, and that AND, OR and NOT each have a word or phrase after them.");
    }

    /** The classic Lucene parser, with phrases sent to the exact field and costly forms refused. */
    private static final class Parser extends QueryParser {

        Parser() {
            super(AnswerFields.TEXT, AnswerAnalyzers.FOR_SEARCHES);
            setDefaultOperator(Operator.AND);
            setAllowLeadingWildcard(false);
            setFuzzyPrefixLength(1);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            requireDefaultField(field);
            return super.getFieldQuery(quoted ? AnswerFields.EXACT : field, queryText, quoted);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            requireDefaultField(field);
            if (termStr.length() < MIN_PREFIX) {
                throw refuse("Put at least " + MIN_PREFIX + " letters before a *, for example recov*.");
            }
            return super.getPrefixQuery(AnswerFields.EXACT, termStr);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            throw refuse("A * or ? can only end a word (recov*), not start it or stand inside it.");
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            throw refuse("Searches between slashes (regular expressions) are not supported. Remove the slashes.");
        }

        @Override
        protected Query getRangeQuery(
                String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
                throws ParseException {
            throw refuse("Ranges such as [a TO b] are not supported in a text search.");
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            requireDefaultField(field);
            return super.getFuzzyQuery(AnswerFields.EXACT, termStr, minSimilarity);
        }

        private static void requireDefaultField(String field) throws ParseException {
            if (!AnswerFields.TEXT.equals(field)) {
                throw refuse("Searching in a named field (" + shorten(field) + ":) is not supported. Use the"
                        + " question and group filters instead, or put the word in quotes.");
            }
        }

        private static String shorten(String field) {
            return field.length() > 30 ? field.substring(0, 30) + "…" : field;
        }

        private static ParseException refuse(String message) {
            ParseException e = new ParseException(message);
            e.initCause(new QuerySyntaxException(message));
            return e;
        }
    }
}
