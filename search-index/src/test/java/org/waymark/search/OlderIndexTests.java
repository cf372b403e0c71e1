package org.waymark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.waymark.search.Answers.STUDY;
import static org.waymark.search.Answers.answer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index written before answers carried their word pairs and their groups in one value, or their word
 * pairs' positions, still gives the same results, alone and mixed with answers written since, and says
 * it is worth rebuilding.
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
    void countsParticipantsInOneSegmentMergedFromOlderAndNewerAnswers() throws IOException {
        try (FSDirectory folder = FSDirectory.open(directory);
                IndexWriter writer = new IndexWriter(folder, new IndexWriterConfig(AnswerAnalyzers.perField()))) {
            Document older = AnswerFields.toDocument(answer(1, "recovery_meaning", "My care plan.", WOMAN_DETAINED));
            older.removeFields(AnswerFields.GROUPS);
            writer.addDocument(older);
            writer.commit();
            writer.addDocument(AnswerFields.toDocument(answer(2, "recovery_meaning", "A care plan.", MAN)));
            writer.addDocument(AnswerFields.toDocument(answer(3, "recovery_meaning", "No care plan.", WOMAN_DETAINED)));
            writer.forceMerge(1);
            writer.setLiveCommitData(Map.of(AnswerIndex.APPLIED_THROUGH, "3").entrySet());
            writer.commit();
        }
        try (AnswerIndex index = AnswerIndex.open(directory, Duration.ofSeconds(5))) {
            assertThat(index.segments()).isEqualTo(1);
            SearchResult result = index.search(
                    SearchRequest.of(STUDY, "\"care plan\"").countingGroups(List.of("gender", "compulsory")));
            assertThat(result.total()).isEqualTo(3);
            assertThat(result.byGroup())
                    .isEqualTo(Map.of("gender", Map.of("woman", 2, "man", 1), "compulsory", Map.of("detained", 2)));
        }
    }

    /** Writes answers as format 2 did: word pairs without their positions, under another field name. */
    private void writeAsFormatTwo(List<AnswerDocument> answers) throws IOException {
        FieldType pairsWithoutPositions = new FieldType();
        pairsWithoutPositions.setTokenized(true);
        pairsWithoutPositions.setOmitNorms(true);
        pairsWithoutPositions.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        Analyzer analyzer =
                new PerFieldAnalyzerWrapper(AnswerAnalyzers.perField(), Map.of("text_pairs", AnswerAnalyzers.pairs()));
        try (FSDirectory folder = FSDirectory.open(directory);
                IndexWriter writer = new IndexWriter(folder, new IndexWriterConfig(analyzer))) {
            for (AnswerDocument answer : answers) {
                Document document = AnswerFields.toDocument(answer);
                document.removeFields(AnswerFields.PAIRS);
                document.add(new Field("text_pairs", answer.text(), pairsWithoutPositions));
                writer.addDocument(document);
            }
            writer.setLiveCommitData(Map.of(AnswerIndex.APPLIED_THROUGH, "2", AnswerIndex.FORMAT, "2")
                    .entrySet());
            writer.commit();
        }
    }

    @Test
    void anIndexWithPairsWithoutPositionsTakesNewAnswersAndFindsLongPhrases() throws IOException {
        writeAsFormatTwo(List.of(
                answer(1, "recovery_meaning", "Knowing who I am again.", WOMAN_DETAINED),
                answer(2, "recovery_meaning", "Who am I? I am not sure who.", MAN)));
        try (AnswerIndex index = AnswerIndex.open(directory, Duration.ofSeconds(5))) {
            assertThat(index.isOutdated()).isTrue();
            SearchRequest whoIAm = SearchRequest.of(STUDY, "\"who I am\"").countingGroups(List.of("gender"));
            assertThat(index.search(whoIAm).total()).isEqualTo(1);

            index.upsertResponse(STUDY, 3, List.of(answer(3, "recovery_meaning", "I know who I am now.", MAN)));
            index.commit(3);
            SearchResult mixed = index.search(whoIAm);
            assertThat(mixed.total()).isEqualTo(2);
            assertThat(mixed.byGroup()).isEqualTo(Map.of("gender", Map.of("woman", 1, "man", 1)));
            assertThat(mixed.hits())
                    .allSatisfy(hit -> assertThat(hit.highlight()).contains("<mark>who I am</mark>"));
            assertThat(index.isOutdated()).as("until it is rebuilt").isTrue();
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
