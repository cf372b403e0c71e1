package org.waymark.survey.search;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.waymark.search.AnswerDocument;
import org.waymark.search.AnswerIndex;

/**
 * Indexes responses on a thread of its own while the caller reads the next ones from the database, so
 * that a rebuild takes about as long as the slower of the two rather than both added up. A bounded
 * queue between them keeps the reader from running far ahead. A failure on either side stops both: the
 * indexing thread's failure is thrown to the caller at its next hand-over.
 */
final class BackgroundIndexer implements AutoCloseable {

    private static final int QUEUED_RESPONSES = 2_000;

    private record Work(String studyId, long responseKey, List<AnswerDocument> answers) {}

    private static final Work END = new Work("", 0, List.of());

    private final AnswerIndex target;
    private final BlockingQueue<Work> queue = new ArrayBlockingQueue<>(QUEUED_RESPONSES);
    private final Thread thread;
    private volatile RuntimeException failure;

    BackgroundIndexer(AnswerIndex target) {
        this.target = target;
        this.thread = Thread.ofPlatform().name("search-index-rebuild").daemon().start(this::run);
    }

    /** Hands a response's documents over to be indexed, waiting while the queue is full. */
    void upsert(String studyId, long responseKey, List<AnswerDocument> answers) {
        handOver(new Work(studyId, responseKey, answers));
    }

    /** Waits until everything handed over is indexed; throws what made indexing fail, if anything did. */
    void finish() {
        handOver(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the search index rebuild", e);
        }
        throwIfFailed();
    }

    /** Stops the indexing thread if it is still running, as after a failure while reading. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handOver(Work work) {
        try {
            while (!queue.offer(work, 100, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the search index", e);
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    private void run() {
        try {
            for (Work work = queue.take(); work != END; work = queue.take()) {
                target.upsertResponse(work.studyId(), work.responseKey(), work.answers());
            }
        } catch (InterruptedException e) {
            failure = new IllegalStateException("the search index rebuild was stopped", e);
        } catch (RuntimeException e) {
            failure = e;
        }
    }
}
