package org.waymark.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one pass that ranks and counts gives what Lucene's own ranking gives, to the order of tied
 * scores, and the participants per group that counting each participant's answers one by one gives.
 */
class SearchCollectorTests {

    /** Few words, many answers with the same score, so that ties decide much of the order. */
    private static final List<String> WORDS = List.of("hope", "staff", "care", "plan", "listened", "family");

    private static final List<String> GROUPINGS = List.of("gender", "community");
    private static final Map<Long, Map<String, String>> GROUPS = new LinkedHashMap<>();

    private static Directory directory;
    private static DirectoryReader reader;

    @BeforeAll
    static void indexRandomResponses() throws IOException {
        directory = new ByteBuffersDirectory();
        SplittableRandom random = new SplittableRandom(11);
        IndexWriterConfig config = new IndexWriterConfig(AnswerAnalyzers.perField()).setMaxBufferedDocs(250);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (long key = 1; key <= 600; key++) {
                Map<String, String> groups = new TreeMap<>();
                groups.put("gender", List.of("woman", "man", "another").get(random.nextInt(3)));
                if (random.nextBoolean()) {
                    groups.put("community", "c" + random.nextInt(4));
                }
                // A response's answers go in together, into one segment, as AnswerIndex writes them.
                List<Document> answers = new ArrayList<>();
                for (String question : List.of("q1", "q2", "q3")) {
                    if (random.nextInt(3) == 0) {
                        continue;
                    }
                    StringBuilder text = new StringBuilder();
                    for (int w = 1 + random.nextInt(6); w > 0; w--) {
                        text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
                    }
                    answers.add(AnswerFields.toDocument(Answers.answer(key, question, text.toString(), groups)));
                }
                writer.addDocuments(answers);
                GROUPS.put(key, groups);
            }
        }
        reader = DirectoryReader.open(directory);
        assertThat(reader.leaves()).as("several segments").hasSizeGreaterThan(2);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void ranksAsLuceneDoesAndCountsEachParticipantOnce() throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        SegmentOrdinals.Cache cache = new SegmentOrdinals.Cache();
        for (String text : List.of("hope", "staff OR family", "care AND plan", "\"care plan\"", "listen*", "nobody")) {
            Query query = searcher.rewrite(QuerySyntax.parse(text));
            for (int depth : List.of(1, 20, 150, 5_000)) {
                SearchCollector.Results results =
                        searcher.search(query, new SearchCollector.Manager(depth, GROUPINGS, cache));
                TopDocs lucene = searcher.search(query, new TopScoreDocCollectorManager(depth, Integer.MAX_VALUE));
                String as = text + ", best " + depth;
                assertThat(results.answers()).as(as).isEqualTo(lucene.totalHits.value());
                assertThat(results.top().scoreDocs).as(as).hasSameSizeAs(lucene.scoreDocs);
                for (int i = 0; i < lucene.scoreDocs.length; i++) {
                    ScoreDoc want = lucene.scoreDocs[i];
                    ScoreDoc got = results.top().scoreDocs[i];
                    assertThat(got.doc).as("%s, hit %d", as, i).isEqualTo(want.doc);
                    assertThat(got.score).as("%s, score of hit %d", as, i).isEqualTo(want.score);
                }
                assertThat(results.participantsByGroup()).as(as).isEqualTo(countOneByOne(text));
            }
        }
        assertThat(searcher.count(QuerySyntax.parse("hope")))
                .as("ties and pages are exercised")
                .isGreaterThan(150);
    }

    /** Participants per group counted one by one from the matching answers: once each, however many match. */
    private static Map<String, Map<String, Integer>> countOneByOne(String text) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Query query = QuerySyntax.parse(text);
        Set<Long> matching = new HashSet<>();
        for (ScoreDoc hit : searcher.search(query, 10_000).scoreDocs) {
            String id = searcher.storedFields().document(hit.doc).get(AnswerFields.ID);
            matching.add(Long.parseLong(id.split("/")[1]));
        }
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        GROUPINGS.forEach(grouping -> counts.put(grouping, new TreeMap<>()));
        for (long key : matching) {
            GROUPS.get(key).forEach((grouping, group) -> counts.get(grouping).merge(group, 1, Integer::sum));
        }
        counts.replaceAll((grouping, byGroup) -> new LinkedHashMap<>(byGroup));
        return counts;
    }
}
