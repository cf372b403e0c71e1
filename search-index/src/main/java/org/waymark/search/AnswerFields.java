package org.waymark.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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
    /**
     * Each pair of adjacent words as written, one term per pair at the position of its first word:
     * phrases are looked up here. (Format 2 indexes held pairs without positions in {@code text_pairs};
     * a field cannot gain positions, so this one has a new name.)
     */
    static final String PAIRS = "text_word_pairs";

    static final String GROUP_PREFIX = "group.";
    /** Every group of the participant, in one value, so that counting reads one value per participant. */
    static final String GROUPS = "groups";

    /** Analysed text with offsets in the postings, which the highlighter reads instead of re-analysing. */
    private static final FieldType STORED_TEXT = textType(true);

    private static final FieldType UNSTORED_TEXT = textType(false);

    /**
     * Pairs need which answers hold them, how often, and where (for phrases of three words or more):
     * no offsets or lengths.
     */
    private static final FieldType PAIR_TEXT = pairType();

    private AnswerFields() {}

    private static FieldType textType(boolean stored) {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setStored(stored);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    private static FieldType pairType() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setOmitNorms(true);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.freeze();
        return type;
    }

    /** The term that stands for two adjacent words in {@link #PAIRS}. */
    static String pair(String first, String second) {
        return first + AnswerAnalyzers.PAIR_SEPARATOR + second;
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
        document.add(new Field(PAIRS, answer.text(), PAIR_TEXT));
        answer.groups().forEach((grouping, group) -> {
            document.add(new StringField(groupField(grouping), group, Field.Store.NO));
            document.add(new SortedDocValuesField(groupField(grouping), new BytesRef(group)));
        });
        document.add(new SortedDocValuesField(GROUPS, new BytesRef(encodeGroups(answer.groups()))));
        return document;
    }

    /**
     * A participant's groups as one string: each grouping id and group id, in grouping order, written
     * as its length, a colon and itself, so that no id can be mistaken for a separator.
     */
    static String encodeGroups(Map<String, String> groups) {
        StringBuilder encoded = new StringBuilder();
        new TreeMap<>(groups).forEach((grouping, group) -> {
            encoded.append(grouping.length()).append(':').append(grouping);
            encoded.append(group.length()).append(':').append(group);
        });
        return encoded.toString();
    }

    /** The groups {@link #encodeGroups} wrote, by grouping id. */
    static Map<String, String> decodeGroups(String encoded) {
        Map<String, String> groups = new LinkedHashMap<>();
        int[] at = {0};
        while (at[0] < encoded.length()) {
            String grouping = next(encoded, at);
            groups.put(grouping, next(encoded, at));
        }
        return groups;
    }

    private static String next(String encoded, int[] at) {
        int colon = encoded.indexOf(':', at[0]);
        int length = Integer.parseInt(encoded, at[0], colon, 10);
        at[0] = colon + 1 + length;
        return encoded.substring(colon + 1, at[0]);
    }
}
