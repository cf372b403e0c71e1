package org.waymark.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
final class GroupCounter implements Collector {

    /** What the counting found. */
    record Counts(long answers, Map<String, Map<String, Integer>> participantsByGroup) {}

    private final List<String> groupings;
    private final Map<String, Map<String, Set<String>>> responses = new HashMap<>();
    private long answers;

    private GroupCounter(List<String> groupings) {
        this.groupings = groupings;
        groupings.forEach(grouping -> responses.put(grouping, new HashMap<>()));
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        SortedDocValues response = DocValues.getSorted(context.reader(), AnswerFields.RESPONSE);
        SortedDocValues[] groups = new SortedDocValues[groupings.size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = DocValues.getSorted(context.reader(), AnswerFields.groupField(groupings.get(i)));
        }
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {}

            @Override
            public void collect(int doc) throws IOException {
                answers++;
                if (groups.length == 0 || !response.advanceExact(doc)) {
                    return;
                }
                String responseKey = response.lookupOrd(response.ordValue()).utf8ToString();
                for (int i = 0; i < groups.length; i++) {
                    if (groups[i].advanceExact(doc)) {
                        String group = groups[i].lookupOrd(groups[i].ordValue()).utf8ToString();
                        responses
                                .get(groupings.get(i))
                                .computeIfAbsent(group, g -> new HashSet<>())
                                .add(responseKey);
                    }
                }
            }
        };
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
        public Counts reduce(Collection<GroupCounter> collectors) {
            long answers = 0;
            Map<String, Map<String, Set<String>>> merged = new HashMap<>();
            for (GroupCounter collector : collectors) {
                answers += collector.answers;
                collector.responses.forEach((grouping, byGroup) ->
                        byGroup.forEach((group, keys) -> merged.computeIfAbsent(grouping, g -> new HashMap<>())
                                .computeIfAbsent(group, g -> new HashSet<>())
                                .addAll(keys)));
            }
            Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
            for (String grouping : groupings) {
                Map<String, Integer> byGroup = new LinkedHashMap<>();
                merged.getOrDefault(grouping, Map.of()).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(entry ->
                                byGroup.put(entry.getKey(), entry.getValue().size()));
                counts.put(grouping, byGroup);
            }
            return new Counts(answers, counts);
        }
    }
}
