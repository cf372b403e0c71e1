package org.waymark.survey.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.waymark.search.AnswerDocument;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.StudyService;

/**
 * Turns a response into the documents the index holds: one per non-blank free-text answer, each with
 * the participant's group in every grouping of the study's current published definition (the same
 * rules the analysis uses).
 */
@Component
class AnswerDocuments {

    private final StudyService studies;

    AnswerDocuments(StudyService studies) {
        this.studies = studies;
    }

    /** The documents for a response as it is now; none unless it is submitted. */
    List<AnswerDocument> of(IndexedAnswers.ResponseNow response) {
        return of(response, new HashMap<>());
    }

    /**
     * The documents for a response, taking each study's groupings from {@code groupingsByStudy} once a
     * study is in it, which saves a database query per response over a rebuild of many responses. The
     * map is filled as studies are met; a definition published meanwhile reaches the index at the next
     * change to the response or the next rebuild.
     */
    List<AnswerDocument> of(IndexedAnswers.ResponseNow response, Map<String, List<GroupingRule>> groupingsByStudy) {
        if (!response.submitted()) {
            return List.of();
        }
        Map<String, String> groups = new LinkedHashMap<>();
        for (GroupingRule grouping : groupingsByStudy.computeIfAbsent(
                response.studyId(),
                study -> studies.published(study).definition().groupings())) {
            grouping.assign(response.answers()).ifPresent(group -> groups.put(grouping.id(), group.id()));
        }
        int version = studies.definitionOfVersion(response.studyVersionId()).version();
        List<AnswerDocument> documents = new ArrayList<>();
        response.answers().forEach((question, answer) -> {
            if (answer instanceof AnswerValue.Text text && !text.text().isBlank()) {
                documents.add(new AnswerDocument(
                        response.studyId(),
                        response.id(),
                        response.pseudonym(),
                        question,
                        version,
                        text.text(),
                        groups));
            }
        });
        return documents;
    }
}
