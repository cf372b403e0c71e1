package org.waymark.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.packed.PackedInts;

/**
 * Where each response's answers start in one segment, and each answer's combination of groups as its
 * ordinal, read once from the doc values and kept in memory while the segment is open (a bit and,
 * for up to 255 combinations, a byte an answer). Counting participants per group needs, for every match, whether it starts another
 * participant, and for each participant their groups; reading the doc values each time took about a
 * sixth of a broad search in a profile of {@code AnswerIndexBenchmark}.
 *
 * <p>A response's answers lie together, one block of consecutive documents ({@link GroupCounter}), so
 * two matches belong to different participants exactly when a block starts after the first and at or
 * before the second.
 *
 * @param responseStarts the first answer of each response's block
 * @param combinations each answer's ordinal in {@link AnswerFields#GROUPS} plus one, 0 for none; null
 *     when the segment was written before that field existed
 */
record SegmentOrdinals(FixedBitSet responseStarts, PackedInts.Reader combinations) {

    /** The ordinal of an answer's combination of groups, or -1 for none or when not recorded. */
    int combination(int doc) {
        return combinations == null ? -1 : (int) combinations.get(doc) - 1;
    }

    /** Whether {@code doc} belongs to another participant than {@code previous}, an earlier match. */
    boolean startsAnotherParticipant(int previous, int doc) {
        return previous < 0 || responseStarts.prevSetBit(doc) > previous;
    }

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
        FixedBitSet starts = new FixedBitSet(Math.max(answers, 1));
        SortedDocValues responses = segment.getSortedDocValues(AnswerFields.RESPONSE);
        if (responses != null) {
            int previous = -1;
            for (int doc = responses.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = responses.nextDoc()) {
                int response = responses.ordValue();
                if (response != previous) {
                    starts.set(doc);
                    previous = response;
                }
            }
        }
        SortedDocValues groups = segment.getSortedDocValues(AnswerFields.GROUPS);
        return new SegmentOrdinals(starts, groups == null ? null : ordinals(groups, answers));
    }

    /**
     * Packed as tightly as quick reading allows (a byte each for up to 255 combinations): matches are
     * read out of order across a segment, and the smaller the array, the more of it the processor's
     * caches hold. Each value is the ordinal plus one, so that 0 can mean none.
     */
    private static PackedInts.Mutable ordinals(SortedDocValues values, int answers) throws IOException {
        PackedInts.Mutable ordinals = PackedInts.getMutable(
                Math.max(answers, 1), PackedInts.bitsRequired(values.getValueCount()), PackedInts.FAST);
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            ordinals.set(doc, values.ordValue() + 1L);
        }
        return ordinals;
    }
}
