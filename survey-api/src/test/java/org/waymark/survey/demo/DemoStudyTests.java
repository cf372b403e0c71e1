package org.waymark.survey.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;

@WaymarkIntegrationTest
class DemoStudyTests {

    @Autowired
    DemoStudy demo;

    @Autowired
    ResponseStore responses;

    @Autowired
    StudyService studies;

    @Autowired
    JdbcClient jdbc;

    @Test
    void holdsTheConfiguredNumberOfSyntheticParticipants() {
        // application-test.yaml asks for 60.
        assertThat(responses.count(DemoStudy.ID, "submitted")).isEqualTo(60);
        assertThat(jdbc.sql("SELECT DISTINCT source FROM response WHERE study_id = ?")
                        .param(DemoStudy.ID)
                        .query(String.class)
                        .list())
                .containsExactly("synthetic");
        assertThat(studies.published(DemoStudy.ID).definition().definition().synthetic())
                .isTrue();
    }

    @Test
    void loadingAgainAddsNothing() {
        demo.loadOnce(60, 1);
        assertThat(responses.count(DemoStudy.ID, "submitted")).isEqualTo(60);
    }

    @Test
    void answersOnlyWhatTheConditionsShowAndOnlyWithOptionsThatExist() {
        ValidatedDefinition definition = studies.published(DemoStudy.ID).definition();
        List<Long> ids = jdbc.sql("SELECT id FROM response WHERE study_id = ?")
                .param(DemoStudy.ID)
                .query(Long.class)
                .list();
        for (long id : ids) {
            Map<String, AnswerValue> answers = responses.answers(id);
            answers.forEach((questionId, answer) -> {
                var question = definition.question(questionId).orElseThrow();
                assertThat(definition.isShown(questionId, answers))
                        .as("%s answered while hidden", questionId)
                        .isTrue();
                var known = new java.util.HashSet<String>();
                question.options().forEach(option -> known.add(option.code()));
                if (question.notApplicable() != null) {
                    known.add(question.notApplicable().code());
                }
                assertThat(known).containsAll(answer.codes());
            });
            assertThat(answers).containsEntry("age_18_plus", new AnswerValue.Choice("yes"));
        }
    }

    @Test
    void writesAnIndexOutboxRowAndConsentForEveryResponse() {
        assertThat(jdbc.sql("""
                                SELECT COUNT(*) FROM response r
                                JOIN consent c ON c.response_id = r.id
                                JOIN index_outbox o ON o.response_id = r.id
                                WHERE r.study_id = ?""").param(DemoStudy.ID).query(Integer.class).single())
                .isEqualTo(60);
    }
}
