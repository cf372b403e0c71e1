package org.waymark.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * A page of hits with their highlighted passages. Each hit's stored fields are read once, for both the
 * highlighter and the hit, and the places where the query matches come from the offsets in the index's
 * postings: the answer's text is never analysed again.
 */
final class AnswerHighlighter {

    private static final int PASSAGES = 2;

    private static final Set<String> STORED =
            Set.of(AnswerFields.TEXT, AnswerFields.RESPONSE_KEY, AnswerFields.RESPONSE_ID, AnswerFields.QUESTION);

    private AnswerHighlighter() {}

    /** The hits of a page, highlighted for a query already rewritten by the searcher. */
    static List<SearchResult.Hit> hits(IndexSearcher searcher, Query query, ScoreDoc[] page) throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        Map<Integer, Document> documents = read(searcher, page);
        UnifiedHighlighter highlighter = new Highlighter(
                UnifiedHighlighter.builder(searcher, AnswerAnalyzers.FOR_SEARCHES)
                        .withMaskedFieldsFunc(
                                field -> AnswerFields.TEXT.equals(field) ? Set.of(AnswerFields.EXACT) : Set.of())
                        .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true)),
                documents,
                new OnePass(searcher, query));
        String[] highlights = highlighter.highlight(AnswerFields.TEXT, query, topDocs(page), PASSAGES);
        List<SearchResult.Hit> hits = new ArrayList<>(page.length);
        for (int i = 0; i < page.length; i++) {
            Document document = documents.get(page[i].doc);
            hits.add(new SearchResult.Hit(
                    document.getField(AnswerFields.RESPONSE_KEY).numericValue().longValue(),
                    document.get(AnswerFields.RESPONSE_ID),
                    document.get(AnswerFields.QUESTION),
                    highlights[i],
                    page[i].score));
        }
        return hits;
    }

    /** Each hit's stored fields, read in the index's order so that neighbours share a decompressed block. */
    private static Map<Integer, Document> read(IndexSearcher searcher, ScoreDoc[] page) throws IOException {
        int[] docs = Arrays.stream(page).mapToInt(hit -> hit.doc).sorted().toArray();
        StoredFields stored = searcher.storedFields();
        Map<Integer, Document> documents = HashMap.newHashMap(docs.length);
        for (int doc : docs) {
            documents.put(doc, stored.document(doc, STORED));
        }
        return documents;
    }

    private static TopDocs topDocs(ScoreDoc[] docs) {
        return new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), docs);
    }

    private static final class Highlighter extends UnifiedHighlighter {

        private final Map<Integer, Document> documents;
        private final OnePass onePass;

        Highlighter(Builder builder, Map<Integer, Document> documents, OnePass onePass) {
            super(builder);
            this.documents = documents;
            this.onePass = onePass;
        }

        /**
         * Both text fields' matches from one pass ({@link OnePass}), read from the postings: the stemmed
         * field's strategy reads both, and the exact field's, which Lucene would otherwise run beside it,
         * has nothing left to add. Chosen by field whatever source Lucene proposes: it proposes none for
         * a field the query does not name (a phrase names only the exact field), and re-analysing the
         * text when the query holds a wildcard ({@code recov*}), which the weight's matches do not need
         * (they look a wildcard's words up in the index and read their offsets from the postings).
         */
        @Override
        protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
            if (!components.highlightFlags().contains(HighlightFlag.WEIGHT_MATCHES)) {
                return super.getOffsetStrategy(source, components);
            }
            if (AnswerFields.TEXT.equals(components.field())) {
                return onePass.strategy(components);
            }
            if (AnswerFields.EXACT.equals(components.field())) {
                return new NoOffsets(components);
            }
            return super.getOffsetStrategy(source, components);
        }

        /** The text read with the rest of each hit, cut to the same length Lucene's own reading would. */
        @Override
        protected List<CharSequence[]> loadFieldValues(
                String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            int chars = 0;
            do {
                int doc = docIter.nextDoc();
                if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                CharSequence[] byField = new CharSequence[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    String value = documents.get(doc).get(fields[i]);
                    byField[i] = value == null ? null : value.substring(0, Math.min(getMaxLength(), value.length()));
                    chars += byField[i] == null ? 0 : byField[i].length();
                }
                values.add(byField);
            } while (chars <= cacheCharsThreshold && cacheCharsThreshold != 0);
            return values;
        }
    }

    /**
     * Finds where a query matches a shown answer in both text fields at once, from one {@link Weight}
     * made for the whole page. Lucene's own way makes a new weight for every answer and every field:
     * it rewrites the query and looks each of its words up in the index's dictionary again each time,
     * which was most of the highlighting's cost. Here each word is looked up once per segment (the
     * weight keeps what it found), and the two fields share one pass.
     */
    private static final class OnePass {

        private final Weight weight;
        private final Map<LeafReader, LeafReaderContext> segments = new IdentityHashMap<>();

        OnePass(IndexSearcher searcher, Query query) throws IOException {
            this.weight = searcher.rewrite(query).createWeight(searcher, ScoreMode.COMPLETE_NO_SCORES, 1f);
            for (LeafReaderContext segment : searcher.getIndexReader().leaves()) {
                segments.put(segment.reader(), segment);
            }
        }

        FieldOffsetStrategy strategy(UHComponents components) {
            return new FieldOffsetStrategy(components) {
                @Override
                public UnifiedHighlighter.OffsetSource getOffsetSource() {
                    return UnifiedHighlighter.OffsetSource.POSTINGS;
                }

                @Override
                public OffsetsEnum getOffsetsEnum(LeafReader reader, int doc, String content) throws IOException {
                    return offsets(reader, doc);
                }
            };
        }

        private OffsetsEnum offsets(LeafReader reader, int doc) throws IOException {
            LeafReaderContext segment = segments.get(reader);
            if (segment == null) {
                throw new IllegalStateException("the highlighter read a segment outside the searcher's index");
            }
            Matches matches = weight.matches(segment, doc);
            if (matches == null) {
                return OffsetsEnum.EMPTY;
            }
            List<OffsetsEnum> found = new ArrayList<>(2);
            for (String field : List.of(AnswerFields.TEXT, AnswerFields.EXACT)) {
                MatchesIterator places = matches.getMatches(field);
                if (places != null) {
                    found.add(new OffsetsEnum.OfMatchesIteratorWithSubs(places));
                }
            }
            return switch (found.size()) {
                case 0 -> OffsetsEnum.EMPTY;
                case 1 -> found.getFirst();
                default -> new OffsetsEnum.MultiOffsetsEnum(found);
            };
        }
    }

    /** The exact field's part when {@link OnePass} has already read it with the stemmed field's. */
    private static final class NoOffsets extends FieldOffsetStrategy {

        NoOffsets(UHComponents components) {
            super(components);
        }

        @Override
        public UnifiedHighlighter.OffsetSource getOffsetSource() {
            return UnifiedHighlighter.OffsetSource.POSTINGS;
        }

        @Override
        public OffsetsEnum getOffsetsEnum(LeafReader reader, int doc, String content) {
            return OffsetsEnum.EMPTY;
        }
    }
}
