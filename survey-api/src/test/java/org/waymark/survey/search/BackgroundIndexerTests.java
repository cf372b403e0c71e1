package org.waymark.survey.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.search.AnswerDocument;
import org.waymark.search.AnswerIndex;

class BackgroundIndexerTests {

    private static final String STUDY = "synthetic-study";

    @TempDir
    Path directory;

    private static AnswerDocument answer(long responseKey, String text) {
        return new AnswerDocument(STUDY, responseKey, "R" + responseKey, "recovery_meaning", 1, text, Map.of());
    }

    @Test
    void indexesEverythingHandedOverBeforeFinishing() {
        try (AnswerIndex index = AnswerIndex.open(directory, Duration.ofSeconds(5))) {
            try (BackgroundIndexer indexer = new BackgroundIndexer(index)) {
                for (long key = 1; key <= 5_000; key++) {
                    indexer.upsert(STUDY, key, List.of(answer(key, "Synthetic answer number " + key + ".")));
                }
                indexer.finish();
            }
            index.commit(5_000);
            assertThat(index.count(STUDY)).isEqualTo(5_000);
        }
    }

    @Test
    void aFailureWhileIndexingStopsTheReaderWithThatFailure() {
        try (AnswerIndex index = AnswerIndex.open(directory, Duration.ofSeconds(5));
                BackgroundIndexer indexer = new BackgroundIndexer(index)) {
            // An answer handed over under another response's key is refused by the index, on its thread.
            indexer.upsert(STUDY, 1, List.of(answer(2, "Synthetic answer in the wrong response.")));
            assertThatThrownBy(() -> {
                        for (long key = 3; key < 100_000; key++) {
                            indexer.upsert(STUDY, key, List.of(answer(key, "Synthetic answer.")));
                        }
                        indexer.finish();
                    })
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("every answer must belong to the response upserted");
        }
    }
}
