package org.waymark.survey.exports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.themes.CodedText;

/**
 * A study's free-text answers with the themes coded in them: as CSV (one row per answer), and as the
 * documents of a REFI-QDA project (one per response: each answered free-text question's text, then
 * the answer), with the codings placed on them.
 */
final class FreeText {

    /** One answer to a free-text question. */
    record Answer(String responseId, StudyDefinition.Question question, String text) {}

    /**
     * A coding on a document, in Unicode code points from the document's start.
     *
     * @param theme the theme's code
     */
    record Selection(String theme, int start, int end) {}

    /** One response's free text as a document for a QDA tool. */
    record Document(String responseId, String text, List<Selection> selections) {}

    private final List<StudyDefinition.Question> questions = new ArrayList<>();
    private final List<Answer> answers = new ArrayList<>();

    FreeText(ValidatedDefinition definition) {
        for (StudyDefinition.Section section : definition.definition().sections()) {
            for (StudyDefinition.Question question : section.questions()) {
                if (question.type() == QuestionType.TEXT) {
                    questions.add(question);
                }
            }
        }
    }

    /** Takes a response's free-text answers, in the definition's order. */
    void add(ResponseRows.Row row) {
        for (StudyDefinition.Question question : questions) {
            if (row.answers().get(question.id()) instanceof AnswerValue.Text text) {
                answers.add(new Answer(row.responseId(), question, text.text()));
            }
        }
    }

    List<Answer> answers() {
        return answers;
    }

    static final List<String> CSV_HEADER = List.of("response_id", "question", "text", "themes", "theme_names");

    /** One row per answer; a theme counts for an answer if it was coded anywhere in it. */
    String csv(List<CodedText.Theme> themes, List<CodedText.Coded> codings) {
        Map<String, String> names = new HashMap<>();
        themes.forEach(theme -> names.put(theme.code(), theme.name()));
        Map<String, TreeSet<String>> byAnswer = new HashMap<>();
        codings.forEach(
                coded -> byAnswer.computeIfAbsent(key(coded.responseId(), coded.question()), k -> new TreeSet<>())
                        .add(coded.theme()));
        StringBuilder out = new StringBuilder(CsvCells.BYTE_ORDER_MARK);
        CsvCells.row(out, CSV_HEADER);
        for (Answer answer : answers) {
            TreeSet<String> coded = byAnswer.getOrDefault(
                    key(answer.responseId(), answer.question().id()), new TreeSet<>());
            CsvCells.row(
                    out,
                    List.of(
                            answer.responseId(),
                            answer.question().id(),
                            answer.text(),
                            String.join(";", coded),
                            String.join(
                                    "; ",
                                    coded.stream()
                                            .map(code -> names.getOrDefault(code, code))
                                            .toList())));
        }
        return out.toString();
    }

    /** One document per response that wrote free text; codings of a whole answer cover the answer. */
    List<Document> documents(List<CodedText.Coded> codings) {
        Map<String, List<CodedText.Coded>> byAnswer = new HashMap<>();
        codings.forEach(
                coded -> byAnswer.computeIfAbsent(key(coded.responseId(), coded.question()), k -> new ArrayList<>())
                        .add(coded));
        Map<String, StringBuilder> texts = new LinkedHashMap<>();
        Map<String, List<Selection>> selections = new HashMap<>();
        for (Answer answer : answers) {
            StringBuilder text = texts.computeIfAbsent(answer.responseId(), id -> new StringBuilder());
            List<Selection> placed = selections.computeIfAbsent(answer.responseId(), id -> new ArrayList<>());
            text.append(answer.question().text()).append("\n\n");
            int start = text.codePointCount(0, text.length());
            int length = answer.text().codePointCount(0, answer.text().length());
            text.append(answer.text()).append("\n\n");
            for (CodedText.Coded coded : byAnswer.getOrDefault(
                    key(answer.responseId(), answer.question().id()), List.of())) {
                boolean whole = coded.start() == null || coded.end() == null;
                int from = whole ? 0 : Math.min(coded.start(), length);
                int to = whole ? length : Math.min(coded.end(), length);
                if (to > from) {
                    placed.add(new Selection(coded.theme(), start + from, start + to));
                }
            }
        }
        List<Document> documents = new ArrayList<>();
        texts.forEach((id, text) -> documents.add(new Document(id, text.toString(), List.copyOf(selections.get(id)))));
        return documents;
    }

    private static String key(String responseId, String question) {
        return responseId + "/" + question;
    }
}
