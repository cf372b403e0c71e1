package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;

/**
 * Two owners removing each other at the same moment, on the real MariaDB: the check that another
 * owner remains and the removal must not interleave, or both pass and the study is left with none.
 */
@WaymarkIntegrationTest
class LastOwnerRaceTests {

    private static final String STUDY = "last-owner-race";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoOwnersRemovingEachOtherAtOnceLeaveOneOwner() throws Exception {
        TestApi first = TestAccounts.signedIn(port, "race-owner-one");
        TestApi second = TestAccounts.signedIn(port, "race-owner-two");
        var created = first.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var granted = first.put("/api/studies/" + STUDY + "/roles/race-owner-two", "{\"role\": \"owner\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(owners()).isEqualTo(2);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection holder = dataSource.getConnection()) {
            // Every role change writes its audit entry last, locking the chain's head. Holding that lock lets
            // both removals get as far as they can, checks included, before either may commit: the widest
            // possible overlap, every time, rather than one that depends on timing.
            holder.setAutoCommit(false);
            try (PreparedStatement head = holder.prepareStatement("SELECT id FROM audit_chain_head FOR UPDATE")) {
                head.executeQuery().close();
            }
            Future<Integer> oneRemovesTwo =
                    threads.submit(() -> first.delete("/api/studies/" + STUDY + "/roles/race-owner-two")
                            .status());
            Future<Integer> twoRemovesOne =
                    threads.submit(() -> second.delete("/api/studies/" + STUDY + "/roles/race-owner-one")
                            .status());
            waitForTransactionsWaitingForLocks(2);
            holder.rollback();
            List<Integer> statuses =
                    List.of(oneRemovesTwo.get(30, TimeUnit.SECONDS), twoRemovesOne.get(30, TimeUnit.SECONDS));
            assertThat(statuses)
                    .as("one removal goes through, the other is refused")
                    .containsExactlyInAnyOrder(204, 409);
        } finally {
            threads.shutdownNow();
        }
        assertThat(owners()).as("the study keeps one owner").isEqualTo(1);
    }

    private long owners() {
        return jdbc.sql("SELECT COUNT(*) FROM study_role WHERE study_id = ? AND role = 'owner'")
                .param(STUDY)
                .query(Long.class)
                .single();
    }

    /** Both requests are inside their transactions, each held up by a lock another holds. */
    private void waitForTransactionsWaitingForLocks(int count) {
        await("the two removals both waiting for a lock")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> jdbc.sql("""
                                SELECT COUNT(*) FROM information_schema.processlist
                                WHERE command = 'Query' AND info LIKE '%FOR UPDATE%' AND id <> CONNECTION_ID()""").query(Long.class).single() >= count);
    }
}
