package org.waymark.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.HitQueue;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;

/**
 * A search's results in one pass over its matches: the best-scoring answers, as many as the page needs,
 * ranked as Lucene's {@code TopScoreDocCollector} ranks them (higher score first, then earlier answer);
 * the number of matching answers; and the distinct participants with a matching answer in each group of
 * each grouping, from the doc values written at indexing time. One collector doing all three reads
 * each match's score once and calls no other collector per match, as Lucene's {@code MultiCollector}
 * did around its {@code TopScoreDocCollector} and a counter (10-25% more CPU for every query).
 *
 * <p>A response's answers are written together by {@link AnswerIndex#upsertResponse}, as one block of
 * consecutive documents in one segment, and merges keep that order. Matches arrive in document order
 * within a segment, so a participant is counted when the response changes from one match to the next,
 * without remembering every response seen. A participant's groups are read from one value that holds
 * them all ({@link AnswerFields#GROUPS}), and counts are kept by that combination's number, turned
 * into group names once per search. (This holds because searches do not split a segment between threads; {@link
 * AnswerIndex} searches without an executor.) Where each response's answers start, and each answer's
 * combination of groups, are held in memory ({@link SegmentOrdinals}).
 */
final class SearchCollector implements Collector {

    /** What the search found. */
    record Results(TopDocs top, long answers, Map<String, Map<String, Integer>> participantsByGroup) {}

    private final List<String> groupings;
    private final SegmentOrdinals.Cache cache;
    private final HitQueue best;
    /** Participants by combination of groups, numbered for the whole index ({@link SegmentOrdinals.Cache}). */
    private int[] byCombination = new int[0];
    /** Participants in segments written before answers carried their groups in one value. */
    private final List<OlderSegmentCounts> olderSegments = new ArrayList<>();

    private long answers;

    private SearchCollector(int depth, List<String> groupings, SegmentOrdinals.Cache cache) {
        this.groupings = groupings;
        this.cache = cache;
        this.best = new HitQueue(depth, true);
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        int docBase = context.docBase;
        SegmentOrdinals ordinals = groupings.isEmpty() ? null : cache.of(context.reader());
        if (byCombination.length < cache.combinationCount()) {
            byCombination = Arrays.copyOf(byCombination, cache.combinationCount());
        }
        return new LeafCollector() {
            private Scorable scorer;
            private ScoreDoc lowest = best.top();
            private int lastMatch = -1;
            private OlderSegmentCounts older;

            @Override
            public void setScorer(Scorable scorer) {
                this.scorer = scorer;
            }

            @Override
            public void collect(int doc) throws IOException {
                answers++;
                if (ordinals != null && ordinals.startsAnotherParticipant(lastMatch, doc)) {
                    int combination = ordinals.combination(doc);
                    if (combination >= 0) {
                        byCombination[combination]++;
                    } else {
                        if (older == null) {
                            older = new OlderSegmentCounts(context.reader(), groupings);
                            olderSegments.add(older);
                        }
                        older.countParticipant(doc);
                    }
                }
                lastMatch = doc;
                float score = scorer.score();
                // An equal score does not displace an earlier answer, as in TopScoreDocCollector.
                if (score > lowest.score) {
                    lowest.doc = docBase + doc;
                    lowest.score = score;
                    lowest = best.updateTop();
                }
            }
        };
    }

    /** The best answers, highest score first, without the placeholders the queue starts with. */
    private TopDocs top() {
        ScoreDoc[] ranked = new ScoreDoc[best.size()];
        for (int i = ranked.length - 1; i >= 0; i--) {
            ranked[i] = best.pop();
        }
        int found = 0;
        while (found < ranked.length && ranked[found].score != Float.NEGATIVE_INFINITY) {
            found++;
        }
        return new TopDocs(new TotalHits(answers, TotalHits.Relation.EQUAL_TO), Arrays.copyOf(ranked, found));
    }

    /**
     * The participants in one segment whose answers were written before they carried their groups in one
     * value: by ordinal in each grouping's own values, which costs a look-up per grouping for each.
     */
    private static final class OlderSegmentCounts {
        final SortedDocValues[] groups;
        final int[][] participants;

        OlderSegmentCounts(LeafReader reader, List<String> groupings) throws IOException {
            groups = new SortedDocValues[groupings.size()];
            participants = new int[groupings.size()][];
            for (int i = 0; i < groupings.size(); i++) {
                groups[i] = DocValues.getSorted(reader, AnswerFields.groupField(groupings.get(i)));
                participants[i] = new int[groups[i].getValueCount()];
            }
        }

        void countParticipant(int doc) throws IOException {
            for (int i = 0; i < groups.length; i++) {
                if (groups[i].advanceExact(doc)) {
                    participants[i][groups[i].ordValue()]++;
                }
            }
        }

        void addTo(List<String> groupings, Map<String, Map<String, Integer>> totals) throws IOException {
            for (int i = 0; i < groups.length; i++) {
                Map<String, Integer> byGroup = totals.get(groupings.get(i));
                for (int ordinal = 0; ordinal < participants[i].length; ordinal++) {
                    if (participants[i][ordinal] > 0) {
                        byGroup.merge(
                                groups[i].lookupOrd(ordinal).utf8ToString(), participants[i][ordinal], Integer::sum);
                    }
                }
            }
        }
    }

    /** One collector per searching thread, merged at the end. */
    static final class Manager implements CollectorManager<SearchCollector, Results> {

        private final int depth;
        private final List<String> groupings;
        private final SegmentOrdinals.Cache cache;

        /** Keeps the best {@code depth} answers (at least one) and counts participants in these groupings. */
        Manager(int depth, List<String> groupings, SegmentOrdinals.Cache cache) {
            this.depth = Math.max(depth, 1);
            this.groupings = List.copyOf(groupings);
            this.cache = cache;
        }

        @Override
        public SearchCollector newCollector() {
            return new SearchCollector(depth, groupings, cache);
        }

        @Override
        public Results reduce(Collection<SearchCollector> collectors) throws IOException {
            long answers = 0;
            List<TopDocs> tops = new ArrayList<>();
            Map<String, Map<String, Integer>> totals = new LinkedHashMap<>();
            groupings.forEach(grouping -> totals.put(grouping, new TreeMap<>()));
            int[] byCombination = new int[cache.combinationCount()];
            for (SearchCollector collector : collectors) {
                answers += collector.answers;
                tops.add(collector.top());
                for (int combination = 0; combination < collector.byCombination.length; combination++) {
                    byCombination[combination] += collector.byCombination[combination];
                }
                for (OlderSegmentCounts older : collector.olderSegments) {
                    older.addTo(groupings, totals);
                }
            }
            // Each combination's groups are named once, however many segments hold it.
            for (int combination = 0; combination < byCombination.length; combination++) {
                int participants = byCombination[combination];
                if (participants > 0) {
                    cache.groupsOf(combination).forEach((grouping, group) -> {
                        Map<String, Integer> byGroup = totals.get(grouping);
                        if (byGroup != null) {
                            byGroup.merge(group, participants, Integer::sum);
                        }
                    });
                }
            }
            Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
            totals.forEach((grouping, byGroup) -> counts.put(grouping, new LinkedHashMap<>(byGroup)));
            TopDocs top = tops.size() == 1 ? tops.getFirst() : TopDocs.merge(0, depth, tops.toArray(TopDocs[]::new));
            return new Results(top, answers, counts);
        }
    }
}
