package org.waymark.search;

import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** A request's study, question and group filters around the text of its search. */
final class SearchFilters {

    private SearchFilters() {}

    /**
     * The query with the request's filters. The study filter may be left out when every answer in the
     * index belongs to the study (the usual case: one study per instance, see {@link #holdsOnly}): it
     * would then match every document, and walking it beside the text cost a tenth to a third of a
     * broad search's time.
     */
    static Query filtered(SearchRequest request, Query text, boolean filterStudy) {
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, Occur.MUST);
        if (filterStudy) {
            query.add(new TermQuery(new Term(AnswerFields.STUDY, request.studyId())), Occur.FILTER);
        }
        if (request.questionId() != null) {
            query.add(new TermQuery(new Term(AnswerFields.QUESTION, request.questionId())), Occur.FILTER);
        }
        request.groupFilters()
                .forEach((grouping, group) ->
                        query.add(new TermQuery(new Term(AnswerFields.groupField(grouping), group)), Occur.FILTER));
        return query.build();
    }

    /** Whether every document in the index, deleted ones included, belongs to the study. */
    static boolean holdsOnly(IndexSearcher searcher, String studyId) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        return reader.maxDoc() > 0 && reader.docFreq(new Term(AnswerFields.STUDY, studyId)) == reader.maxDoc();
    }
}
