package org.waymark.survey.search;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.waymark.search.AnswerIndex;
import org.waymark.search.IndexHome;
import org.waymark.survey.WaymarkProperties;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.web.ApiProblemException;

/**
 * This instance's search index, kept true to the database. Changes reach it only through the change
 * feed ({@code index_outbox}), which intake writes in the same transaction as each submission and
 * withdrawal. The index applies them in batches, commits, and only then records its place in the feed,
 * so after a crash it applies again what it may have lost; applying twice changes nothing.
 */
@Component
public class SearchIndex implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    /** What a consistency check found for one study. */
    public record Consistency(
            String studyId,
            boolean consistent,
            int inDatabase,
            int inIndex,
            List<String> missingFromIndex,
            List<String> notInDatabase) {

        static Consistency of(String studyId, Set<String> inDatabase, Set<String> inIndex) {
            List<String> missing = sample(inDatabase, inIndex);
            List<String> extra = sample(inIndex, inDatabase);
            return new Consistency(
                    studyId, missing.isEmpty() && extra.isEmpty(), inDatabase.size(), inIndex.size(), missing, extra);
        }
    }

    private static final int SAMPLE = 20;

    private final IndexedAnswers answers;
    private final AnswerDocuments documents;
    private final WaymarkProperties.Search settings;
    private final IndexHome home;
    private final Clock clock;
    /** How long a feed id may stay missing before it counts as a transaction that rolled back. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    private final ReentrantLock writing = new ReentrantLock();
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile AnswerIndex index;

    SearchIndex(IndexedAnswers answers, AnswerDocuments documents, WaymarkProperties properties, Clock clock) {
        this.answers = answers;
        this.documents = documents;
        this.settings = properties.search();
        this.home = new IndexHome(properties.dataDir().resolve("search-index").resolve(settings.indexName()));
        this.clock = clock;
        home.deleteUnused();
        this.index = AnswerIndex.open(home.current(), settings.timeLimit());
    }

    /** The index to search. Callers use it at once and do not keep it: a rebuild replaces it. */
    public AnswerIndex index() {
        return index;
    }

    /** At start-up, catch up with whatever was submitted or withdrawn while this instance was down. */
    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        if (settings.rebuildAtStart()) {
            rebuild();
        } else if (index.isOutdated()) {
            // Searches keep working on the old index meanwhile, with the same results, only slower.
            log.info(
                    "Search index '{}' was built by an earlier version of Waymark; rebuilding it",
                    settings.indexName());
            rebuild();
        } else {
            int applied = applyPending();
            log.info(
                    "Search index '{}' is up to date ({} change(s) applied at start-up)",
                    settings.indexName(),
                    applied);
        }
    }

    @Scheduled(
            fixedDelayString = "${waymark.search.apply-every:1s}",
            initialDelayString = "${waymark.search.apply-every:1s}")
    void applyOnSchedule() {
        applyPending();
    }

    /** Applies every change in the feed this index has not applied yet; returns how many. */
    public int applyPending() {
        writing.lock();
        try {
            return catchUp(index, startingPoint(), true);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Builds a fresh index from the database in a new folder while intake goes on, brings it up to the
     * moment, and switches to it atomically; the old index is then deleted. One rebuild at a time.
     */
    public long rebuild() {
        if (!rebuilding.tryLock()) {
            throw ApiProblemException.conflict("A rebuild of the search index is already running. Wait for it to"
                    + " finish; searches keep working meanwhile.");
        }
        try {
            return rebuildAlone();
        } finally {
            rebuilding.unlock();
        }
    }

    private long rebuildAlone() {
        Path fresh = home.newGeneration();
        AnswerIndex rebuilt = AnswerIndex.open(fresh, settings.timeLimit());
        long[] count = {0};
        Map<String, List<GroupingRule>> groupingsByStudy = new HashMap<>();
        try {
            long settled;
            // Reading from the database on this thread while another indexes, rather than in turn, and
            // each study's groupings looked up once: more than twice the answers a second (see
            // docs/performance.md).
            try (BackgroundIndexer indexer = new BackgroundIndexer(rebuilt)) {
                settled = answers.streamSubmitted(settledBefore(), response -> {
                    indexer.upsert(response.studyId(), response.id(), documents.of(response, groupingsByStudy));
                    count[0]++;
                });
                indexer.finish();
            }
            rebuilt.commit(settled);
            // Searches keep using the old index until the new one's merges end: switched to unmerged, it
            // would answer more slowly, with the merges competing for the processor.
            rebuilt.settle();
            writing.lock();
            try {
                catchUp(rebuilt, settled, false);
                Path replaced = home.current();
                home.switchTo(fresh);
                AnswerIndex old = index;
                index = rebuilt;
                answers.saveCursor(
                        settings.indexName(), rebuilt.appliedThrough().orElse(settled), LocalDateTime.now(clock));
                closeLater(old, replaced);
            } finally {
                writing.unlock();
            }
        } catch (RuntimeException e) {
            if (index != rebuilt) {
                rebuilt.close();
            }
            throw e;
        }
        log.info("Search index '{}' rebuilt from {} response(s)", settings.indexName(), count[0]);
        return count[0];
    }

    /**
     * Applies the feed after {@code from} to an index, batch by batch, and returns how many changes it
     * applied. Feed ids are handed out when a row is written, not when its transaction commits, so a
     * missing id may still arrive; the index then records progress only up to the gap, and applies what
     * follows again on the next round. A gap older than {@link #SETTLE} is a transaction that rolled back.
     */
    private int catchUp(AnswerIndex target, long from, boolean saveCursor) {
        int applied = 0;
        long cursor = from;
        while (true) {
            List<IndexedAnswers.Change> batch = answers.changesAfter(cursor, settings.batchSize());
            if (batch.isEmpty()) {
                return applied;
            }
            long settled = settledThrough(cursor, batch, settledBefore());
            apply(target, batch, settled);
            if (saveCursor) {
                answers.saveCursor(settings.indexName(), settled, LocalDateTime.now(clock));
            }
            applied += batch.size();
            if (settled < batch.getLast().id()) {
                return applied;
            }
            cursor = settled;
        }
    }

    /** The last change of the batch up to which no earlier change can still arrive. */
    static long settledThrough(long cursor, List<IndexedAnswers.Change> batch, LocalDateTime settledBefore) {
        long settled = cursor;
        for (IndexedAnswers.Change change : batch) {
            boolean gap = change.id() != settled + 1;
            if (gap && change.createdAt().isAfter(settledBefore)) {
                return settled;
            }
            settled = change.id();
        }
        return settled;
    }

    private LocalDateTime settledBefore() {
        return LocalDateTime.now(clock).minus(SETTLE);
    }

    /**
     * Closes the replaced index once searches begun on it have had time to finish, then deletes its
     * folder: deleting it first would pull the files from under the open index. Only that folder: a
     * newer rebuild may be writing its own meanwhile.
     */
    private void closeLater(AnswerIndex old, Path folder) {
        Duration wait = settings.timeLimit().multipliedBy(2);
        Thread.ofVirtual().name("close-old-search-index").start(() -> {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                old.close();
                home.delete(folder);
            } catch (RuntimeException e) {
                log.warn(
                        "Could not close or delete the replaced search index '{}' ({}); it is deleted at the next"
                                + " start",
                        settings.indexName(),
                        e.getMessage());
            }
        });
    }

    /** Compares the answers in the database with those in the index, for one study. */
    public Consistency check(String studyId) {
        applyPending();
        Set<String> inDatabase = new HashSet<>(answers.textAnswerIds(studyId));
        return Consistency.of(studyId, inDatabase, index.answerIds(studyId));
    }

    @Override
    public void destroy() {
        writing.lock();
        try {
            index.close();
        } finally {
            writing.unlock();
        }
    }

    /**
     * Where to start in the feed: the recorded cursor, or earlier if the index's own last commit is behind
     * it (a crash between a switch and saving the cursor, or an index folder restored from a backup).
     */
    private long startingPoint() {
        long recorded = answers.cursor(settings.indexName());
        return Math.min(recorded, index.appliedThrough().orElse(0L));
    }

    private void apply(AnswerIndex target, List<IndexedAnswers.Change> batch, long settled) {
        Set<Long> responseIds = new LinkedHashSet<>();
        batch.forEach(change -> responseIds.add(change.responseId()));
        var now = answers.responses(responseIds);
        boolean removed = false;
        for (IndexedAnswers.Change change : batch) {
            if (!responseIds.remove(change.responseId())) {
                continue;
            }
            IndexedAnswers.ResponseNow response = now.get(change.responseId());
            if (response == null || !response.submitted()) {
                removed = true;
                target.deleteResponse(change.studyId(), change.responseId());
            } else {
                target.upsertResponse(change.studyId(), change.responseId(), documents.of(response));
            }
        }
        // A withdrawn answer must leave the index files, not only the results.
        if (removed && target.hasDeletions()) {
            target.expungeDeletes(settled);
        } else {
            target.commit(settled);
        }
    }

    private static List<String> sample(Set<String> from, Set<String> without) {
        List<String> missing = new ArrayList<>();
        for (String id : from) {
            if (!without.contains(id)) {
                missing.add(id);
                if (missing.size() == SAMPLE) {
                    break;
                }
            }
        }
        return missing;
    }
}
