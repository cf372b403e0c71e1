package org.waymark.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Phrases answered from word pairs find the same answers with the same scores, to the last bit, as the
 * phrases read from positions: the search results must not change with the index layout.
 */
class WordPairQueryTests {

    /** Few words, so that every pair and most runs of three occur, some more than once in an answer. */
    private static final List<String> WORDS =
            List.of("my", "care", "plan", "support", "from", "who", "I", "am", "self", "esteem", "the", "staff");

    private static Directory directory;
    private static DirectoryReader reader;

    @BeforeAll
    static void indexRandomAnswers() throws IOException {
        directory = new ByteBuffersDirectory();
        SplittableRandom random = new SplittableRandom(7);
        IndexWriterConfig config = new IndexWriterConfig(AnswerAnalyzers.perField()).setMaxBufferedDocs(300);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < 2_000; i++) {
                StringBuilder text = new StringBuilder();
                int words = 1 + random.nextInt(30);
                for (int w = 0; w < words; w++) {
                    text.append(WORDS.get(random.nextInt(WORDS.size())));
                    text.append(random.nextInt(8) == 0 ? ". " : " ");
                }
                writer.addDocument(AnswerFields.toDocument(Answers.answer(i, "q", text.toString(), Map.of())));
            }
            // Phrases that occur twice in one answer, once overlapping themselves: scored higher than once.
            List<String> repeats = List.of("who I am, and who I am not", "care care care care", "I am I am I am");
            for (int i = 0; i < repeats.size(); i++) {
                writer.addDocument(AnswerFields.toDocument(Answers.answer(10_000 + i, "q", repeats.get(i), Map.of())));
            }
        }
        reader = DirectoryReader.open(directory);
        assertThat(reader.leaves())
                .as("several segments, so statistics span them")
                .hasSizeGreaterThan(1);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void findsAndScoresExactlyAsThePhrases() throws IOException {
        for (String query : List.of(
                "\"care plan\"",
                "\"support from\"",
                "\"who I am\"",
                "\"my care plan from the staff\"",
                "\"care care\"",
                "\"care care care\"",
                "\"I am I am\"",
                "\"am I am\"",
                "\"who I am\" AND \"self esteem\"",
                "\"support from the staff\" OR \"my care plan\"",
                "\"self esteem\"^3",
                "staff OR \"support from\" OR \"who I am\"",
                "\"care plan\" AND support NOT \"self esteem\"",
                "(\"my care\" OR esteem) AND \"the staff\"",
                "\"care plan\"~3",
                "\"plan nobody\"")) {
            Query phrases = QuerySyntax.parse(query);
            assertSameResults(query, phrases, WordPairQuery.replacePhrases(phrases));
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        assertThat(searcher.count(QuerySyntax.parse("\"care plan\"")))
                .as("the comparison covers matches")
                .isGreaterThan(50);
        assertThat(searcher.count(QuerySyntax.parse("\"who I am\""))).isGreaterThan(5);
        assertThat(searcher.count(QuerySyntax.parse("\"care care\""))).isGreaterThan(50);
        assertThat(searcher.count(QuerySyntax.parse("\"care care care\"")))
                .as("a phrase of one word repeated, which can overlap itself")
                .isGreaterThan(5);
        assertThat(searcher.count(QuerySyntax.parse("\"I am I am\""))).isGreaterThan(0);
    }

    @Test
    void leavesQueriesWithoutExactPhrasesAsTheyAre() {
        for (String query : List.of("care", "care plan", "\"care plan\"~3", "recov*", "lisened~")) {
            Query parsed = QuerySyntax.parse(query);
            assertThat(WordPairQuery.replacePhrases(parsed)).as(query).isEqualTo(parsed);
        }
    }

    private static void assertSameResults(String query, Query phrases, Query pairs) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        TopDocs expected = searcher.search(phrases, 5_000);
        TopDocs actual = searcher.search(pairs, 5_000);
        assertThat(searcher.count(pairs)).as(query).isEqualTo(searcher.count(phrases));
        assertThat(actual.scoreDocs).as(query).hasSameSizeAs(expected.scoreDocs);
        for (int i = 0; i < expected.scoreDocs.length; i++) {
            ScoreDoc want = expected.scoreDocs[i];
            ScoreDoc got = actual.scoreDocs[i];
            assertThat(got.doc).as("%s, hit %d", query, i).isEqualTo(want.doc);
            assertThat(Float.floatToIntBits(got.score))
                    .as("%s, score of hit %d", query, i)
                    .isEqualTo(Float.floatToIntBits(want.score));
        }
    }
}
