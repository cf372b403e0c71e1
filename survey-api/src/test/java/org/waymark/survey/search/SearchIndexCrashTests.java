package org.waymark.survey.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.search.AnswerDocument;
import org.waymark.search.SearchRequest;
import org.waymark.survey.MovableClock;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.WaymarkProperties;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.TestDefinitions;

/**
 * A second index, as another instance would keep, that fails part-way through applying the change feed
 * and is then opened again: it catches up and holds exactly what the database holds.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexCrashTests {

    static final String STUDY = "crash-search-study";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StudyService studies;

    @Autowired
    DataSource dataSource;

    @Autowired
    WaymarkProperties properties;

    @BeforeAll
    void submitSome() {
        TestApi admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        admin.post("/api/studies/" + STUDY + "/publish", "");
        for (int i = 0; i < 7; i++) {
            var reply = TestApi.on(port)
                    .postWithKey(
                            "/api/studies/" + STUDY + "/responses",
                            UUID.randomUUID().toString(),
                            SearchApiTests.submission("black_african", "yes", "Synthetic answer number " + i));
            assertThat(reply.status()).isEqualTo(201);
        }
    }

    private SearchIndex instance(Path dataDir, String name, IndexedAnswers answers, AnswerDocuments documents) {
        var settings = new WaymarkProperties.Search(name, Duration.ofSeconds(2), Duration.ofSeconds(1), 3, false);
        return new SearchIndex(
                answers,
                documents,
                new WaymarkProperties(
                        dataDir,
                        properties.demo(),
                        properties.drafts(),
                        settings,
                        properties.signIn(),
                        properties.rateLimits(),
                        properties.retention()),
                clock);
    }

    /**
     * The system clock, moved past {@link SearchIndex#SETTLE} unless a test needs a gap in the feed to
     * stay open. A submission another test rolled back leaves a gap in the feed's ids, which an index
     * waits out for that long before passing it (a transaction that commits late must not be skipped);
     * a new index over the shared test database would otherwise stop at it.
     */
    private final MovableClock clock = MovableClock.over(Clock.systemUTC());

    @BeforeEach
    void settleOtherTestsGaps() {
        clock.putBack();
        clock.moveOn(SearchIndex.SETTLE.plusSeconds(1));
    }

    /** Fails the k-th time a response is turned into documents: a crash before the index commits. */
    private AnswerDocuments failingAt(int k) {
        return new AnswerDocuments(studies) {
            private int calls;

            @Override
            List<AnswerDocument> of(IndexedAnswers.ResponseNow response) {
                if (++calls == k) {
                    throw new IllegalStateException("simulated crash while applying the feed");
                }
                return super.of(response);
            }
        };
    }

    /** Fails the k-th time the cursor is saved: a crash after the index committed, before the cursor moved. */
    private IndexedAnswers cursorFailingAt(int k) {
        return new IndexedAnswers(jdbc) {
            private int calls;

            @Override
            void saveCursor(String indexName, long lastApplied, LocalDateTime at) {
                if (++calls == k) {
                    throw new IllegalStateException("simulated crash before the cursor was saved");
                }
                super.saveCursor(indexName, lastApplied, at);
            }
        };
    }

    @Test
    void waitsForAChangeThatCommitsAfterALaterOne() throws Exception {
        Path dataDir = Files.createDirectories(
                Path.of("target", "search-crash", UUID.randomUUID().toString()));
        String name = "order-" + UUID.randomUUID().toString().substring(0, 8);
        SearchIndex follower = instance(dataDir, name, new IndexedAnswers(jdbc), new AnswerDocuments(studies));
        follower.applyPending();
        // From here on, real time: the gap this test makes must stay open until its transaction commits.
        clock.putBack();
        long responseId = jdbc.sql("SELECT MIN(id) FROM response WHERE study_id = ? AND status = 'submitted'")
                .param(STUDY)
                .query(Long.class)
                .single();
        try (Connection slow = dataSource.getConnection()) {
            // An edit whose transaction takes its feed id first but commits last.
            slow.setAutoCommit(false);
            try (var edit = slow.prepareStatement(
                    "UPDATE answer SET value = 'an edited answer about zebras' WHERE response_id = ? AND kind = 'text'")) {
                edit.setLong(1, responseId);
                edit.executeUpdate();
            }
            try (var feed = slow.prepareStatement("""
                    INSERT INTO index_outbox (study_id, response_id, operation, created_at)
                    VALUES (?, ?, 'upsert', NOW(6))""")) {
                feed.setString(1, STUDY);
                feed.setLong(2, responseId);
                feed.executeUpdate();
            }
            var later = TestApi.on(port)
                    .postWithKey(
                            "/api/studies/" + STUDY + "/responses",
                            UUID.randomUUID().toString(),
                            SearchApiTests.submission("white_british", "no", "A later answer about giraffes"));
            assertThat(later.status()).isEqualTo(201);
            follower.applyPending();
            assertThat(follower.index()
                            .search(SearchRequest.of(STUDY, "giraffes"))
                            .total())
                    .as("the later change is applied at once")
                    .isEqualTo(1);
            slow.commit();
        }
        follower.applyPending();
        assertThat(follower.index().search(SearchRequest.of(STUDY, "zebras")).total())
                .as("the earlier id, committed last, is not skipped")
                .isEqualTo(1);
        assertThat(follower.check(STUDY).consistent()).isTrue();
        follower.destroy();
    }

    @Test
    void catchesUpAfterACrashBeforeTheIndexCommitted() throws Exception {
        Path dataDir = Files.createDirectories(
                Path.of("target", "search-crash", UUID.randomUUID().toString()));
        String name = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        SearchIndex crashing = instance(dataDir, name, new IndexedAnswers(jdbc), failingAt(8));
        assertThatThrownBy(crashing::applyPending).hasMessageContaining("simulated crash");
        assertThat(crashing.index().appliedThrough().orElse(0L))
                .as("the crash left part of the feed unapplied")
                .isLessThan(new IndexedAnswers(jdbc).lastChange());
        crashing.destroy();

        SearchIndex restarted = instance(dataDir, name, new IndexedAnswers(jdbc), new AnswerDocuments(studies));
        restarted.applyPending();
        assertThat(restarted.check(STUDY).consistent()).isTrue();
        assertThat(restarted.check(STUDY).inIndex()).isGreaterThanOrEqualTo(7);
        restarted.destroy();
    }

    @Test
    void catchesUpAfterACrashBetweenTheIndexCommitAndTheCursor() throws Exception {
        Path dataDir = Files.createDirectories(
                Path.of("target", "search-crash", UUID.randomUUID().toString()));
        String name = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        SearchIndex crashing = instance(dataDir, name, cursorFailingAt(2), new AnswerDocuments(studies));
        assertThatThrownBy(crashing::applyPending).hasMessageContaining("simulated crash");
        long cursorAtCrash = new IndexedAnswers(jdbc).cursor(name);
        assertThat(crashing.index().appliedThrough().orElseThrow())
                .as("the index committed further than the cursor says")
                .isGreaterThan(cursorAtCrash);
        crashing.destroy();

        SearchIndex restarted = instance(dataDir, name, new IndexedAnswers(jdbc), new AnswerDocuments(studies));
        restarted.applyPending();
        assertThat(restarted.check(STUDY).consistent()).isTrue();
        assertThat(restarted.check(STUDY).inIndex()).isGreaterThanOrEqualTo(7);
        assertThat(new IndexedAnswers(jdbc).cursor(name)).isEqualTo(new IndexedAnswers(jdbc).lastChange());
        restarted.destroy();
    }
}
