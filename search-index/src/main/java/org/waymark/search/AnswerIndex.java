package org.waymark.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index of free-text answers, one document per answer. Writes are upserts and deletions by
 * response; they become visible to searches after {@link #commit(long)}, which also records how far
 * through the change feed the index is. Searches share near-real-time searchers through a
 * {@link SearcherManager}. Safe for one writer thread and many searching threads.
 */
public final class AnswerIndex implements AutoCloseable {

    /** The commit data key under which the index records the last change it applied. */
    static final String APPLIED_THROUGH = "waymark.applied-through";

    /**
     * The commit data key under which the index records the layout it was built with. Indexes from
     * before it hold no word pairs, and those of format 2 hold them without positions: both give the
     * same results, with phrases read from the words' positions, until rebuilt.
     */
    static final String FORMAT = "waymark.index-format";

    static final String CURRENT_FORMAT = "3";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Duration timeLimit;
    private final SegmentOrdinals.Cache ordinals = new SegmentOrdinals.Cache();

    /** Whether every answer in the index was written with its word pairs. */
    private final boolean wordPairs;

    private AnswerIndex(Directory directory, IndexWriter writer, Duration timeLimit, boolean wordPairs)
            throws IOException {
        this.directory = directory;
        this.wordPairs = wordPairs;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.timeLimit = timeLimit;
    }

    /** Opens the index in a directory, creating it if empty; searches stop after the time limit. */
    public static AnswerIndex open(Path path, Duration timeLimit) {
        try {
            return open(FSDirectory.open(path), timeLimit);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the search index directory", e);
        }
    }

    static AnswerIndex open(Directory directory, Duration timeLimit) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(AnswerAnalyzers.perField());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        // A rebuild writes a million answers at once: a larger buffer means fewer, larger segments to
        // merge, and skipping compound files saves copying each new segment into one file (a seventh
        // less CPU while indexing in AnswerIndexBenchmark). Merged segments follow the merge policy.
        config.setRAMBufferSizeMB(128);
        config.setUseCompoundFile(false);
        config.setCommitOnClose(false);
        TieredMergePolicy merges = new TieredMergePolicy();
        // A withdrawn answer must leave the files, not only the results: merge away every deletion.
        merges.setForceMergeDeletesPctAllowed(0.0);
        config.setMergePolicy(merges);
        boolean current = !DirectoryReader.indexExists(directory)
                || CURRENT_FORMAT.equals(lastCommitData(directory).get(FORMAT));
        return new AnswerIndex(directory, new IndexWriter(directory, config), timeLimit, current);
    }

    private static Map<String, String> lastCommitData(Directory directory) throws IOException {
        var commits = DirectoryReader.listCommits(directory);
        return commits.get(commits.size() - 1).getUserData();
    }

    /**
     * Whether the index was built by an earlier version of Waymark, in a layout that gives the same
     * results more slowly: a rebuild brings it up to date.
     */
    public boolean isOutdated() {
        return !wordPairs;
    }

    /**
     * Replaces everything indexed for a response with these answers (none deletes it). Applying the same
     * change twice leaves the same index.
     */
    public void upsertResponse(String studyId, long responseKey, List<AnswerDocument> answers) {
        Term response = AnswerFields.responseTerm(studyId, responseKey);
        for (AnswerDocument answer : answers) {
            if (!answer.studyId().equals(studyId) || answer.responseKey() != responseKey) {
                throw new IllegalArgumentException("every answer must belong to the response upserted");
            }
        }
        try {
            if (answers.isEmpty()) {
                writer.deleteDocuments(response);
            } else {
                writer.updateDocuments(
                        response, answers.stream().map(AnswerFields::toDocument).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the search index", e);
        }
    }

    /** Removes a response's answers. */
    public void deleteResponse(String studyId, long responseKey) {
        upsertResponse(studyId, responseKey, List.of());
    }

    /** Removes every answer of a study. */
    public void deleteStudy(String studyId) {
        try {
            writer.deleteDocuments(new Term(AnswerFields.STUDY, studyId));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the search index", e);
        }
    }

    /**
     * Makes the changes so far durable and visible, recording that the index now reflects every change up
     * to {@code appliedThrough}.
     */
    public void commit(long appliedThrough) {
        try {
            Map<String, String> data = wordPairs
                    ? Map.of(APPLIED_THROUGH, Long.toString(appliedThrough), FORMAT, CURRENT_FORMAT)
                    : Map.of(APPLIED_THROUGH, Long.toString(appliedThrough));
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("could not commit the search index", e);
        }
    }

    /**
     * Waits for the merges that writing has started to finish, then commits and shows their result to
     * searches. A freshly built index is left in many small segments while its merges run in the
     * background; searching it is slower until they end (each query is answered segment by segment),
     * and the merges take the processor from searches meanwhile.
     */
    public void settle() {
        try {
            writer.maybeMerge();
            if (writer.getConfig().getMergeScheduler() instanceof ConcurrentMergeScheduler merges) {
                merges.sync();
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("could not merge the search index", e);
        }
    }

    /** The last change the committed index reflects, or empty for a new index. */
    public Optional<Long> appliedThrough() {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.empty();
            }
            String value = lastCommitData(directory).get(APPLIED_THROUGH);
            return Optional.ofNullable(value).map(Long::valueOf);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the search index", e);
        }
    }

    /**
     * Rewrites the segments that hold deleted answers, so that their text is gone from the files and not
     * only hidden from results, then commits. Costly on a large index; run it after withdrawals.
     */
    public void expungeDeletes(long appliedThrough) {
        try {
            writer.forceMergeDeletes(true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not merge the search index", e);
        }
        commit(appliedThrough);
    }

    /** Whether any deleted answers still occupy space in the index's files. */
    public boolean hasDeletions() {
        return writer.hasDeletions();
    }

    /** Searches one study. */
    public SearchResult search(SearchRequest request) {
        Query text = QuerySyntax.parse(request.query());
        return withSearcher(shared -> {
            IndexSearcher searcher = timeLimited(shared);
            boolean filterStudy = !SearchFilters.holdsOnly(searcher, request.studyId());
            // Rewritten once for both the search and the highlighter, which would otherwise expand a
            // fuzzy or wildcard query again, building its automaton each time.
            Query query = searcher.rewrite(SearchFilters.filtered(request, text, filterStudy));
            Query fast = faster(query);
            int depth = (request.page() + 1) * request.pageSize();
            SearchCollector.Results results =
                    searcher.search(fast, new SearchCollector.Manager(depth, request.countedGroupings(), ordinals));
            ScoreDoc[] page = pageOf(results.top().scoreDocs, request.page() * request.pageSize(), request.pageSize());
            List<SearchResult.Hit> hits = AnswerHighlighter.hits(searcher, query, page);
            return new SearchResult(results.answers(), hits, results.participantsByGroup(), !searcher.timedOut());
        });
    }

    /** One answer, by its response's key and its question. */
    public record AnswerRef(long responseKey, String questionId) {}

    /**
     * Every answer of a study that a query matches, unranked: what an auto-coding rule proposes.
     *
     * @throws QuerySyntaxException if the query cannot be read
     */
    public List<AnswerRef> matching(String studyId, String queryText) {
        Query query = SearchFilters.filtered(SearchRequest.of(studyId, queryText), QuerySyntax.parse(queryText), true);
        return withSearcher(shared -> {
            IndexSearcher searcher = timeLimited(shared);
            Query fast = faster(query);
            int total = searcher.count(fast);
            if (total == 0) {
                return List.of();
            }
            StoredFields stored = searcher.storedFields();
            List<AnswerRef> refs = new ArrayList<>(total);
            for (ScoreDoc hit : searcher.search(fast, total).scoreDocs) {
                Document document = stored.document(hit.doc, Set.of(AnswerFields.RESPONSE_KEY, AnswerFields.QUESTION));
                refs.add(new AnswerRef(
                        document.getField(AnswerFields.RESPONSE_KEY)
                                .numericValue()
                                .longValue(),
                        document.get(AnswerFields.QUESTION)));
            }
            return refs;
        });
    }

    /** The answers most like one answer, within the same study and question. */
    public List<SearchResult.Hit> moreLikeThis(String studyId, long responseKey, String questionId, int count) {
        return withSearcher(shared -> {
            IndexSearcher searcher = timeLimited(shared);
            String id = AnswerFields.answerId(studyId, responseKey, questionId);
            TopDocs self = searcher.search(new TermQuery(new Term(AnswerFields.ID, id)), 1);
            if (self.scoreDocs.length == 0) {
                return List.of();
            }
            String text =
                    searcher.storedFields().document(self.scoreDocs[0].doc).get(AnswerFields.TEXT);
            MoreLikeThis likeThis = new MoreLikeThis(searcher.getIndexReader());
            likeThis.setAnalyzer(AnswerAnalyzers.stemmed());
            likeThis.setFieldNames(new String[] {AnswerFields.TEXT});
            likeThis.setMinTermFreq(1);
            likeThis.setMinDocFreq(1);
            // Here, unlike in searches, words such as "and" would only add noise.
            likeThis.setStopWords(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            Query like = likeThis.like(AnswerFields.TEXT, new StringReader(text));
            Query query = new BooleanQuery.Builder()
                    .add(like, Occur.MUST)
                    .add(new TermQuery(new Term(AnswerFields.STUDY, studyId)), Occur.FILTER)
                    .add(new TermQuery(new Term(AnswerFields.QUESTION, questionId)), Occur.FILTER)
                    .add(new TermQuery(new Term(AnswerFields.ID, id)), Occur.MUST_NOT)
                    .build();
            TopDocs top = searcher.search(query, count);
            return AnswerHighlighter.hits(searcher, searcher.rewrite(like), top.scoreDocs);
        });
    }

    /** The ids ({@code study/responseKey/question}) of every answer indexed for a study. */
    public Set<String> answerIds(String studyId) {
        return withSearcher(searcher -> {
            Set<String> ids = new HashSet<>();
            TermQuery study = new TermQuery(new Term(AnswerFields.STUDY, studyId));
            int total = searcher.count(study);
            if (total == 0) {
                return ids;
            }
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(study, total).scoreDocs) {
                ids.add(stored.document(hit.doc, Set.of(AnswerFields.ID)).get(AnswerFields.ID));
            }
            return ids;
        });
    }

    /** How many segments searches read: each query is answered segment by segment. */
    int segments() {
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    /** How many segments' ordinals are held in memory for counting ({@link SegmentOrdinals}). */
    int segmentsWithOrdinals() {
        return ordinals.size();
    }

    /** How many answers are indexed for a study. */
    public int count(String studyId) {
        return withSearcher(searcher -> searcher.count(new TermQuery(new Term(AnswerFields.STUDY, studyId))));
    }

    /** Closes the index, dropping changes not yet committed: the change feed brings them again. */
    @Override
    public void close() {
        try (directory) {
            searchers.close();
            writer.rollback();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the search index", e);
        }
    }

    /** The same query, answered from word pairs where the index has them; highlights read the original. */
    private Query faster(Query query) {
        return wordPairs ? WordPairQuery.replacePhrases(query) : query;
    }

    private IndexSearcher timeLimited(IndexSearcher shared) {
        IndexSearcher searcher = new IndexSearcher(shared.getIndexReader());
        searcher.setTimeout(new QueryTimeoutImpl(timeLimit.toMillis()));
        return searcher;
    }

    private static ScoreDoc[] pageOf(ScoreDoc[] ranked, int from, int size) {
        if (from >= ranked.length) {
            return new ScoreDoc[0];
        }
        ScoreDoc[] page = new ScoreDoc[Math.min(size, ranked.length - from)];
        System.arraycopy(ranked, from, page, 0, page.length);
        return page;
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            searchers.maybeRefresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the index", e);
        }
    }
}
