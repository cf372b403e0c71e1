package org.waymark.survey;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * Writes submitted responses straight into the database, for benchmarks that need many of them
 * quickly: plain JDBC, multi-row inserts, one transaction per 10,000 responses, bypassing intake (so
 * nothing reaches the search index's feed). Response {@code i} gets the id {@code i + 1} and the
 * pseudonym {@code B} and that id; its participant has the same id.
 */
public final class BulkResponses {

    /** An answer as the answer table stores it; {@code value} may be null (prefer not to say). */
    public record Row(String questionId, String kind, String value) {}

    private static final int ROWS_PER_STATEMENT = 2_000;
    private static final int RESPONSES_PER_TRANSACTION = 10_000;

    private final String studyId;
    private final long versionId;

    public BulkResponses(String studyId, long versionId) {
        this.studyId = studyId;
        this.versionId = versionId;
    }

    /**
     * Inserts responses {@code from} to {@code to - 1}, each with the answers {@code answers} gives
     * for its number, and returns how many answer rows it wrote.
     */
    public long insert(Connection connection, int from, int to, IntFunction<List<Row>> answers) throws SQLException {
        long rows = 0;
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
            Batch batch = new Batch();
            for (int i = from; i < to; i++) {
                long id = i + 1L;
                batch.response(id);
                for (Row answer : answers.apply(i)) {
                    batch.answer(id, answer);
                    rows++;
                    if (batch.answerRows == ROWS_PER_STATEMENT) {
                        batch.flush(statement);
                    }
                }
                if ((i + 1) % RESPONSES_PER_TRANSACTION == 0) {
                    batch.flush(statement);
                    connection.commit();
                }
            }
            batch.flush(statement);
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        return rows;
    }

    /**
     * Refreshes MariaDB's statistics of the tables written, as its background statistics would in a
     * while. Right after a bulk insert they can be stale enough that MariaDB 11.4 reads a study's
     * answers with a full scan and a block nested loop instead of the primary key: minutes instead of
     * a second at 20,000 responses, seen in the report benchmark. Benchmarks measure the settled
     * server, and call this after inserting.
     */
    public static void analyze(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE TABLE participant, response, answer");
        }
    }

    /**
     * Inserts responses {@code from} to {@code to - 1}, each with an answer set drawn from {@code
     * pool} (by a generator seeded with {@code from}), and returns how many answer rows it wrote.
     */
    public long insertFromPool(Connection connection, int from, int to, List<List<Row>> pool) throws SQLException {
        SplittableRandom random = new SplittableRandom(from);
        return insert(connection, from, to, i -> pool.get(random.nextInt(pool.size())));
    }

    /**
     * Answer sets of synthetic respondents, each a list of (question, kind, value) as the answer
     * table stores them; every closed question shown by the study's rules gets an answer (bar one in
     * 40, left out), from a fixed seed, so every run writes the same answers.
     */
    public static List<List<Row>> closedAnswerPool(ValidatedDefinition definition, int distinct) {
        SplittableRandom random = new SplittableRandom(20_240_414L);
        List<List<Row>> pool = new ArrayList<>();
        for (int p = 0; p < distinct; p++) {
            Map<String, AnswerValue> given = new HashMap<>();
            List<Row> rows = new ArrayList<>();
            for (StudyDefinition.Section section : definition.definition().sections()) {
                for (StudyDefinition.Question question : section.questions()) {
                    QuestionType type = question.type();
                    boolean closed =
                            type == QuestionType.SINGLE || type == QuestionType.SCALE || type == QuestionType.MULTI;
                    if (!closed || !definition.isShown(question.id(), given) || random.nextInt(40) == 0) {
                        continue;
                    }
                    List<StudyDefinition.Option> options = question.options();
                    if (question.preferNotToSay() && random.nextInt(50) == 0) {
                        given.put(question.id(), new AnswerValue.PreferNotToSay());
                        rows.add(new Row(question.id(), AnswerValue.PREFER_NOT_TO_SAY, null));
                    } else if (question.notApplicable() != null && random.nextInt(12) == 0) {
                        String code = question.notApplicable().code();
                        given.put(question.id(), new AnswerValue.Choice(code));
                        rows.add(new Row(question.id(), "code", code));
                    } else if (type == QuestionType.MULTI) {
                        List<String> chosen = new ArrayList<>();
                        int ticks = 1 + random.nextInt(3);
                        for (int t = 0; t < ticks; t++) {
                            String code =
                                    options.get(random.nextInt(options.size())).code();
                            if (!chosen.contains(code)) {
                                chosen.add(code);
                            }
                        }
                        given.put(question.id(), new AnswerValue.Choices(chosen));
                        rows.add(new Row(question.id(), "codes", String.join(";", chosen)));
                    } else {
                        String code =
                                options.get(random.nextInt(options.size())).code();
                        given.put(question.id(), new AnswerValue.Choice(code));
                        rows.add(new Row(question.id(), "code", code));
                    }
                }
            }
            pool.add(rows);
        }
        return pool;
    }

    /**
     * The pending rows as SQL text. Values are written as escaped literals: every one is synthetic,
     * made by the benchmark itself, never user input.
     */
    private final class Batch {
        private static final String AT = "'2026-01-01 00:00:00'";
        private final StringBuilder participants = new StringBuilder();
        private final StringBuilder responses = new StringBuilder();
        private final StringBuilder answers = new StringBuilder();
        private int answerRows;

        void response(long id) {
            String pseudonym = String.format(Locale.ROOT, "B%025d", id);
            participants
                    .append(participants.isEmpty() ? "(" : ",(")
                    .append(id)
                    .append(',')
                    .append(literal(studyId))
                    .append(',')
                    .append(literal(pseudonym))
                    .append(',')
                    .append(AT)
                    .append(')');
            responses
                    .append(responses.isEmpty() ? "(" : ",(")
                    .append(id)
                    .append(',')
                    .append(literal(pseudonym))
                    .append(',')
                    .append(literal(studyId))
                    .append(',')
                    .append(versionId)
                    .append(',')
                    .append(id)
                    .append(",'submitted','synthetic',")
                    .append(AT)
                    .append(',')
                    .append(AT)
                    .append(',')
                    .append(AT)
                    .append(')');
        }

        void answer(long responseId, Row row) {
            answers.append(answerRows == 0 ? "(" : ",(")
                    .append(responseId)
                    .append(',')
                    .append(literal(row.questionId()))
                    .append(',')
                    .append(literal(row.kind()))
                    .append(',')
                    .append(row.value() == null ? "NULL" : literal(row.value()))
                    .append(')');
            answerRows++;
        }

        /** Participants and responses go first, since answers refer to them. */
        void flush(Statement statement) throws SQLException {
            if (!participants.isEmpty()) {
                statement.execute(
                        "INSERT INTO participant (id, study_id, pseudonym, created_at) VALUES " + participants);
                statement.execute("INSERT INTO response (id, pseudonym, study_id, study_version_id, participant_id,"
                        + " status, source, created_at, updated_at, submitted_at) VALUES " + responses);
                participants.setLength(0);
                responses.setLength(0);
            }
            if (!answers.isEmpty()) {
                statement.execute("INSERT INTO answer (response_id, question_id, kind, value) VALUES " + answers);
                answers.setLength(0);
                answerRows = 0;
            }
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
