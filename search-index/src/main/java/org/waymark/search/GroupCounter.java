package org.waymark.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the matching answers, and the distinct participants with a matching answer in each group of
 * each grouping, from the doc values written at indexing time.
 *
 * <p>A response's answers are written together by {@link AnswerIndex#upsertResponse}, as one block
 * of consecutive documents in one segment, and merges keep that order. Matches arrive in document
 * order within a segment, so a participant is counted when the response changes from one match to
 * the next, without remembering every response seen; and counts are kept by ordinal, turned into
 * group names once per segment. (This holds because searches do not split a segment between
 * threads; {@link AnswerIndex} searches without an executor.)
 */
final class GroupCounter implements Collector {

    /** What the counting found. */
    record Counts(long answers, Map<String, Map<String, Integer>> participantsByGroup) {}

    private final List<String> groupings;
    private final List<SegmentCounts> segments = new ArrayList<>();
    private long answers;

    private GroupCounter(List<String> groupings) {
        this.groupings = groupings;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        SortedDocValues response = DocValues.getSorted(context.reader(), AnswerFields.RESPONSE);
        SegmentCounts counts = new SegmentCounts(groupings.size());
        for (int i = 0; i < groupings.size(); i++) {
            counts.groups[i] = DocValues.getSorted(context.reader(), AnswerFields.groupField(groupings.get(i)));
            counts.participants[i] = new int[counts.groups[i].getValueCount()];
        }
        segments.add(counts);
        return new LeafCollector() {
            private int lastResponse = -1;

            @Override
            public void setScorer(Scorable scorer) {}

            @Override
            public void collect(int doc) throws IOException {
                answers++;
                if (groupings.isEmpty() || !response.advanceExact(doc)) {
                    return;
                }
                int ordinal = response.ordValue();
                if (ordinal == lastResponse) {
                    return;
                }
                lastResponse = ordinal;
                for (int i = 0; i < counts.groups.length; i++) {
                    if (counts.groups[i].advanceExact(doc)) {
                        counts.participants[i][counts.groups[i].ordValue()]++;
                    }
                }
            }
        };
    }

    /** One segment's participants per group ordinal, for each grouping. */
    private static final class SegmentCounts {
        final SortedDocValues[] groups;
        final int[][] participants;

        SegmentCounts(int groupings) {
            groups = new SortedDocValues[groupings];
            participants = new int[groupings][];
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

    /** One counter per searching thread, merged at the end. */
    static final class Manager implements CollectorManager<GroupCounter, Counts> {

        private final List<String> groupings;

        Manager(List<String> groupings) {
            this.groupings = List.copyOf(groupings);
        }

        @Override
        public GroupCounter newCollector() {
            return new GroupCounter(groupings);
        }

        @Override
        public Counts reduce(Collection<GroupCounter> collectors) throws IOException {
            long answers = 0;
            Map<String, Map<String, Integer>> totals = new LinkedHashMap<>();
            groupings.forEach(grouping -> totals.put(grouping, new TreeMap<>()));
            for (GroupCounter collector : collectors) {
                answers += collector.answers;
                for (SegmentCounts segment : collector.segments) {
                    segment.addTo(groupings, totals);
                }
            }
            Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
            totals.forEach((grouping, byGroup) -> counts.put(grouping, new LinkedHashMap<>(byGroup)));
            return new Counts(answers, counts);
        }
    }
}
