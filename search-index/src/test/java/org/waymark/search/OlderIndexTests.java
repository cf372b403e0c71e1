package org.waymark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.waymark.search.Answers.STUDY;
import static org.waymark.search.Answers.answer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index written before answers carried their word pairs and their groups in one value still gives
 * the same results, alone and mixed with answers written since, and says it is worth rebuilding.
 */
class OlderIndexTests {

    @TempDir
    Path directory;

    private static final Map<String, String> WOMAN_DETAINED = Map.of("gender", "woman", "compulsory", "detained");
    private static final Map<String, String> MAN = Map.of("gender", "man");

    /** Writes answers as the index wrote them before: no word pairs, no combined groups, no format. */
    private void writeTheOldWay(List<AnswerDocument> answers) throws IOException {
        try (FSDirectory folder = FSDirectory.open(directory);
                IndexWriter writer = new IndexWriter(folder, new IndexWriterConfig(AnswerAnalyzers.perField()))) {
            for (AnswerDocument answer : answers) {
                Document document = AnswerFields.toDocument(answer);
                document.removeFields(AnswerFields.PAIRS);
                document.removeFields(AnswerFields.GROUPS);
                writer.addDocument(document);
            }
            writer.setLiveCommitData(Map.of(AnswerIndex.APPLIED_THROUGH, "2").entrySet());
            writer.commit();
        }
    }

    @Test
    void searchesAnOlderIndexAloneAndMixedWithNewAnswers() throws IOException {
        writeTheOldWay(List.of(
                answer(1, "recovery_meaning", "My care plan was written with me.", WOMAN_DETAINED),
                answer(1, "what_helped", "The care I got from my plan.", WOMAN_DETAINED),
                answer(2, "recovery_meaning", "Nobody showed me my care plan.", MAN)));
        try (AnswerIndex index = AnswerIndex.open(directory, Duration.ofSeconds(5))) {
            assertThat(index.isOutdated()).isTrue();
            SearchRequest carePlan =
                    SearchRequest.of(STUDY, "\"care plan\"").countingGroups(List.of("gender", "compulsory"));
            SearchResult old = index.search(carePlan);
            assertThat(old.total()).isEqualTo(2);
            assertThat(old.byGroup())
                    .isEqualTo(Map.of("gender", Map.of("woman", 1, "man", 1), "compulsory", Map.of("detained", 1)));

            index.upsertResponse(
                    STUDY, 3, List.of(answer(3, "recovery_meaning", "A care plan I agreed.", WOMAN_DETAINED)));
            index.commit(3);
            SearchResult mixed = index.search(carePlan);
            assertThat(mixed.total()).isEqualTo(3);
            assertThat(mixed.byGroup())
                    .isEqualTo(Map.of("gender", Map.of("woman", 2, "man", 1), "compulsory", Map.of("detained", 2)));
            assertThat(mixed.hits())
                    .allSatisfy(hit -> assertThat(hit.highlight()).contains("<mark>care plan</mark>"));
            assertThat(index.isOutdated()).as("until it is rebuilt").isTrue();
        }
        try (AnswerIndex reopened = AnswerIndex.open(directory, Duration.ofSeconds(5))) {
            assertThat(reopened.isOutdated()).isTrue();
        }
    }

    @Test
    void aNewIndexIsCurrentAndStaysSo() {
        try (AnswerIndex index = AnswerIndex.open(directory, Duration.ofSeconds(5))) {
            assertThat(index.isOutdated()).isFalse();
            index.upsertResponse(STUDY, 1, List.of(answer(1, "My care plan.")));
            index.commit(1);
        }
        try (AnswerIndex reopened = AnswerIndex.open(directory, Duration.ofSeconds(5))) {
            assertThat(reopened.isOutdated()).isFalse();
            assertThat(reopened.search(SearchRequest.of(STUDY, "\"care plan\"")).total())
                    .isEqualTo(1);
        }
    }

    @Test
    void groupsSurviveTheirEncoding() {
        Map<String, String> groups = Map.of("a:b", "1:2", "age_band", "65+", "x", "", "gender", "woman");
        assertThat(AnswerFields.decodeGroups(AnswerFields.encodeGroups(groups))).isEqualTo(groups);
        assertThat(AnswerFields.decodeGroups(AnswerFields.encodeGroups(Map.of())))
                .isEmpty();
    }
}
