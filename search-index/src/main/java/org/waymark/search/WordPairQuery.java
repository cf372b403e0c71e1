package org.waymark.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermScorer;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity;

/**
 * A two-word phrase ({@code "care plan"}) answered from the index of adjacent word pairs
 * ({@link AnswerFields#PAIRS}) instead of by comparing the positions of two common words in every
 * answer that holds both. It matches exactly the answers the phrase matches, and scores each exactly as
 * the phrase would: from the two words' statistics in the exact-text field, the number of times the
 * pair occurs, and the exact-text field's length. Used only on indexes built with word pairs; the
 * highlighter still reads the phrase itself. {@link #replacePhrases} also narrows longer phrases with
 * their pairs.
 */
final class WordPairQuery extends Query {

    private final PhraseQuery phrase;
    private final Term pair;

    private WordPairQuery(PhraseQuery phrase) {
        this.phrase = phrase;
        Term[] terms = phrase.getTerms();
        this.pair = new Term(AnswerFields.PAIRS, AnswerFields.pair(terms[0].text(), terms[1].text()));
    }

    /**
     * The query with every exact phrase on the exact-text field answered from word pairs: a two-word
     * phrase entirely; a longer one still by positions (which also score it), but only in the answers
     * that hold each of its pairs, which are far fewer than those that hold each of its words.
     */
    static Query replacePhrases(Query query) {
        if (query instanceof PhraseQuery phrase && isExactRun(phrase)) {
            Term[] terms = phrase.getTerms();
            if (terms.length == 2) {
                return new WordPairQuery(phrase);
            }
            BooleanQuery.Builder narrowed = new BooleanQuery.Builder().add(phrase, BooleanClause.Occur.MUST);
            for (int i = 1; i < terms.length; i++) {
                Term pair = new Term(AnswerFields.PAIRS, AnswerFields.pair(terms[i - 1].text(), terms[i].text()));
                narrowed.add(new TermQuery(pair), BooleanClause.Occur.FILTER);
            }
            return narrowed.build();
        }
        if (query instanceof BoostQuery boost) {
            return new BoostQuery(replacePhrases(boost.getQuery()), boost.getBoost());
        }
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder replaced =
                    new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            for (BooleanClause clause : bool.clauses()) {
                replaced.add(replacePhrases(clause.query()), clause.occur());
            }
            return replaced.build();
        }
        return query;
    }

    /** Whether a phrase is two or more words as written, each right after the one before. */
    private static boolean isExactRun(PhraseQuery phrase) {
        int[] positions = phrase.getPositions();
        if (!AnswerFields.EXACT.equals(phrase.getField()) || phrase.getSlop() != 0 || positions.length < 2) {
            return false;
        }
        for (int i = 1; i < positions.length; i++) {
            if (positions[i] != positions[i - 1] + 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        TermStates pairStates = TermStates.build(searcher, pair, scoreMode.needsScores());
        Similarity.SimScorer simScorer = scoreMode.needsScores() ? phraseScorer(searcher, boost) : null;
        return new Weight(this) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                var supplier = pairStates.get(context);
                TermState state = supplier == null ? null : supplier.get();
                Terms terms = context.reader().terms(AnswerFields.PAIRS);
                if (state == null || terms == null || (scoreMode.needsScores() && simScorer == null)) {
                    return null;
                }
                TermsEnum termsEnum = terms.iterator();
                termsEnum.seekExact(pair.bytes(), state);
                long cost = termsEnum.docFreq();
                NumericDocValues norms = context.reader().getNormValues(AnswerFields.EXACT);
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) throws IOException {
                        if (simScorer == null) {
                            PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
                            return new TermScorer(postings, new Unscored(), null);
                        }
                        return new TermScorer(termsEnum.postings(null, PostingsEnum.FREQS), simScorer, norms);
                    }

                    @Override
                    public long cost() {
                        return cost;
                    }
                };
            }

            @Override
            public Explanation explain(LeafReaderContext context, int doc) throws IOException {
                Scorer scorer = scorer(context);
                if (scorer != null && scorer.iterator().advance(doc) == doc) {
                    return Explanation.match(scorer.score(), "the word pair " + pair.text() + " (" + phrase + ")");
                }
                return Explanation.noMatch("no word pair " + pair.text());
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return true;
            }
        };
    }

    /** What {@link PhraseQuery} scores a match with: both words' statistics in the exact-text field. */
    private Similarity.SimScorer phraseScorer(IndexSearcher searcher, float boost) throws IOException {
        List<TermStatistics> statistics = new ArrayList<>();
        for (Term term : phrase.getTerms()) {
            TermStates states = TermStates.build(searcher, term, true);
            if (states.docFreq() > 0) {
                statistics.add(searcher.termStatistics(term, states.docFreq(), states.totalTermFreq()));
            }
        }
        if (statistics.isEmpty()) {
            return null;
        }
        return searcher.getSimilarity()
                .scorer(
                        boost,
                        searcher.collectionStatistics(AnswerFields.EXACT),
                        statistics.toArray(TermStatistics[]::new));
    }

    /** For counting and filtering, where no score is read. */
    private static final class Unscored extends Similarity.SimScorer {
        @Override
        public float score(float freq, long norm) {
            return 0f;
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        phrase.visit(visitor);
    }

    @Override
    public String toString(String field) {
        return phrase.toString(field);
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && phrase.equals(((WordPairQuery) other).phrase);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), phrase);
    }
}
