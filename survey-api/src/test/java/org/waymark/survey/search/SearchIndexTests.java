package org.waymark.survey.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How far the index may record progress through a feed whose ids can commit out of order. */
class SearchIndexTests {

    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 22, 12, 0);
    static final LocalDateTime SETTLED_BEFORE = NOW.minus(SearchIndex.SETTLE);

    private static IndexedAnswers.Change change(long id, LocalDateTime at) {
        return new IndexedAnswers.Change(id, "study", id, at);
    }

    @Test
    void advancesThroughAnUnbrokenRun() {
        var batch = List.of(change(11, NOW), change(12, NOW), change(13, NOW));
        assertThat(SearchIndex.settledThrough(10, batch, SETTLED_BEFORE)).isEqualTo(13);
    }

    @Test
    void stopsBeforeARecentGapThatMayStillCommit() {
        var batch = List.of(change(11, NOW), change(13, NOW), change(14, NOW));
        assertThat(SearchIndex.settledThrough(10, batch, SETTLED_BEFORE)).isEqualTo(11);
        var gapFirst = List.of(change(12, NOW));
        assertThat(SearchIndex.settledThrough(10, gapFirst, SETTLED_BEFORE)).isEqualTo(10);
    }

    @Test
    void passesAGapOlderThanTheSettlingTimeAsARolledBackTransaction() {
        LocalDateTime old = SETTLED_BEFORE.minusSeconds(1);
        var batch = List.of(change(11, old), change(13, old), change(15, NOW));
        assertThat(SearchIndex.settledThrough(10, batch, SETTLED_BEFORE)).isEqualTo(13);
    }
}
