package org.waymark.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;

/**
 * Counts the matching answers, and the distinct participants with a matching answer in each group of
 * each grouping, from the doc values written at indexing time.
 *
 * <p>A response's answers are written together by {@link AnswerIndex#upsertResponse}, as one block
 * of consecutive documents in one segment, and merges keep that order. Matches arrive in document
 * order within a segment, so a participant is counted when the response changes from one match to
 * the next, without remembering every response seen. A participant's groups are read from one value
 * that holds them all ({@link AnswerFields#GROUPS}), and counts are kept by its ordinal, turned into
 * group names once per segment. (This holds because searches do not split a segment between
 * threads; {@link AnswerIndex} searches without an executor.) Where each response's answers start, and
 * each answer's combination of groups, are held in memory ({@link SegmentOrdinals}).
 */
final class GroupCounter implements Collector {

    /** What the counting found. */
    record Counts(long answers, Map<String, Map<String, Integer>> participantsByGroup) {}

    private final List<String> groupings;
    private final SegmentOrdinals.Cache cache;
    private final List<SegmentCounts> segments = new ArrayList<>();
    private long answers;

    private GroupCounter(List<String> groupings, SegmentOrdinals.Cache cache) {
        this.groupings = groupings;
        this.cache = cache;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        if (groupings.isEmpty()) {
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) {
                    answers++;
                }
            };
        }
        SegmentOrdinals ordinals = cache.of(context.reader());
        SegmentCounts counts = new SegmentCounts(context.reader(), groupings, ordinals);
        segments.add(counts);
        return new LeafCollector() {
            private int lastMatch = -1;

            @Override
            public void setScorer(Scorable scorer) {}

            @Override
            public void collect(int doc) throws IOException {
                answers++;
                if (ordinals.startsAnotherParticipant(lastMatch, doc)) {
                    counts.countParticipant(doc);
                }
                lastMatch = doc;
            }
        };
    }

    /**
     * One segment's participants: by combination of groups where the answers carry all their groups in
     * one value, as answers indexed since that value was added do; otherwise by ordinal in each grouping's
     * own values, which costs a look-up per grouping for each participant.
     */
    private static final class SegmentCounts {
        final SortedDocValues combinations;
        final SegmentOrdinals ordinals;
        final int[] byCombination;
        final SortedDocValues[] groups;
        final int[][] participants;

        SegmentCounts(LeafReader reader, List<String> groupings, SegmentOrdinals ordinals) throws IOException {
            combinations = reader.getSortedDocValues(AnswerFields.GROUPS);
            this.ordinals = ordinals;
            byCombination = combinations == null ? new int[0] : new int[combinations.getValueCount()];
            groups = new SortedDocValues[groupings.size()];
            participants = new int[groupings.size()][];
            for (int i = 0; i < groupings.size(); i++) {
                groups[i] = DocValues.getSorted(reader, AnswerFields.groupField(groupings.get(i)));
                participants[i] = new int[groups[i].getValueCount()];
            }
        }

        void countParticipant(int doc) throws IOException {
            int combination = ordinals.combination(doc);
            if (combination >= 0) {
                byCombination[combination]++;
                return;
            }
            for (int i = 0; i < groups.length; i++) {
                if (groups[i].advanceExact(doc)) {
                    participants[i][groups[i].ordValue()]++;
                }
            }
        }

        /** Adds the counts by group to the totals, and those by combination to the combinations' totals. */
        void addTo(
                List<String> groupings,
                Map<String, Map<String, Integer>> totals,
                Map<BytesRef, Integer> combinationTotals)
                throws IOException {
            for (int i = 0; i < groups.length; i++) {
                Map<String, Integer> byGroup = totals.get(groupings.get(i));
                for (int ordinal = 0; ordinal < participants[i].length; ordinal++) {
                    if (participants[i][ordinal] > 0) {
                        byGroup.merge(
                                groups[i].lookupOrd(ordinal).utf8ToString(), participants[i][ordinal], Integer::sum);
                    }
                }
            }
            for (int ordinal = 0; ordinal < byCombination.length; ordinal++) {
                if (byCombination[ordinal] > 0) {
                    combinationTotals.merge(
                            BytesRef.deepCopyOf(combinations.lookupOrd(ordinal)), byCombination[ordinal], Integer::sum);
                }
            }
        }
    }

    /** One counter per searching thread, merged at the end. */
    static final class Manager implements CollectorManager<GroupCounter, Counts> {

        private final List<String> groupings;
        private final SegmentOrdinals.Cache cache;

        Manager(List<String> groupings, SegmentOrdinals.Cache cache) {
            this.groupings = List.copyOf(groupings);
            this.cache = cache;
        }

        @Override
        public GroupCounter newCollector() {
            return new GroupCounter(groupings, cache);
        }

        @Override
        public Counts reduce(Collection<GroupCounter> collectors) throws IOException {
            long answers = 0;
            Map<String, Map<String, Integer>> totals = new LinkedHashMap<>();
            groupings.forEach(grouping -> totals.put(grouping, new TreeMap<>()));
            // Segments share most combinations: each is read once, however many segments hold it.
            Map<BytesRef, Integer> combinationTotals = new HashMap<>();
            for (GroupCounter collector : collectors) {
                answers += collector.answers;
                for (SegmentCounts segment : collector.segments) {
                    segment.addTo(groupings, totals, combinationTotals);
                }
            }
            combinationTotals.forEach((encoded, participants) -> AnswerFields.decodeGroups(encoded.utf8ToString())
                    .forEach((grouping, group) -> {
                        Map<String, Integer> byGroup = totals.get(grouping);
                        if (byGroup != null) {
                            byGroup.merge(group, participants, Integer::sum);
                        }
                    }));
            Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
            totals.forEach((grouping, byGroup) -> counts.put(grouping, new LinkedHashMap<>(byGroup)));
            return new Counts(answers, counts);
        }
    }
}
