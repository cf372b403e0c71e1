package org.waymark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.waymark.search.Answers.QUESTION;
import static org.waymark.search.Answers.STUDY;
import static org.waymark.search.Answers.answer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerIndexTests {

    @TempDir
    Path directory;

    private AnswerIndex index;

    @BeforeEach
    void open() {
        index = AnswerIndex.open(directory, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        index.close();
    }

    private SearchResult search(String query) {
        return index.search(SearchRequest.of(STUDY, query));
    }

    private SearchResult countingGroups(String query) {
        return index.search(SearchRequest.of(STUDY, query).countingGroups(List.of("community")));
    }

    private List<Long> keys(SearchResult result) {
        return result.hits().stream()
                .map(SearchResult.Hit::responseKey)
                .sorted()
                .toList();
    }

    @Test
    void findsWordsByTheirStemAndPhrasesOnlyAsWritten() {
        index.upsertResponse(STUDY, 1, List.of(answer(1, "The staff were caring and listened to me.")));
        index.upsertResponse(STUDY, 2, List.of(answer(2, "Nobody cared about my care plan.")));
        index.commit(2);
        assertThat(keys(search("care"))).containsExactly(1L, 2L);
        assertThat(keys(search("\"were caring\""))).containsExactly(1L);
        assertThat(keys(search("\"were care\""))).isEmpty();
        assertThat(keys(search("listen"))).containsExactly(1L);
        assertThat(keys(search("\"care plan\"~2"))).containsExactly(2L);
        assertThat(keys(search("caring NOT plan"))).containsExactly(1L);
        assertThat(keys(search("lisened~"))).as("one letter away from listened").containsExactly(1L);
        assertThat(keys(search("caring*")))
                .as("a wildcard reads the words as written")
                .containsExactly(1L);
        assertThat(keys(search("listen*"))).containsExactly(1L);
    }

    @Test
    void highlightsMatchesAndEscapesTheAnswersMarkup() {
        index.upsertResponse(
                STUDY, 1, List.of(answer(1, "Being treated as a human being <script>alert(1)</script> mattered.")));
        index.commit(1);
        String highlight = search("\"human being\"").hits().getFirst().highlight();
        assertThat(highlight)
                .contains("<mark>human being</mark>")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>");
        assertThat(search("treat").hits().getFirst().highlight()).contains("<mark>treated</mark>");
    }

    @Test
    void highlightsEveryWordAWildcardFindsBesideStemsAndPhrases() {
        // Wildcard matches are read from the index's offsets rather than by analysing the text again:
        // every word the query finds is marked, and no other.
        index.upsertResponse(
                STUDY, 1, List.of(answer(1, "Recovery took time; recovering friends listened to my care plan.")));
        index.commit(1);
        assertThat(search("recov* OR listen OR \"care plan\"").hits().getFirst().highlight())
                .isEqualTo("<mark>Recovery</mark> took time; <mark>recovering</mark> friends <mark>listened</mark>"
                        + " to my <mark>care plan</mark>.");
        assertThat(search("friend*").hits().getFirst().highlight()).contains("<mark>friends</mark>");
    }

    @Test
    void anUpsertReplacesAResponsesAnswersAndRepeatingItChangesNothing() {
        index.upsertResponse(STUDY, 1, List.of(answer(1, "first words about hope")));
        index.upsertResponse(STUDY, 1, List.of(answer(1, "second words about staff")));
        index.upsertResponse(STUDY, 1, List.of(answer(1, "second words about staff")));
        index.commit(3);
        assertThat(search("hope").total()).isZero();
        assertThat(search("staff").total()).isEqualTo(1);
        assertThat(index.answerIds(STUDY)).containsExactly(STUDY + "/1/" + QUESTION);
    }

    @Test
    void deletesEveryAnswerOfAResponseAndNothingElse() {
        index.upsertResponse(
                STUDY, 1, List.of(answer(1, "hope", "hope", Map.of()), answer(1, "help", "hope again", Map.of())));
        index.upsertResponse(STUDY, 2, List.of(answer(2, "hope")));
        index.commit(2);
        index.deleteResponse(STUDY, 1);
        index.commit(3);
        assertThat(keys(search("hope"))).containsExactly(2L);
        assertThat(index.count(STUDY)).isEqualTo(1);
    }

    @Test
    void keepsStudiesApart() {
        index.upsertResponse(STUDY, 1, List.of(answer(1, "hope")));
        index.upsertResponse(
                "other-study", 1, List.of(new AnswerDocument("other-study", 1, "X1", QUESTION, 1, "hope", Map.of())));
        index.commit(2);
        assertThat(search("hope").total()).isEqualTo(1);
        assertThat(index.answerIds("other-study")).containsExactly("other-study/1/" + QUESTION);
    }

    @Test
    void filtersByQuestionAndGroupAndCountsParticipantsPerGroup() {
        index.upsertResponse(
                STUDY,
                1,
                List.of(
                        answer(1, "q1", "hope and staff", Map.of("community", "black", "gender", "woman")),
                        answer(1, "q2", "hope again", Map.of("community", "black", "gender", "woman"))));
        index.upsertResponse(STUDY, 2, List.of(answer(2, "q1", "hope", Map.of("community", "white", "gender", "man"))));
        index.upsertResponse(STUDY, 3, List.of(answer(3, "q1", "hope", Map.of("gender", "man"))));
        index.upsertResponse(STUDY, 4, List.of(answer(4, "q1", "despair", Map.of("community", "white"))));
        index.commit(4);

        SearchResult all = index.search(SearchRequest.of(STUDY, "hope").countingGroups(List.of("community", "gender")));
        assertThat(all.total()).as("answers").isEqualTo(4);
        assertThat(all.byGroup())
                .as("participants, each counted once however many of their answers match")
                .isEqualTo(Map.of("community", Map.of("black", 1, "white", 1), "gender", Map.of("woman", 1, "man", 2)));
        assertThat(all.complete()).isTrue();

        assertThat(keys(index.search(SearchRequest.of(STUDY, "hope").withQuestion("q2"))))
                .containsExactly(1L);
        assertThat(keys(index.search(SearchRequest.of(STUDY, "hope").withGroup("gender", "man"))))
                .containsExactly(2L, 3L);
        assertThat(keys(index.search(SearchRequest.of(STUDY, "hope")
                        .withGroup("gender", "man")
                        .withGroup("community", "white"))))
                .containsExactly(2L);
    }

    @Test
    void countsEachParticipantOnceAcrossSegmentsAndRewrites() {
        // Worked by hand below: each response has two answers, "hope" in both when its key is even,
        // in one when it is odd; responses are written in three commits (three segments) and every
        // third is written again, so a count that followed documents rather than participants, or lost
        // track across segments or rewrites, would differ.
        for (long key = 1; key <= 60; key++) {
            String community = "c" + (key % 4);
            index.upsertResponse(
                    STUDY,
                    key,
                    List.of(
                            answer(key, "q1", "hope", Map.of("community", community)),
                            answer(key, "q2", key % 2 == 0 ? "more hope" : "despair", Map.of("community", community))));
            if (key % 20 == 0) {
                index.commit(key);
            }
        }
        for (long key = 3; key <= 60; key += 3) {
            String community = "c" + (key % 4);
            index.upsertResponse(
                    STUDY,
                    key,
                    List.of(
                            answer(key, "q1", "hope again", Map.of("community", community)),
                            answer(key, "q2", "hope still", Map.of("community", community))));
        }
        index.commit(61);

        SearchResult result = index.search(SearchRequest.of(STUDY, "hope").countingGroups(List.of("community")));

        // 60 responses, each counted once: keys 1 to 60 by key % 4 give 15 in each community.
        assertThat(result.byGroup()).isEqualTo(Map.of("community", Map.of("c0", 15, "c1", 15, "c2", 15, "c3", 15)));
        // Answers: the 40 responses not rewritten match in q1, and 20 of them (even keys) in q2 too;
        // the 20 rewritten match in both.
        assertThat(result.total()).isEqualTo(100);
    }

    @Test
    void pagesThroughHitsBestFirst() {
        for (long key = 1; key <= 25; key++) {
            index.upsertResponse(STUDY, key, List.of(answer(key, "hope " + "staff ".repeat((int) key))));
        }
        index.commit(25);
        SearchResult first = index.search(SearchRequest.of(STUDY, "staff").withPage(0, 10));
        SearchResult third = index.search(SearchRequest.of(STUDY, "staff").withPage(2, 10));
        assertThat(first.total()).isEqualTo(25);
        assertThat(first.hits()).hasSize(10);
        assertThat(third.hits()).hasSize(5);
        assertThat(first.hits().getFirst().score())
                .isGreaterThanOrEqualTo(first.hits().getLast().score());
        assertThatThrownBy(() -> SearchRequest.of(STUDY, "staff").withPage(10, 100))
                .hasMessageContaining("first 1000 results");
    }

    @Test
    void listsEveryMatchingAnswerBeyondOnePage() {
        for (long key = 1; key <= 1_500; key++) {
            index.upsertResponse(STUDY, key, List.of(answer(key, key % 3 == 0 ? "kind staff" : "waiting")));
        }
        index.commit(1_500);
        assertThat(index.matching(STUDY, "kind*"))
                .hasSize(500)
                .allSatisfy(ref -> assertThat(ref.responseKey() % 3).isZero())
                .allSatisfy(ref -> assertThat(ref.questionId()).isEqualTo(QUESTION));
    }

    @Test
    void findsAnswersLikeAnother() {
        index.upsertResponse(STUDY, 1, List.of(answer(1, "the nurses listened and treated me as a person")));
        index.upsertResponse(STUDY, 2, List.of(answer(2, "nurses who listened, treated like a person")));
        index.upsertResponse(STUDY, 3, List.of(answer(3, "medication and nothing else")));
        index.commit(3);
        assertThat(index.moreLikeThis(STUDY, 1, QUESTION, 5))
                .extracting(SearchResult.Hit::responseKey)
                .containsExactly(2L);
        assertThat(index.moreLikeThis(STUDY, 99, QUESTION, 5)).isEmpty();
    }

    @Test
    void recordsHowFarItHasAppliedTheChangeFeed() {
        assertThat(index.appliedThrough()).isEmpty();
        index.upsertResponse(STUDY, 1, List.of(answer(1, "hope")));
        index.commit(41);
        index.close();
        index = AnswerIndex.open(directory, Duration.ofSeconds(5));
        assertThat(index.appliedThrough()).contains(41L);
    }

    @Test
    void settlingMergesSmallSegmentsAndKeepsEveryAnswerAndTheFeedPosition() {
        // One commit per response leaves a segment each, more than the merge policy keeps (10 a tier).
        for (long key = 1; key <= 30; key++) {
            index.upsertResponse(
                    STUDY, key, List.of(answer(key, QUESTION, "hope number " + key, Map.of("community", "A"))));
            index.commit(key);
            assertThat(countingGroups("hope").total()).isEqualTo(key);
        }
        index.settle();
        assertThat(index.segments()).isLessThanOrEqualTo(10);
        assertThat(countingGroups("hope").byGroup().get("community").values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(30);
        assertThat(index.segmentsWithOrdinals())
                .as("the counting's ordinals are dropped with the segments merged away")
                .isEqualTo(index.segments());
        index.close();
        index = AnswerIndex.open(directory, Duration.ofSeconds(5));
        assertThat(index.appliedThrough()).contains(30L);
        assertThat(index.segments()).isLessThanOrEqualTo(10);
        assertThat(index.count(STUDY)).isEqualTo(30);
    }

    @Test
    void dropsWhatWasNotCommittedWhenItStopsWithoutCommitting() {
        index.upsertResponse(STUDY, 1, List.of(answer(1, "kept")));
        index.commit(1);
        index.upsertResponse(STUDY, 2, List.of(answer(2, "lost")));
        index.close();
        index = AnswerIndex.open(directory, Duration.ofSeconds(5));
        assertThat(index.answerIds(STUDY)).containsExactly(STUDY + "/1/" + QUESTION);
        assertThat(index.appliedThrough()).contains(1L);
    }

    @Test
    void leavesNoTraceOfADeletedAnswerInTheIndexFiles() throws IOException {
        String canary = "zqxwvcanary" + System.nanoTime();
        index.upsertResponse(STUDY, 1, List.of(answer(1, "an answer that stays")));
        index.commit(1);
        index.upsertResponse(STUDY, 2, List.of(answer(2, "my own words " + canary + " about hope")));
        index.commit(2);
        assertThat(filesContaining(canary))
                .as("the check can see the canary while it is indexed")
                .isNotEmpty();

        index.deleteResponse(STUDY, 2);
        index.expungeDeletes(3);

        assertThat(filesContaining(canary)).isEmpty();
        assertThat(index.hasDeletions()).isFalse();
        assertThat(search("stays").total()).isEqualTo(1);
    }

    @Test
    void leavesNoTraceOfOneDeletedAnswerAmongManyInTheSameSegment() throws IOException {
        String canary = "qjzvxcanary" + System.nanoTime();
        for (long key = 1; key <= 200; key++) {
            index.upsertResponse(STUDY, key, List.of(answer(key, key == 100 ? "words " + canary : "hope " + key)));
        }
        index.commit(200);
        assertThat(filesContaining(canary)).isNotEmpty();

        index.deleteResponse(STUDY, 100);
        index.expungeDeletes(201);

        assertThat(filesContaining(canary))
                .as("one deletion in 200 is still merged away")
                .isEmpty();
        assertThat(index.count(STUDY)).isEqualTo(199);
    }

    private List<Path> filesContaining(String word) throws IOException {
        byte[] needle = word.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> contains(file, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
