package org.waymark.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/** The index's fields, and how an {@link AnswerDocument} becomes a Lucene document. */
final class AnswerFields {

    static final String ID = "id";
    static final String STUDY = "study";
    static final String RESPONSE = "response";
    static final String RESPONSE_KEY = "response_key";
    static final String RESPONSE_ID = "response_id";
    static final String QUESTION = "question";
    static final String VERSION = "version";
    static final String TEXT = "text";
    static final String EXACT = "text_exact";
    static final String GROUP_PREFIX = "group.";

    /** Analysed text with offsets in the postings, which the highlighter reads instead of re-analysing. */
    private static final FieldType STORED_TEXT = textType(true);

    private static final FieldType UNSTORED_TEXT = textType(false);

    private AnswerFields() {}

    private static FieldType textType(boolean stored) {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setStored(stored);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    static String answerId(String studyId, long responseKey, String questionId) {
        return responseKey(studyId, responseKey) + "/" + questionId;
    }

    static String responseKey(String studyId, long responseKey) {
        return studyId + "/" + responseKey;
    }

    static Term responseTerm(String studyId, long responseKey) {
        return new Term(RESPONSE, responseKey(studyId, responseKey));
    }

    static String groupField(String groupingId) {
        return GROUP_PREFIX + groupingId;
    }

    static Document toDocument(AnswerDocument answer) {
        Document document = new Document();
        document.add(new StringField(ID, answer.id(), Field.Store.YES));
        document.add(new StringField(STUDY, answer.studyId(), Field.Store.NO));
        String response = responseKey(answer.studyId(), answer.responseKey());
        document.add(new StringField(RESPONSE, response, Field.Store.NO));
        document.add(new SortedDocValuesField(RESPONSE, new BytesRef(response)));
        document.add(new StoredField(RESPONSE_KEY, answer.responseKey()));
        document.add(new StoredField(RESPONSE_ID, answer.responseId()));
        document.add(new StringField(QUESTION, answer.questionId(), Field.Store.YES));
        document.add(new IntPoint(VERSION, answer.definitionVersion()));
        document.add(new StoredField(VERSION, answer.definitionVersion()));
        document.add(new Field(TEXT, answer.text(), STORED_TEXT));
        document.add(new Field(EXACT, answer.text(), UNSTORED_TEXT));
        answer.groups().forEach((grouping, group) -> {
            document.add(new StringField(groupField(grouping), group, Field.Store.NO));
            document.add(new SortedDocValuesField(groupField(grouping), new BytesRef(group)));
        });
        return document;
    }
}
