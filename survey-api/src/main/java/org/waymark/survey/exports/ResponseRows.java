package org.waymark.survey.exports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.waymark.survey.responses.StoredAnswer;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * Reads a study's submitted responses for export, one response at a time in the order they were
 * stored, by pseudonymous id only. Drafts and withdrawn responses are never read (a withdrawn
 * response has no answers left in any case). All of it is read in one read-only transaction, so an
 * export is one consistent snapshot.
 *
 * <p>Answers are read against the current published definition, as the analysis reads them: an
 * answer counts when the definition still has the question, with a type that takes that kind of
 * answer and every code among its options.
 */
@Repository
class ResponseRows {

    /** One submitted response. */
    record Row(String responseId, List<String> agreed, Map<String, AnswerValue> answers) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    ResponseRows(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Calls {@code each} for every submitted response of the study; returns how many there were. */
    int forEach(String studyId, ValidatedDefinition definition, Consumer<Row> each) {
        Integer count = readOnly.execute(status -> {
            Reader reader = new Reader(definition, each);
            jdbc.sql("""
                            SELECT r.id, r.pseudonym, c.statements_agreed, a.question_id, a.kind, a.value
                            FROM response r
                            LEFT JOIN consent c ON c.response_id = r.id
                            LEFT JOIN answer a ON a.response_id = r.id
                            WHERE r.study_id = ? AND r.status = 'submitted'
                            ORDER BY r.id, a.question_id""").param(studyId).withFetchSize(2_000).query((RowCallbackHandler) reader::accept);
            reader.flush();
            return reader.responses;
        });
        return count == null ? 0 : count;
    }

    private static final class Reader {
        private final ValidatedDefinition definition;
        private final Consumer<Row> each;
        private long current = -1;
        private String responseId;
        private List<String> agreed;
        private Map<String, AnswerValue> answers = new LinkedHashMap<>();
        private int responses;

        Reader(ValidatedDefinition definition, Consumer<Row> each) {
            this.definition = definition;
            this.each = each;
        }

        void accept(java.sql.ResultSet row) throws java.sql.SQLException {
            long id = row.getLong(1);
            if (id != current) {
                flush();
                current = id;
                responseId = row.getString(2);
                String statements = row.getString(3);
                agreed = statements == null || statements.isEmpty() ? List.of() : List.of(statements.split(";"));
            }
            String question = row.getString(4);
            if (question != null) {
                AnswerValue answer = new StoredAnswer(row.getString(5), row.getString(6)).toAnswer();
                if (fits(definition.question(question).orElse(null), answer)) {
                    answers.put(question, answer);
                }
            }
        }

        void flush() {
            if (current < 0) {
                return;
            }
            each.accept(new Row(responseId, agreed, answers));
            responses++;
            answers = new LinkedHashMap<>();
            current = -1;
        }
    }

    static boolean fits(Question question, AnswerValue answer) {
        if (question == null) {
            return false;
        }
        return switch (answer) {
            case AnswerValue.PreferNotToSay ignored -> question.preferNotToSay();
            case AnswerValue.Choice choice ->
                (question.type() == QuestionType.SINGLE || question.type() == QuestionType.SCALE)
                        && (question.options().stream().anyMatch(o -> o.code().equals(choice.code()))
                                || (question.notApplicable() != null
                                        && question.notApplicable().code().equals(choice.code())));
            case AnswerValue.Choices choices ->
                question.type() == QuestionType.MULTI
                        && choices.chosen().stream()
                                .allMatch(code -> question.options().stream()
                                        .anyMatch(o -> o.code().equals(code)));
            case AnswerValue.Number ignored -> question.type() == QuestionType.NUMBER;
            case AnswerValue.Date ignored -> question.type() == QuestionType.DATE;
            case AnswerValue.Text ignored -> question.type() == QuestionType.TEXT;
        };
    }
}
