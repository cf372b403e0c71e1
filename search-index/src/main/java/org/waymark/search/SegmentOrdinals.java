package org.waymark.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.packed.PackedInts;

/**
 * Where each response's answers start in one segment, and each answer's combination of groups, read
 * once from the doc values and kept in memory while the segment is open (a bit and, for up to 65,535
 * combinations, two bytes an answer). Counting participants per group needs, for every match, whether
 * it starts another participant, and for each participant their groups; reading the doc values each
 * time took about a sixth of a broad search in a profile of {@code AnswerIndexBenchmark}.
 *
 * <p>Combinations are numbered once for the whole index ({@link Cache#groupsOf}), not per segment, so
 * that a search counts participants in one array across segments and names each combination's groups
 * once, without looking them up and decoding them again in every segment (a twentieth of a broad search).
 *
 * <p>A response's answers lie together, one block of consecutive documents ({@link SearchCollector}), so
 * two matches belong to different participants exactly when a block starts after the first and at or
 * before the second.
 *
 * @param responseStarts the first answer of each response's block
 * @param combinations each answer's combination number plus one, 0 for none; null when the segment was
 *     written before answers carried their groups in one value ({@link AnswerFields#GROUPS})
 */
record SegmentOrdinals(FixedBitSet responseStarts, PackedInts.Reader combinations) {

    /** The number of an answer's combination of groups, or -1 for none or when not recorded. */
    int combination(int doc) {
        return combinations == null ? -1 : (int) combinations.get(doc) - 1;
    }

    /** Whether {@code doc} belongs to another participant than {@code previous}, an earlier match. */
    boolean startsAnotherParticipant(int previous, int doc) {
        return previous < 0 || responseStarts.prevSetBit(doc) > previous;
    }

    /**
     * The ordinals of the segments an index has open, each dropped when its segment closes, and the
     * numbers of the combinations of groups they hold, which are kept: there are few.
     */
    static final class Cache {

        private final Map<IndexReader.CacheKey, SegmentOrdinals> bySegment = new ConcurrentHashMap<>();
        private final Map<String, Integer> numbers = new HashMap<>();
        private final List<Map<String, String>> combinations = new CopyOnWriteArrayList<>();

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

        /** How many combinations of groups have been numbered. */
        int combinationCount() {
            return combinations.size();
        }

        /** The groups of a numbered combination, by grouping id. */
        Map<String, String> groupsOf(int combination) {
            return combinations.get(combination);
        }

        private synchronized int number(String encoded) {
            return numbers.computeIfAbsent(encoded, key -> {
                combinations.add(Map.copyOf(AnswerFields.decodeGroups(key)));
                return combinations.size() - 1;
            });
        }

        private SegmentOrdinals read(LeafReader segment) throws IOException {
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
            return new SegmentOrdinals(starts, groups == null ? null : combinations(groups, answers));
        }

        /**
         * A byte each for up to 255 combinations, two for up to 65,535: matches are read out of order
         * across a segment, and the smaller the array, the more of it the processor's caches hold; but
         * values that straddle bytes (nine bits for 384 combinations) cost more to read than the cache
         * misses they save. Each value is the combination's number plus one, so that 0 can mean none.
         */
        private PackedInts.Mutable combinations(SortedDocValues values, int answers) throws IOException {
            int[] numberOfOrdinal = new int[values.getValueCount()];
            int highest = 0;
            for (int ordinal = 0; ordinal < numberOfOrdinal.length; ordinal++) {
                numberOfOrdinal[ordinal] = number(values.lookupOrd(ordinal).utf8ToString());
                highest = Math.max(highest, numberOfOrdinal[ordinal]);
            }
            PackedInts.Mutable packed = PackedInts.getMutable(
                    Math.max(answers, 1), PackedInts.bitsRequired(highest + 1L), PackedInts.FASTEST);
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                packed.set(doc, numberOfOrdinal[values.ordValue()] + 1L);
            }
            return packed;
        }
    }
}
