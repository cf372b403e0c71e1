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
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermScorer;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity;

/**
 * An exact phrase ({@code "care plan"}, {@code "who I am"}) answered from the index of adjacent word
 * pairs ({@link AnswerFields#PAIRS}) instead of from the positions of its words. A two-word phrase is
 * one pair, looked up like one word; a longer one is its pairs in a row ({@code "who i"} then {@code
 * "i am"}), compared by the pairs' positions, which are far fewer than those of common words such as
 * "I". It matches exactly the answers the phrase matches, and scores each exactly as the phrase would:
 * from the words' statistics in the exact-text field, the number of times the phrase occurs, and the
 * exact-text field's length. Used only on indexes built with word pairs; the highlighter still reads
 * the phrase itself.
 */
final class WordPairQuery extends Query {

    private final PhraseQuery phrase;
    private final Term[] pairs;

    private WordPairQuery(PhraseQuery phrase) {
        this.phrase = phrase;
        Term[] terms = phrase.getTerms();
        this.pairs = new Term[terms.length - 1];
        for (int i = 1; i < terms.length; i++) {
            pairs[i - 1] = new Term(AnswerFields.PAIRS, AnswerFields.pair(terms[i - 1].text(), terms[i].text()));
        }
    }

    /** The query with every exact phrase on the exact-text field answered from word pairs. */
    static Query replacePhrases(Query query) {
        if (query instanceof PhraseQuery phrase && isExactRun(phrase)) {
            return new WordPairQuery(phrase);
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
        boolean scores = scoreMode.needsScores();
        TermStates[] pairStates = new TermStates[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            pairStates[i] = TermStates.build(searcher, pairs[i], scores);
        }
        Similarity.SimScorer simScorer = scores ? phraseScorer(searcher, boost) : new Unscored();
        return new Weight(this) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                Terms terms = context.reader().terms(AnswerFields.PAIRS);
                if (terms == null || simScorer == null) {
                    return null;
                }
                TermsEnum[] found = new TermsEnum[pairs.length];
                long fewest = Long.MAX_VALUE;
                for (int i = 0; i < pairs.length; i++) {
                    var supplier = pairStates[i].get(context);
                    TermState state = supplier == null ? null : supplier.get();
                    if (state == null) {
                        return null;
                    }
                    found[i] = terms.iterator();
                    found[i].seekExact(pairs[i].bytes(), state);
                    fewest = Math.min(fewest, found[i].docFreq());
                }
                long cost = fewest;
                NumericDocValues norms = scores ? context.reader().getNormValues(AnswerFields.EXACT) : null;
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) throws IOException {
                        if (found.length == 1) {
                            int flags = scores ? PostingsEnum.FREQS : PostingsEnum.NONE;
                            return new TermScorer(found[0].postings(null, flags), simScorer, norms);
                        }
                        return PairRunScorer.of(found, simScorer, norms);
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
                    return Explanation.match(scorer.score(), "the word pairs of " + phrase);
                }
                return Explanation.noMatch("not the word pairs of " + phrase);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return true;
            }
        };
    }

    /**
     * Two or more pairs in a row, as a longer phrase leaves them: the phrase occurs where each pair lies
     * one position after the one before. Answers holding every pair are found first; positions are read
     * only for those, and only the pairs' own, which are few.
     */
    private static final class PairRunScorer extends Scorer {

        private final PostingsEnum[] pairs;
        private final Similarity.SimScorer simScorer;
        private final NumericDocValues norms;
        private final DocIdSetIterator approximation;
        private final TwoPhaseIterator twoPhase;
        private final int[] position;
        private final int[] left;
        private int occurrences;

        private PairRunScorer(
                PostingsEnum[] pairs, float matchCost, Similarity.SimScorer simScorer, NumericDocValues norms) {
            this.pairs = pairs;
            this.simScorer = simScorer;
            this.norms = norms;
            this.position = new int[pairs.length];
            this.left = new int[pairs.length];
            this.approximation = ConjunctionUtils.intersectIterators(List.of(pairs));
            this.twoPhase = new TwoPhaseIterator(approximation) {
                @Override
                public boolean matches() throws IOException {
                    occurrences = occurrences();
                    return occurrences > 0;
                }

                @Override
                public float matchCost() {
                    return matchCost;
                }
            };
        }

        static PairRunScorer of(TermsEnum[] found, Similarity.SimScorer simScorer, NumericDocValues norms)
                throws IOException {
            PostingsEnum[] postings = new PostingsEnum[found.length];
            float positionsPerAnswer = 0;
            for (int i = 0; i < found.length; i++) {
                postings[i] = found[i].postings(null, PostingsEnum.POSITIONS);
                positionsPerAnswer += (float) found[i].totalTermFreq() / found[i].docFreq();
            }
            return new PairRunScorer(postings, positionsPerAnswer, simScorer, norms);
        }

        /** How many times the phrase occurs in the current answer: each start of a run of the pairs. */
        private int occurrences() throws IOException {
            for (int i = 0; i < pairs.length; i++) {
                left[i] = pairs[i].freq() - 1;
                position[i] = pairs[i].nextPosition();
            }
            int count = 0;
            while (true) {
                boolean run = true;
                for (int i = 1; i < pairs.length && run; i++) {
                    int wanted = position[0] + i;
                    while (position[i] < wanted) {
                        if (left[i] == 0) {
                            return count;
                        }
                        position[i] = pairs[i].nextPosition();
                        left[i]--;
                    }
                    run = position[i] == wanted;
                }
                if (run) {
                    count++;
                }
                if (left[0] == 0) {
                    return count;
                }
                position[0] = pairs[0].nextPosition();
                left[0]--;
            }
        }

        @Override
        public int docID() {
            return approximation.docID();
        }

        @Override
        public DocIdSetIterator iterator() {
            return TwoPhaseIterator.asDocIdSetIterator(twoPhase);
        }

        @Override
        public TwoPhaseIterator twoPhaseIterator() {
            return twoPhase;
        }

        @Override
        public float score() throws IOException {
            long norm = norms != null && norms.advanceExact(docID()) ? norms.longValue() : 1L;
            return simScorer.score(occurrences, norm);
        }

        /** No score is higher: a similarity's scores never fall as a phrase occurs more or a text shortens. */
        @Override
        public float getMaxScore(int upTo) {
            return simScorer.score(Float.MAX_VALUE, 0L);
        }
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
