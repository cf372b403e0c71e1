package org.waymark.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * Each answer's response and combination of groups in one segment, as the ordinals of their doc values,
 * read once and kept in memory while the segment is open (8 bytes an answer). Counting participants per
 * group looks both up for every match; reading them from the doc values each time took about a sixth of
 * a broad search in a profile of {@code AnswerIndexBenchmark}.
 *
 * @param responses each answer's response ordinal, -1 for none
 * @param combinations each answer's ordinal in {@link AnswerFields#GROUPS}, -1 for none; null when the
 *     segment was written before that field existed
 */
record SegmentOrdinals(int[] responses, int[] combinations) {

    /** The ordinals of the segments an index has open, each dropped when its segment closes. */
    static final class Cache {

        private final Map<IndexReader.CacheKey, SegmentOrdinals> bySegment = new ConcurrentHashMap<>();

        SegmentOrdinals of(LeafReader segment) throws IOException {
            IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
            if (helper == null) {
                return read(segment);
            }
            SegmentOrdinals known = bySegment.get(helper.getKey());
            if (known != null) {
                return known;
            }
            SegmentOrdinals read = read(segment);
            if (bySegment.putIfAbsent(helper.getKey(), read) == null) {
                helper.addClosedListener(bySegment::remove);
            }
            return read;
        }

        /** How many segments' ordinals are held. */
        int size() {
            return bySegment.size();
        }
    }

    private static SegmentOrdinals read(LeafReader segment) throws IOException {
        int answers = segment.maxDoc();
        int[] responses = ordinals(segment.getSortedDocValues(AnswerFields.RESPONSE), answers);
        SortedDocValues groups = segment.getSortedDocValues(AnswerFields.GROUPS);
        return new SegmentOrdinals(
                responses == null ? filled(answers) : responses, groups == null ? null : ordinals(groups, answers));
    }

    private static int[] ordinals(SortedDocValues values, int answers) throws IOException {
        if (values == null) {
            return null;
        }
        int[] ordinals = filled(answers);
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            ordinals[doc] = values.ordValue();
        }
        return ordinals;
    }

    private static int[] filled(int answers) {
        int[] none = new int[answers];
        Arrays.fill(none, -1);
        return none;
    }
}
