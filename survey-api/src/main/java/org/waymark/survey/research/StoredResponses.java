package org.waymark.survey.research;

import java.util.List;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.analysis.survey.Dataset;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * Reads a study's submitted responses into an analysis {@link Dataset}, streaming the answer rows
 * from the database so that no object per response is ever built.
 */
@Repository
class StoredResponses {

    /** Rows fetched per round trip; the driver streams instead of reading the whole result. */
    static final int FETCH_SIZE = 2_000;

    private final JdbcClient jdbc;

    StoredResponses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The submitted responses of a study, against its current published definition. Withdrawn
     * responses and drafts are left out; free-text answers are not read at all.
     *
     * <p>One read-only transaction sees one snapshot, so the count and the rows agree even while
     * responses arrive.
     */
    @Transactional(readOnly = true)
    Dataset load(String studyId, ValidatedDefinition definition, List<GroupingRule> groupings) {
        long submitted = jdbc.sql("SELECT COUNT(*) FROM response WHERE study_id = ? AND status = 'submitted'")
                .param(studyId)
                .query(Long.class)
                .single();
        DatasetAssembler assembler = new DatasetAssembler(definition, groupings, Math.toIntExact(submitted));
        // Ordered as the (study_id, status, submitted_at) index is, with the id to keep a response's
        // rows together, so the database need not sort.
        jdbc.sql("""
                        SELECT r.id, a.question_id, a.kind, a.value
                        FROM response r LEFT JOIN answer a ON a.response_id = r.id AND a.kind <> 'text'
                        WHERE r.study_id = ? AND r.status = 'submitted'
                        ORDER BY r.submitted_at, r.id""").param(studyId).withFetchSize(FETCH_SIZE).query((RowCallbackHandler)
                row -> assembler.accept(row.getLong(1), row.getString(2), row.getString(3), row.getString(4)));
        return assembler.finish();
    }
}
