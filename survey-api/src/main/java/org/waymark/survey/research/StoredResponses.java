package org.waymark.survey.research;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.waymark.analysis.survey.Dataset;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * Reads a study's submitted responses into an analysis {@link Dataset}, streaming the answer rows
 * from the database so that no object per response is ever built.
 *
 * <p>Reading the answer rows is the slow part, and almost all of the time is the database's: it
 * works through millions of rows while Waymark waits. So a large study is read as {@value #PARTS}
 * ranges of response ids at once, each on its own connection and in its own read-only transaction,
 * into a dataset of its own; the parts are then joined ({@link Dataset#concat}). The readers are a
 * fixed pool of {@value #PARTS} threads shared by every request, so loading never holds more than
 * {@value #PARTS} connections, and the thread that asked holds none while it waits.
 */
@Repository
class StoredResponses implements DisposableBean {

    /** Rows fetched per round trip; the driver streams instead of reading the whole result. */
    static final int FETCH_SIZE = 2_000;

    /** Ranges read at once. On the 2-core standard machine 4 beat 2 and 3 (see docs/performance.md). */
    static final int PARTS = 4;

    /** Fewer submitted responses than this are read in one range: there is nothing to gain. */
    static final int PARTS_FROM = 20_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final int partsFrom;
    private final ExecutorService readers = Executors.newFixedThreadPool(
            PARTS, Thread.ofPlatform().name("analysis-reader-", 1).daemon().factory());

    @Autowired
    StoredResponses(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this(jdbc, transactions, PARTS_FROM);
    }

    /** With another threshold for reading in ranges, so that tests can read a small study that way. */
    StoredResponses(JdbcClient jdbc, PlatformTransactionManager transactions, int partsFrom) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.partsFrom = partsFrom;
    }

    /**
     * The submitted responses of a study, against its current published definition. Withdrawn
     * responses and drafts are left out; free-text answers are not read at all.
     *
     * <p>Each range is counted and read in one read-only transaction, which sees one snapshot, and
     * every response lies in exactly one range: a response submitted or withdrawn meanwhile is either
     * wholly in or wholly out, never half read.
     */
    Dataset load(String studyId, ValidatedDefinition definition, List<GroupingRule> groupings) {
        Ids ids = jdbc.sql(
                        "SELECT COUNT(*), MIN(id), MAX(id) FROM response WHERE study_id = ? AND status = 'submitted'")
                .param(studyId)
                .query((row, n) -> new Ids(row.getLong(1), row.getLong(2), row.getLong(3)))
                .single();
        if (ids.count() < partsFrom) {
            return range(studyId, definition, groupings, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        List<Future<Dataset>> parts = new ArrayList<>();
        long width = (ids.last() - ids.first()) / PARTS + 1;
        for (int p = 0; p < PARTS; p++) {
            long from = ids.first() + p * width;
            long to = p == PARTS - 1 ? ids.last() : from + width - 1;
            parts.add(readers.submit(() -> range(studyId, definition, groupings, from, to)));
        }
        List<Dataset> datasets = new ArrayList<>();
        for (Future<Dataset> part : parts) {
            datasets.add(result(part));
        }
        return Dataset.concat(datasets);
    }

    private record Ids(long count, long first, long last) {}

    /** The submitted responses with ids from {@code from} to {@code to}, counted and read in one transaction. */
    private Dataset range(
            String studyId, ValidatedDefinition definition, List<GroupingRule> groupings, long from, long to) {
        return readOnly.execute(status -> {
            long submitted =
                    jdbc.sql("""
                            SELECT COUNT(*) FROM response
                            WHERE study_id = ? AND status = 'submitted' AND id BETWEEN ? AND ?""").params(studyId, from, to).query(Long.class).single();
            DatasetAssembler assembler = new DatasetAssembler(definition, groupings, Math.toIntExact(submitted));
            // Ordered by id, so that a response's rows come together.
            jdbc.sql("""
                            SELECT r.id, a.question_id, a.kind, a.value
                            FROM response r LEFT JOIN answer a ON a.response_id = r.id AND a.kind <> 'text'
                            WHERE r.study_id = ? AND r.status = 'submitted' AND r.id BETWEEN ? AND ?
                            ORDER BY r.id""").params(studyId, from, to).withFetchSize(FETCH_SIZE).query((RowCallbackHandler)
                    row -> assembler.accept(row.getLong(1), row.getString(2), row.getString(3), row.getString(4)));
            return assembler.finish();
        });
    }

    private static Dataset result(Future<Dataset> part) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading responses", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }
}
